"""The coach who talks: free-form questions answered with a model and tools, or offline."""

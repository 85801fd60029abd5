"""One module per ``gainsly`` subcommand; each defines ``register(subparsers)``."""

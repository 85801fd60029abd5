"""The logbook: quick workout logs, check-ins, corrections and imports, stored completely.

``parser`` reads what lifters type (pure); ``service`` stores it through the repositories in
the caller's unit of work; ``csv_io`` moves history in and out as Strong/Hevy CSV.
"""

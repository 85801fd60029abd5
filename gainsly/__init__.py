"""Gainsly: a strength and hybrid-training coach for Telegram and the terminal.

This package is the composition root and command line; the product lives in ``coach/``
(the brain), ``db/`` (storage) and ``bot/`` (the Telegram adapter).
"""

__version__ = "0.1.0"

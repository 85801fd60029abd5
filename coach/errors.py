"""Errors the coach raises on purpose, each with a message fit to show a lifter or operator."""

from __future__ import annotations


class CoachError(Exception):
    """Base of every deliberate coach error."""


class InvalidInput(CoachError):
    """The input cannot be used as given; the message names the problem and, where it can, a fix."""

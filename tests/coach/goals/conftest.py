from tests.coach.planning.support import clock, deps, system_catalog

__all__ = ["clock", "deps", "system_catalog"]

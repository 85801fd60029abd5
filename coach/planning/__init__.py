"""Program generation: from a lifter's profile to an 8–12 week program (see ``generator``).

``generate`` is pure and deterministic; ``service.create_program`` stores its result. Swaps,
movement rules and rendering build on the same plan model.
"""

from coach.planning.generator import generate, profile_seed
from coach.planning.model import PlannedExercise, PlannedMicrocycle, PlannedSession, ProgramPlan

__all__ = [
    "PlannedExercise",
    "PlannedMicrocycle",
    "PlannedSession",
    "ProgramPlan",
    "generate",
    "profile_seed",
]

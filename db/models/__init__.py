"""Every table of the Gainsly schema. Importing this package registers them all on ``Base``."""

from db.models.activities import ActivityDefinition, ActivityInstance, ActivityMuscleMap, Discipline, Muscle
from db.models.conversation import ChatState, ConversationThread, ConversationTurn
from db.models.goals import GoalCheckin, MacroCycle, UserGoal
from db.models.logs import PatternExposure, RecoverySignal, SorenessLog, TopSetLog, WorkoutLog
from db.models.movements import CircuitTemplate, Movement, MovementRelationship
from db.models.operations import HeuristicConfig, ProcessedUpdate, ReminderDelivery, RestTimer
from db.models.programs import Microcycle, Program, Session, SessionExercise
from db.models.users import User, UserEnjoyableActivity, UserMovementRule, UserSettings

__all__ = [
    "ActivityDefinition",
    "ActivityInstance",
    "ActivityMuscleMap",
    "ChatState",
    "CircuitTemplate",
    "ConversationThread",
    "ConversationTurn",
    "Discipline",
    "GoalCheckin",
    "HeuristicConfig",
    "MacroCycle",
    "Microcycle",
    "Movement",
    "MovementRelationship",
    "Muscle",
    "PatternExposure",
    "ProcessedUpdate",
    "Program",
    "RecoverySignal",
    "ReminderDelivery",
    "RestTimer",
    "Session",
    "SessionExercise",
    "SorenessLog",
    "TopSetLog",
    "User",
    "UserEnjoyableActivity",
    "UserGoal",
    "UserMovementRule",
    "UserSettings",
    "WorkoutLog",
]

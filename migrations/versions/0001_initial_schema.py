"""Initial schema: every table and enum type of the database overview and its supplement.

Generated from the models with autogenerate, then read through: enum types are created
before the tables that use them and dropped after them (alembic-postgresql-enum emits the
drops in downgrade), foreign keys carry the ON DELETE rules the models declare, and the two
partial unique indexes (one active program per lifter, one active version per heuristic)
keep their WHERE clauses.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 10:46:14.417086
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    sa.Enum(
        "TENNIS",
        "BOULDERING",
        "CYCLING",
        "SWIMMING",
        "HIKING",
        "BASKETBALL",
        "FOOTBALL",
        "YOGA",
        "MARTIAL_ARTS",
        "DANCE",
        "OTHER",
        name="enjoyableactivity",
    ).create(op.get_bind())
    sa.Enum("PER_MICROCYCLE", "WEEKLY", "BIWEEKLY", name="rulecadence").create(op.get_bind())
    sa.Enum("HARD_NO", "HARD_YES", "PREFERRED", name="movementruletype").create(op.get_bind())
    sa.Enum("BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT", name="experiencelevel").create(op.get_bind())
    sa.Enum(
        "WARMUP",
        "MAIN",
        "ACCESSORY",
        "SKILL",
        "FINISHER",
        "COOLDOWN",
        name="exerciserole",
    ).create(op.get_bind())
    sa.Enum(
        "UPPER",
        "LOWER",
        "PUSH",
        "PULL",
        "LEGS",
        "FULL_BODY",
        "CARDIO",
        "MOBILITY",
        "RECOVERY",
        "SKILL",
        "CUSTOM",
        name="sessiontype",
    ).create(op.get_bind())
    sa.Enum("PLANNED", "ACTIVE", "COMPLETE", name="microcyclestatus").create(op.get_bind())
    sa.Enum(
        "CONSERVATIVE",
        "MODERATE_CONSERVATIVE",
        "BALANCED",
        "MODERATE_AGGRESSIVE",
        "AGGRESSIVE",
        name="personaaggression",
    ).create(op.get_bind())
    sa.Enum(
        "DRILL_SERGEANT",
        "SUPPORTIVE",
        "ANALYTICAL",
        "MOTIVATIONAL",
        "MINIMALIST",
        name="personatone",
    ).create(op.get_bind())
    sa.Enum(
        "SINGLE_PROGRESSION",
        "DOUBLE_PROGRESSION",
        "PAUSED_VARIATIONS",
        "BUILD_TO_DROP",
        "WAVE_LOADING",
        name="progressionstyle",
    ).create(op.get_bind())
    sa.Enum("UPPER_LOWER", "PPL", "FULL_BODY", "HYBRID", name="splittemplate").create(op.get_bind())
    sa.Enum(
        "STRENGTH",
        "HYPERTROPHY",
        "ENDURANCE",
        "FAT_LOSS",
        "MOBILITY",
        "EXPLOSIVENESS",
        "SPEED",
        name="goal",
    ).create(op.get_bind())
    sa.Enum(
        "ROUNDS_FOR_TIME",
        "AMRAP",
        "EMOM",
        "LADDER",
        "TABATA",
        "CHIPPER",
        "STATION",
        name="circuittype",
    ).create(op.get_bind())
    sa.Enum(
        "DUMMY",
        "MANUAL",
        "GARMIN",
        "APPLE",
        "AURA_RING",
        "WHOOP_BAND",
        name="recoverysource",
    ).create(op.get_bind())
    sa.Enum(
        "SQUAT",
        "HINGE",
        "HORIZONTAL_PUSH",
        "VERTICAL_PUSH",
        "HORIZONTAL_PULL",
        "VERTICAL_PULL",
        "CARRY",
        "CORE",
        "LUNGE",
        "ROTATION",
        "PLYOMETRIC",
        "OLYMPIC",
        "ISOLATION",
        "MOBILITY",
        "ISOMETRIC",
        "CONDITIONING",
        "CARDIO",
        name="movementpattern",
    ).create(op.get_bind())
    sa.Enum("EPLEY", "BRZYCKI", "LOMBARDI", "OCONNER", name="e1rmformula").create(op.get_bind())
    sa.Enum("ACTIVE", "PAUSED", "COMPLETED", "CANCELLED", name="goalstatus").create(op.get_bind())
    sa.Enum(
        "BODY_COMPOSITION",
        "STRENGTH_1RM",
        "ENDURANCE_EVENT",
        "HABIT_CONSISTENCY",
        "SKILL_ACQUISITION",
        name="goaltype",
    ).create(op.get_bind())
    sa.Enum("PRIVATE", "FRIENDS", "PUBLIC", name="visibility").create(op.get_bind())
    sa.Enum("PLANNED", "MANUAL", "IMPORTED", name="activitysource").create(op.get_bind())
    sa.Enum("REPS", "TIME", "TIME_UNDER_TENSION", "DISTANCE", name="metrictype").create(op.get_bind())
    sa.Enum("WORKOUT", "SPORT", "OUTDOOR", "WELLNESS", name="activitycategory").create(op.get_bind())
    sa.Enum("TRAINING", "SPORTS", "OUTDOOR", "WELLNESS", name="disciplinecategory").create(op.get_bind())
    op.create_table(
        "circuit_templates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "circuit_type",
            postgresql.ENUM(
                "ROUNDS_FOR_TIME",
                "AMRAP",
                "EMOM",
                "LADDER",
                "TABATA",
                "CHIPPER",
                "STATION",
                name="circuittype",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("difficulty_level", sa.String(length=50), nullable=True),
        sa.Column("rounds", sa.Integer(), nullable=True),
        sa.Column("time_cap_seconds", sa.Integer(), nullable=True),
        sa.Column("movements_json", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "rounds IS NULL OR rounds >= 1",
            name=op.f("ck_circuit_templates_rounds_positive"),
        ),
        sa.CheckConstraint(
            "time_cap_seconds IS NULL OR time_cap_seconds > 0",
            name=op.f("ck_circuit_templates_time_cap_positive"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circuit_templates")),
    )
    op.create_index(op.f("ix_circuit_templates_name"), "circuit_templates", ["name"], unique=False)
    op.create_table(
        "disciplines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            postgresql.ENUM(
                "TRAINING",
                "SPORTS",
                "OUTDOOR",
                "WELLNESS",
                name="disciplinecategory",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disciplines")),
    )
    op.create_index(op.f("ix_disciplines_slug"), "disciplines", ["slug"], unique=True)
    op.create_table(
        "heuristic_configs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("json_blob", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_heuristic_configs")),
        sa.UniqueConstraint("name", "version", name="uq_heuristic_configs_name_version"),
    )
    op.create_index(
        op.f("ix_heuristic_configs_active"),
        "heuristic_configs",
        ["active"],
        unique=False,
    )
    op.create_index(op.f("ix_heuristic_configs_name"), "heuristic_configs", ["name"], unique=False)
    op.create_index(
        "uq_heuristic_configs_one_active",
        "heuristic_configs",
        ["name"],
        unique=True,
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "muscles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_muscles")),
        sa.UniqueConstraint("slug", name=op.f("uq_muscles_slug")),
    )
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_processed_updates")),
    )
    op.create_index(
        op.f("ix_processed_updates_processed_at"),
        "processed_updates",
        ["processed_at"],
        unique=False,
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column(
            "experience_level",
            postgresql.ENUM(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                name="experiencelevel",
                create_type=False,
            ),
            server_default="INTERMEDIATE",
            nullable=False,
        ),
        sa.Column(
            "persona_tone",
            postgresql.ENUM(
                "DRILL_SERGEANT",
                "SUPPORTIVE",
                "ANALYTICAL",
                "MOTIVATIONAL",
                "MINIMALIST",
                name="personatone",
                create_type=False,
            ),
            server_default="SUPPORTIVE",
            nullable=False,
        ),
        sa.Column(
            "persona_aggression",
            postgresql.ENUM(
                "CONSERVATIVE",
                "MODERATE_CONSERVATIVE",
                "BALANCED",
                "MODERATE_AGGRESSIVE",
                "AGGRESSIVE",
                name="personaaggression",
                create_type=False,
            ),
            server_default="BALANCED",
            nullable=False,
        ),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("telegram_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("local_handle", sa.String(length=100), nullable=True),
        sa.Column("onboarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("local_handle", name=op.f("uq_users_local_handle")),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_users_telegram_user_id")),
    )
    op.create_table(
        "activity_definitions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            postgresql.ENUM(
                "WORKOUT",
                "SPORT",
                "OUTDOOR",
                "WELLNESS",
                name="activitycategory",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("discipline_id", sa.Integer(), nullable=True),
        sa.Column(
            "default_metric_type",
            postgresql.ENUM(
                "REPS",
                "TIME",
                "TIME_UNDER_TENSION",
                "DISTANCE",
                name="metrictype",
                create_type=False,
            ),
            nullable=True,
        ),
        sa.Column("default_equipment_tags", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["disciplines.id"],
            name=op.f("fk_activity_definitions_discipline_id_disciplines"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_definitions")),
    )
    op.create_index(
        op.f("ix_activity_definitions_category"),
        "activity_definitions",
        ["category"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_definitions_discipline_id"),
        "activity_definitions",
        ["discipline_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_definitions_name"),
        "activity_definitions",
        ["name"],
        unique=False,
    )
    op.create_table(
        "chat_states",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(length=50), nullable=True),
        sa.Column("step", sa.String(length=50), nullable=True),
        sa.Column("data_json", sa.JSON(), server_default=sa.text("'{}'::json"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_chat_states_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_chat_states")),
    )
    op.create_table(
        "macro_cycles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_macro_cycles_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_macro_cycles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_macro_cycles")),
    )
    op.create_index(op.f("ix_macro_cycles_user_id"), "macro_cycles", ["user_id"], unique=False)
    op.create_table(
        "movements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("pattern", sa.String(length=50), nullable=False),
        sa.Column("primary_muscle", sa.String(length=50), nullable=False),
        sa.Column("primary_region", sa.String(length=50), nullable=False),
        sa.Column(
            "secondary_muscles",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column("cns_load", sa.String(length=50), server_default="moderate", nullable=False),
        sa.Column(
            "skill_level",
            sa.String(length=50),
            server_default="intermediate",
            nullable=False,
        ),
        sa.Column("compound", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column(
            "is_complex_lift",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column(
            "is_unilateral",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column("metric_type", sa.String(length=50), server_default="reps", nullable=False),
        sa.Column(
            "primary_discipline",
            sa.String(length=50),
            server_default="All",
            nullable=False,
        ),
        sa.Column(
            "discipline_tags",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column(
            "equipment_tags",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column("tags", sa.JSON(), server_default=sa.text("'[]'::json"), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "coaching_cues",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column("substitution_group", sa.String(length=100), nullable=True),
        sa.Column("aliases", sa.JSON(), server_default=sa.text("'[]'::json"), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_movements_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_movements")),
    )
    op.create_index(op.f("ix_movements_name"), "movements", ["name"], unique=True)
    op.create_index(op.f("ix_movements_pattern"), "movements", ["pattern"], unique=False)
    op.create_index(
        op.f("ix_movements_primary_muscle"),
        "movements",
        ["primary_muscle"],
        unique=False,
    )
    op.create_index(
        op.f("ix_movements_primary_region"),
        "movements",
        ["primary_region"],
        unique=False,
    )
    op.create_index(
        op.f("ix_movements_substitution_group"),
        "movements",
        ["substitution_group"],
        unique=False,
    )
    op.create_index(op.f("ix_movements_user_id"), "movements", ["user_id"], unique=False)
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="claimed", nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('daily', 'evening', 'weekly')",
            name=op.f("ck_reminder_deliveries_kind_known"),
        ),
        sa.CheckConstraint(
            "status IN ('claimed', 'sent', 'skipped', 'failed')",
            name=op.f("ck_reminder_deliveries_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_reminder_deliveries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_deliveries")),
        sa.UniqueConstraint(
            "user_id",
            "local_date",
            "kind",
            name="uq_reminder_deliveries_user_date_kind",
        ),
    )
    op.create_index(
        op.f("ix_reminder_deliveries_lease_expires_at"),
        "reminder_deliveries",
        ["lease_expires_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_reminder_deliveries_user_id"),
        "reminder_deliveries",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "rest_timers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="running", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'cancelled')",
            name=op.f("ck_rest_timers_status_known"),
        ),
        sa.CheckConstraint("duration_seconds > 0", name=op.f("ck_rest_timers_duration_positive")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_rest_timers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rest_timers")),
    )
    op.create_index(op.f("ix_rest_timers_ends_at"), "rest_timers", ["ends_at"], unique=False)
    op.create_index(op.f("ix_rest_timers_user_id"), "rest_timers", ["user_id"], unique=False)
    op.create_table(
        "user_enjoyable_activities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "activity_type",
            postgresql.ENUM(
                "TENNIS",
                "BOULDERING",
                "CYCLING",
                "SWIMMING",
                "HIKING",
                "BASKETBALL",
                "FOOTBALL",
                "YOGA",
                "MARTIAL_ARTS",
                "DANCE",
                "OTHER",
                name="enjoyableactivity",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("custom_name", sa.String(length=100), nullable=True),
        sa.Column(
            "recommend_every_days",
            sa.Integer(),
            server_default=sa.text("28"),
            nullable=False,
        ),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "recommend_every_days >= 1",
            name=op.f("ck_user_enjoyable_activities_recommend_every_days_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_enjoyable_activities_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_enjoyable_activities")),
    )
    op.create_index(
        op.f("ix_user_enjoyable_activities_user_id"),
        "user_enjoyable_activities",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "user_settings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "active_e1rm_formula",
            postgresql.ENUM(
                "EPLEY",
                "BRZYCKI",
                "LOMBARDI",
                "OCONNER",
                name="e1rmformula",
                create_type=False,
            ),
            server_default="EPLEY",
            nullable=False,
        ),
        sa.Column("use_metric", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("reminder_time", sa.Time(), nullable=True),
        sa.Column(
            "reminders_enabled",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
        ),
        sa.Column("session_minutes", sa.Integer(), server_default="60", nullable=False),
        sa.Column("equipment", sa.JSON(), server_default=sa.text("'[]'::json"), nullable=False),
        sa.Column("reminder_snoozed_on", sa.Date(), nullable=True),
        sa.Column(
            "evening_nudge_enabled",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column(
            "weekly_summary_enabled",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "session_minutes BETWEEN 10 AND 300",
            name=op.f("ck_user_settings_session_minutes_range"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_settings")),
        sa.UniqueConstraint("user_id", name=op.f("uq_user_settings_user_id")),
    )
    op.create_table(
        "activity_muscle_map",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("activity_definition_id", sa.Integer(), nullable=False),
        sa.Column("muscle_id", sa.Integer(), nullable=False),
        sa.Column("magnitude", sa.Float(), server_default="1.0", nullable=False),
        sa.Column("cns_impact", sa.Float(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "cns_impact IS NULL OR (cns_impact >= 0 AND cns_impact <= 1)",
            name=op.f("ck_activity_muscle_map_cns_impact_range"),
        ),
        sa.CheckConstraint("magnitude > 0", name=op.f("ck_activity_muscle_map_magnitude_positive")),
        sa.ForeignKeyConstraint(
            ["activity_definition_id"],
            ["activity_definitions.id"],
            name=op.f("fk_activity_muscle_map_activity_definition_id_activity_definitions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["muscle_id"],
            ["muscles.id"],
            name=op.f("fk_activity_muscle_map_muscle_id_muscles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_muscle_map")),
        sa.UniqueConstraint("activity_definition_id", "muscle_id", name="uq_activity_muscle_map_pair"),
    )
    op.create_index(
        op.f("ix_activity_muscle_map_activity_definition_id"),
        "activity_muscle_map",
        ["activity_definition_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_muscle_map_muscle_id"),
        "activity_muscle_map",
        ["muscle_id"],
        unique=False,
    )
    op.create_table(
        "movement_relationships",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_movement_id", sa.Integer(), nullable=False),
        sa.Column("target_movement_id", sa.Integer(), nullable=False),
        sa.Column("relationship_type", sa.String(length=50), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "source_movement_id <> target_movement_id",
            name=op.f("ck_movement_relationships_not_self"),
        ),
        sa.ForeignKeyConstraint(
            ["source_movement_id"],
            ["movements.id"],
            name=op.f("fk_movement_relationships_source_movement_id_movements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_movement_id"],
            ["movements.id"],
            name=op.f("fk_movement_relationships_target_movement_id_movements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_movement_relationships")),
        sa.UniqueConstraint(
            "source_movement_id",
            "target_movement_id",
            "relationship_type",
            name="uq_movement_relationships_edge",
        ),
    )
    op.create_index(
        op.f("ix_movement_relationships_relationship_type"),
        "movement_relationships",
        ["relationship_type"],
        unique=False,
    )
    op.create_index(
        op.f("ix_movement_relationships_source_movement_id"),
        "movement_relationships",
        ["source_movement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_movement_relationships_target_movement_id"),
        "movement_relationships",
        ["target_movement_id"],
        unique=False,
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("macro_cycle_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("duration_weeks", sa.Integer(), nullable=False),
        sa.Column(
            "goal_1",
            postgresql.ENUM(
                "STRENGTH",
                "HYPERTROPHY",
                "ENDURANCE",
                "FAT_LOSS",
                "MOBILITY",
                "EXPLOSIVENESS",
                "SPEED",
                name="goal",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "goal_2",
            postgresql.ENUM(
                "STRENGTH",
                "HYPERTROPHY",
                "ENDURANCE",
                "FAT_LOSS",
                "MOBILITY",
                "EXPLOSIVENESS",
                "SPEED",
                name="goal",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "goal_3",
            postgresql.ENUM(
                "STRENGTH",
                "HYPERTROPHY",
                "ENDURANCE",
                "FAT_LOSS",
                "MOBILITY",
                "EXPLOSIVENESS",
                "SPEED",
                name="goal",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("goal_weight_1", sa.Integer(), nullable=False),
        sa.Column("goal_weight_2", sa.Integer(), nullable=False),
        sa.Column("goal_weight_3", sa.Integer(), nullable=False),
        sa.Column(
            "split_template",
            postgresql.ENUM(
                "UPPER_LOWER",
                "PPL",
                "FULL_BODY",
                "HYBRID",
                name="splittemplate",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("days_per_week", sa.Integer(), nullable=False),
        sa.Column(
            "progression_style",
            postgresql.ENUM(
                "SINGLE_PROGRESSION",
                "DOUBLE_PROGRESSION",
                "PAUSED_VARIATIONS",
                "BUILD_TO_DROP",
                "WAVE_LOADING",
                name="progressionstyle",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("hybrid_definition", sa.JSON(), nullable=True),
        sa.Column("disciplines_json", sa.JSON(), nullable=True),
        sa.Column(
            "deload_every_n_microcycles",
            sa.Integer(),
            server_default=sa.text("4"),
            nullable=False,
        ),
        sa.Column(
            "persona_tone",
            postgresql.ENUM(
                "DRILL_SERGEANT",
                "SUPPORTIVE",
                "ANALYTICAL",
                "MOTIVATIONAL",
                "MINIMALIST",
                name="personatone",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "persona_aggression",
            postgresql.ENUM(
                "CONSERVATIVE",
                "MODERATE_CONSERVATIVE",
                "BALANCED",
                "MODERATE_AGGRESSIVE",
                "AGGRESSIVE",
                name="personaaggression",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("is_template", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "visibility",
            postgresql.ENUM("PRIVATE", "FRIENDS", "PUBLIC", name="visibility", create_type=False),
            server_default="PRIVATE",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("seed", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("profile_json", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "deload_every_n_microcycles >= 1",
            name=op.f("ck_programs_deload_every_positive"),
        ),
        sa.CheckConstraint(
            "duration_weeks >= 8 AND duration_weeks <= 12",
            name=op.f("ck_programs_duration_weeks_range"),
        ),
        sa.CheckConstraint(
            "goal_weight_1 + goal_weight_2 + goal_weight_3 = 10",
            name=op.f("ck_programs_goal_weights_sum_10"),
        ),
        sa.CheckConstraint(
            "goal_weight_1 >= 0 AND goal_weight_2 >= 0 AND goal_weight_3 >= 0",
            name=op.f("ck_programs_goal_weights_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["macro_cycle_id"],
            ["macro_cycles.id"],
            name=op.f("fk_programs_macro_cycle_id_macro_cycles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_programs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
    )
    op.create_index(op.f("ix_programs_macro_cycle_id"), "programs", ["macro_cycle_id"], unique=False)
    op.create_index(op.f("ix_programs_user_id"), "programs", ["user_id"], unique=False)
    op.create_index(
        "uq_programs_one_active_per_user",
        "programs",
        ["user_id"],
        unique=True,
        postgresql_where=sa.text("is_active AND NOT is_template"),
    )
    op.create_table(
        "user_movement_rules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column(
            "rule_type",
            postgresql.ENUM(
                "HARD_NO",
                "HARD_YES",
                "PREFERRED",
                name="movementruletype",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "cadence",
            postgresql.ENUM(
                "PER_MICROCYCLE",
                "WEEKLY",
                "BIWEEKLY",
                name="rulecadence",
                create_type=False,
            ),
            server_default="PER_MICROCYCLE",
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_user_movement_rules_movement_id_movements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_movement_rules_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_movement_rules")),
        sa.UniqueConstraint("user_id", "movement_id", name="uq_user_movement_rules_user_movement"),
    )
    op.create_index(
        op.f("ix_user_movement_rules_movement_id"),
        "user_movement_rules",
        ["movement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_user_movement_rules_user_id"),
        "user_movement_rules",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("macro_cycle_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column(
            "goal_type",
            postgresql.ENUM(
                "BODY_COMPOSITION",
                "STRENGTH_1RM",
                "ENDURANCE_EVENT",
                "HABIT_CONSISTENCY",
                "SKILL_ACQUISITION",
                name="goaltype",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("target_json", sa.JSON(), nullable=True),
        sa.Column("priority", sa.Integer(), server_default=sa.text("3"), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM(
                "ACTIVE",
                "PAUSED",
                "COMPLETED",
                "CANCELLED",
                name="goalstatus",
                create_type=False,
            ),
            server_default="ACTIVE",
            nullable=False,
        ),
        sa.Column("effective_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_to", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "effective_to IS NULL OR effective_to >= effective_from",
            name=op.f("ck_goals_effective_ordered"),
        ),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_goals_priority_range")),
        sa.ForeignKeyConstraint(
            ["macro_cycle_id"],
            ["macro_cycles.id"],
            name=op.f("fk_goals_macro_cycle_id_macro_cycles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_goals_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_goals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    op.create_index(op.f("ix_goals_macro_cycle_id"), "goals", ["macro_cycle_id"], unique=False)
    op.create_index(op.f("ix_goals_program_id"), "goals", ["program_id"], unique=False)
    op.create_index(op.f("ix_goals_user_id"), "goals", ["user_id"], unique=False)
    op.create_table(
        "microcycles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("length_days", sa.Integer(), nullable=False),
        sa.Column("sequence_number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM(
                "PLANNED",
                "ACTIVE",
                "COMPLETE",
                name="microcyclestatus",
                create_type=False,
            ),
            server_default="PLANNED",
            nullable=False,
        ),
        sa.Column("is_deload", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.CheckConstraint(
            "length_days >= 7 AND length_days <= 10",
            name=op.f("ck_microcycles_length_days_range"),
        ),
        sa.CheckConstraint("sequence_number >= 1", name=op.f("ck_microcycles_sequence_number_positive")),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_microcycles_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_microcycles")),
    )
    op.create_index(op.f("ix_microcycles_program_id"), "microcycles", ["program_id"], unique=False)
    op.create_table(
        "goal_checkins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value_json", sa.JSON(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_checkins_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_checkins")),
    )
    op.create_index(op.f("ix_goal_checkins_goal_id"), "goal_checkins", ["goal_id"], unique=False)
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("microcycle_id", sa.Integer(), nullable=False),
        sa.Column("main_circuit_id", sa.Integer(), nullable=True),
        sa.Column("finisher_circuit_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("day_number", sa.Integer(), nullable=False),
        sa.Column(
            "session_type",
            postgresql.ENUM(
                "UPPER",
                "LOWER",
                "PUSH",
                "PULL",
                "LEGS",
                "FULL_BODY",
                "CARDIO",
                "MOBILITY",
                "RECOVERY",
                "SKILL",
                "CUSTOM",
                name="sessiontype",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "intent_tags",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column("warmup_json", sa.JSON(), nullable=True),
        sa.Column("main_json", sa.JSON(), nullable=True),
        sa.Column("accessory_json", sa.JSON(), nullable=True),
        sa.Column("finisher_json", sa.JSON(), nullable=True),
        sa.Column("cooldown_json", sa.JSON(), nullable=True),
        sa.Column("estimated_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("warmup_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("main_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("accessory_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("finisher_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("cooldown_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("coach_notes", sa.Text(), nullable=True),
        sa.Column("adaptation_json", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "day_number >= 1 AND day_number <= 10",
            name=op.f("ck_sessions_day_number_range"),
        ),
        sa.ForeignKeyConstraint(
            ["finisher_circuit_id"],
            ["circuit_templates.id"],
            name=op.f("fk_sessions_finisher_circuit_id_circuit_templates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["main_circuit_id"],
            ["circuit_templates.id"],
            name=op.f("fk_sessions_main_circuit_id_circuit_templates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["microcycle_id"],
            ["microcycles.id"],
            name=op.f("fk_sessions_microcycle_id_microcycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_date"), "sessions", ["date"], unique=False)
    op.create_index(
        op.f("ix_sessions_finisher_circuit_id"),
        "sessions",
        ["finisher_circuit_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_sessions_main_circuit_id"),
        "sessions",
        ["main_circuit_id"],
        unique=False,
    )
    op.create_index(op.f("ix_sessions_microcycle_id"), "sessions", ["microcycle_id"], unique=False)
    op.create_table(
        "activity_instances",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("planned_session_id", sa.Integer(), nullable=True),
        sa.Column("activity_definition_id", sa.Integer(), nullable=True),
        sa.Column(
            "source",
            postgresql.ENUM(
                "PLANNED",
                "MANUAL",
                "IMPORTED",
                name="activitysource",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("performed_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("performed_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("perceived_difficulty", sa.Integer(), nullable=True),
        sa.Column("enjoyment_rating", sa.Integer(), nullable=True),
        sa.Column(
            "visibility",
            postgresql.ENUM("PRIVATE", "FRIENDS", "PUBLIC", name="visibility", create_type=False),
            server_default="PRIVATE",
            nullable=False,
        ),
        sa.CheckConstraint(
            "duration_seconds IS NULL OR duration_seconds >= 0",
            name=op.f("ck_activity_instances_duration_non_negative"),
        ),
        sa.CheckConstraint(
            "enjoyment_rating IS NULL OR enjoyment_rating BETWEEN 1 AND 5",
            name=op.f("ck_activity_instances_enjoyment_rating_range"),
        ),
        sa.CheckConstraint(
            "perceived_difficulty IS NULL OR perceived_difficulty BETWEEN 1 AND 10",
            name=op.f("ck_activity_instances_perceived_difficulty_range"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_definition_id"],
            ["activity_definitions.id"],
            name=op.f("fk_activity_instances_activity_definition_id_activity_definitions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["sessions.id"],
            name=op.f("fk_activity_instances_planned_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_activity_instances_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_instances")),
    )
    op.create_index(
        op.f("ix_activity_instances_activity_definition_id"),
        "activity_instances",
        ["activity_definition_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_instances_performed_start"),
        "activity_instances",
        ["performed_start"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_instances_planned_session_id"),
        "activity_instances",
        ["planned_session_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_instances_source"),
        "activity_instances",
        ["source"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activity_instances_user_id"),
        "activity_instances",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "conversation_threads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("context_session_id", sa.Integer(), nullable=True),
        sa.Column("context_type", sa.String(length=50), nullable=False),
        sa.Column("context_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column(
            "final_plan_accepted",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column("accepted_plan_json", sa.JSON(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["context_session_id"],
            ["sessions.id"],
            name=op.f("fk_conversation_threads_context_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_conversation_threads_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_threads")),
    )
    op.create_index(
        op.f("ix_conversation_threads_context_session_id"),
        "conversation_threads",
        ["context_session_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_conversation_threads_user_id"),
        "conversation_threads",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "recovery_signals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "source",
            postgresql.ENUM(
                "DUMMY",
                "MANUAL",
                "GARMIN",
                "APPLE",
                "AURA_RING",
                "WHOOP_BAND",
                name="recoverysource",
                create_type=False,
            ),
            server_default="DUMMY",
            nullable=False,
        ),
        sa.Column("hrv", sa.Float(), nullable=True),
        sa.Column("resting_hr", sa.Integer(), nullable=True),
        sa.Column("sleep_score", sa.Float(), nullable=True),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("readiness", sa.Float(), nullable=True),
        sa.Column("raw_payload_json", sa.JSON(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("hrv IS NULL OR hrv >= 0", name=op.f("ck_recovery_signals_hrv_non_negative")),
        sa.CheckConstraint(
            "readiness IS NULL OR (readiness >= 0 AND readiness <= 100)",
            name=op.f("ck_recovery_signals_readiness_range"),
        ),
        sa.CheckConstraint(
            "resting_hr IS NULL OR (resting_hr >= 20 AND resting_hr <= 250)",
            name=op.f("ck_recovery_signals_resting_hr_range"),
        ),
        sa.CheckConstraint(
            "sleep_hours IS NULL OR (sleep_hours >= 0 AND sleep_hours <= 24)",
            name=op.f("ck_recovery_signals_sleep_hours_range"),
        ),
        sa.CheckConstraint(
            "sleep_score IS NULL OR (sleep_score >= 0 AND sleep_score <= 100)",
            name=op.f("ck_recovery_signals_sleep_score_range"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_recovery_signals_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recovery_signals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_signals")),
    )
    op.create_index(op.f("ix_recovery_signals_date"), "recovery_signals", ["date"], unique=False)
    op.create_index(
        op.f("ix_recovery_signals_session_id"),
        "recovery_signals",
        ["session_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_recovery_signals_user_id"),
        "recovery_signals",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "session_exercises",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            postgresql.ENUM(
                "WARMUP",
                "MAIN",
                "ACCESSORY",
                "SKILL",
                "FINISHER",
                "COOLDOWN",
                name="exerciserole",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("order_in_session", sa.Integer(), nullable=False),
        sa.Column("superset_group", sa.Integer(), nullable=True),
        sa.Column("target_sets", sa.Integer(), nullable=False),
        sa.Column("target_rep_range_min", sa.Integer(), nullable=True),
        sa.Column("target_rep_range_max", sa.Integer(), nullable=True),
        sa.Column("target_rpe", sa.Float(), nullable=True),
        sa.Column("target_rir", sa.Integer(), nullable=True),
        sa.Column("target_duration_seconds", sa.Integer(), nullable=True),
        sa.Column("default_rest_seconds", sa.Integer(), nullable=True),
        sa.Column(
            "is_complex_lift",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column(
            "substitution_allowed",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint("order_in_session >= 1", name=op.f("ck_session_exercises_order_positive")),
        sa.CheckConstraint(
            "target_rep_range_min IS NULL OR target_rep_range_max IS NULL OR target_rep_range_min <= target_rep_range_max",
            name=op.f("ck_session_exercises_rep_range_ordered"),
        ),
        sa.CheckConstraint(
            "target_rir IS NULL OR target_rir >= 0",
            name=op.f("ck_session_exercises_target_rir_non_negative"),
        ),
        sa.CheckConstraint(
            "target_rpe IS NULL OR (target_rpe >= 1 AND target_rpe <= 10)",
            name=op.f("ck_session_exercises_target_rpe_range"),
        ),
        sa.CheckConstraint(
            "target_sets >= 0",
            name=op.f("ck_session_exercises_target_sets_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_session_exercises_movement_id_movements"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_session_exercises_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_exercises")),
    )
    op.create_index(
        op.f("ix_session_exercises_movement_id"),
        "session_exercises",
        ["movement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_session_exercises_session_id"),
        "session_exercises",
        ["session_id"],
        unique=False,
    )
    op.create_table(
        "soreness_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("inferred_cause_session_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("body_part", sa.String(length=50), nullable=False),
        sa.Column("soreness_1_5", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("soreness_1_5 BETWEEN 1 AND 5", name=op.f("ck_soreness_logs_soreness_range")),
        sa.ForeignKeyConstraint(
            ["inferred_cause_session_id"],
            ["sessions.id"],
            name=op.f("fk_soreness_logs_inferred_cause_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_soreness_logs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_soreness_logs")),
    )
    op.create_index(op.f("ix_soreness_logs_date"), "soreness_logs", ["date"], unique=False)
    op.create_index(
        op.f("ix_soreness_logs_inferred_cause_session_id"),
        "soreness_logs",
        ["inferred_cause_session_id"],
        unique=False,
    )
    op.create_index(op.f("ix_soreness_logs_user_id"), "soreness_logs", ["user_id"], unique=False)
    op.create_table(
        "workout_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("completed", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("perceived_difficulty", sa.Integer(), nullable=True),
        sa.Column("enjoyment_rating", sa.Integer(), nullable=True),
        sa.Column(
            "feedback_tags",
            sa.JSON(),
            server_default=sa.text("'[]'::json"),
            nullable=False,
        ),
        sa.Column("actual_duration_minutes", sa.Integer(), nullable=True),
        sa.Column(
            "visibility",
            postgresql.ENUM("PRIVATE", "FRIENDS", "PUBLIC", name="visibility", create_type=False),
            server_default="PRIVATE",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=20), server_default="chat", nullable=False),
        sa.Column("external_key", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "actual_duration_minutes IS NULL OR actual_duration_minutes >= 0",
            name=op.f("ck_workout_logs_duration_non_negative"),
        ),
        sa.CheckConstraint(
            "enjoyment_rating IS NULL OR enjoyment_rating BETWEEN 1 AND 5",
            name=op.f("ck_workout_logs_enjoyment_rating_range"),
        ),
        sa.CheckConstraint(
            "perceived_difficulty IS NULL OR perceived_difficulty BETWEEN 1 AND 10",
            name=op.f("ck_workout_logs_perceived_difficulty_range"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_workout_logs_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_workout_logs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workout_logs")),
    )
    op.create_index(op.f("ix_workout_logs_date"), "workout_logs", ["date"], unique=False)
    op.create_index(op.f("ix_workout_logs_session_id"), "workout_logs", ["session_id"], unique=False)
    op.create_index(op.f("ix_workout_logs_user_id"), "workout_logs", ["user_id"], unique=False)
    op.create_index(
        "uq_workout_logs_user_external_key",
        "workout_logs",
        ["user_id", "external_key"],
        unique=True,
    )
    op.create_table(
        "conversation_turns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("turn_number", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("structured_response_json", sa.JSON(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "role IN ('user', 'assistant', 'tool')",
            name=op.f("ck_conversation_turns_role_known"),
        ),
        sa.CheckConstraint("turn_number >= 1", name=op.f("ck_conversation_turns_turn_number_positive")),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["conversation_threads.id"],
            name=op.f("fk_conversation_turns_thread_id_conversation_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_turns")),
        sa.UniqueConstraint("thread_id", "turn_number", name="uq_conversation_turns_thread_turn"),
    )
    op.create_index(
        op.f("ix_conversation_turns_thread_id"),
        "conversation_turns",
        ["thread_id"],
        unique=False,
    )
    op.create_table(
        "top_set_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workout_log_id", sa.Integer(), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Integer(), nullable=True),
        sa.Column("avg_rest_seconds", sa.Integer(), nullable=True),
        sa.Column("e1rm_value", sa.Float(), nullable=True),
        sa.Column(
            "e1rm_formula",
            postgresql.ENUM(
                "EPLEY",
                "BRZYCKI",
                "LOMBARDI",
                "OCONNER",
                name="e1rmformula",
                create_type=False,
            ),
            nullable=True,
        ),
        sa.Column(
            "pattern",
            postgresql.ENUM(
                "SQUAT",
                "HINGE",
                "HORIZONTAL_PUSH",
                "VERTICAL_PUSH",
                "HORIZONTAL_PULL",
                "VERTICAL_PULL",
                "CARRY",
                "CORE",
                "LUNGE",
                "ROTATION",
                "PLYOMETRIC",
                "OLYMPIC",
                "ISOLATION",
                "MOBILITY",
                "ISOMETRIC",
                "CONDITIONING",
                "CARDIO",
                name="movementpattern",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("set_number", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "avg_rest_seconds IS NULL OR avg_rest_seconds >= 0",
            name=op.f("ck_top_set_logs_rest_non_negative"),
        ),
        sa.CheckConstraint(
            "distance_m IS NULL OR distance_m >= 0",
            name=op.f("ck_top_set_logs_distance_non_negative"),
        ),
        sa.CheckConstraint(
            "duration_seconds IS NULL OR duration_seconds >= 0",
            name=op.f("ck_top_set_logs_duration_non_negative"),
        ),
        sa.CheckConstraint("reps >= 0", name=op.f("ck_top_set_logs_reps_non_negative")),
        sa.CheckConstraint("rir IS NULL OR rir >= 0", name=op.f("ck_top_set_logs_rir_non_negative")),
        sa.CheckConstraint(
            "rpe IS NULL OR (rpe >= 6 AND rpe <= 10)",
            name=op.f("ck_top_set_logs_rpe_range"),
        ),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_top_set_logs_weight_non_negative")),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_top_set_logs_movement_id_movements"),
        ),
        sa.ForeignKeyConstraint(
            ["workout_log_id"],
            ["workout_logs.id"],
            name=op.f("fk_top_set_logs_workout_log_id_workout_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_top_set_logs")),
    )
    op.create_index(
        op.f("ix_top_set_logs_movement_id"),
        "top_set_logs",
        ["movement_id"],
        unique=False,
    )
    op.create_index(op.f("ix_top_set_logs_pattern"), "top_set_logs", ["pattern"], unique=False)
    op.create_index(
        op.f("ix_top_set_logs_workout_log_id"),
        "top_set_logs",
        ["workout_log_id"],
        unique=False,
    )
    op.create_table(
        "pattern_exposures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("microcycle_id", sa.Integer(), nullable=False),
        sa.Column("source_top_set_log_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "pattern",
            postgresql.ENUM(
                "SQUAT",
                "HINGE",
                "HORIZONTAL_PUSH",
                "VERTICAL_PUSH",
                "HORIZONTAL_PULL",
                "VERTICAL_PULL",
                "CARRY",
                "CORE",
                "LUNGE",
                "ROTATION",
                "PLYOMETRIC",
                "OLYMPIC",
                "ISOLATION",
                "MOBILITY",
                "ISOMETRIC",
                "CONDITIONING",
                "CARDIO",
                name="movementpattern",
                create_type=False,
            ),
            nullable=False,
        ),
        sa.Column("e1rm_value", sa.Float(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["microcycle_id"],
            ["microcycles.id"],
            name=op.f("fk_pattern_exposures_microcycle_id_microcycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_top_set_log_id"],
            ["top_set_logs.id"],
            name=op.f("fk_pattern_exposures_source_top_set_log_id_top_set_logs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_pattern_exposures_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pattern_exposures")),
    )
    op.create_index(
        op.f("ix_pattern_exposures_microcycle_id"),
        "pattern_exposures",
        ["microcycle_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_pattern_exposures_source_top_set_log_id"),
        "pattern_exposures",
        ["source_top_set_log_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_pattern_exposures_user_id"),
        "pattern_exposures",
        ["user_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pattern_exposures_user_id"), table_name="pattern_exposures")
    op.drop_index(
        op.f("ix_pattern_exposures_source_top_set_log_id"),
        table_name="pattern_exposures",
    )
    op.drop_index(op.f("ix_pattern_exposures_microcycle_id"), table_name="pattern_exposures")
    op.drop_table("pattern_exposures")
    op.drop_index(op.f("ix_top_set_logs_workout_log_id"), table_name="top_set_logs")
    op.drop_index(op.f("ix_top_set_logs_pattern"), table_name="top_set_logs")
    op.drop_index(op.f("ix_top_set_logs_movement_id"), table_name="top_set_logs")
    op.drop_table("top_set_logs")
    op.drop_index(op.f("ix_conversation_turns_thread_id"), table_name="conversation_turns")
    op.drop_table("conversation_turns")
    op.drop_index("uq_workout_logs_user_external_key", table_name="workout_logs")
    op.drop_index(op.f("ix_workout_logs_user_id"), table_name="workout_logs")
    op.drop_index(op.f("ix_workout_logs_session_id"), table_name="workout_logs")
    op.drop_index(op.f("ix_workout_logs_date"), table_name="workout_logs")
    op.drop_table("workout_logs")
    op.drop_index(op.f("ix_soreness_logs_user_id"), table_name="soreness_logs")
    op.drop_index(op.f("ix_soreness_logs_inferred_cause_session_id"), table_name="soreness_logs")
    op.drop_index(op.f("ix_soreness_logs_date"), table_name="soreness_logs")
    op.drop_table("soreness_logs")
    op.drop_index(op.f("ix_session_exercises_session_id"), table_name="session_exercises")
    op.drop_index(op.f("ix_session_exercises_movement_id"), table_name="session_exercises")
    op.drop_table("session_exercises")
    op.drop_index(op.f("ix_recovery_signals_user_id"), table_name="recovery_signals")
    op.drop_index(op.f("ix_recovery_signals_session_id"), table_name="recovery_signals")
    op.drop_index(op.f("ix_recovery_signals_date"), table_name="recovery_signals")
    op.drop_table("recovery_signals")
    op.drop_index(op.f("ix_conversation_threads_user_id"), table_name="conversation_threads")
    op.drop_index(
        op.f("ix_conversation_threads_context_session_id"),
        table_name="conversation_threads",
    )
    op.drop_table("conversation_threads")
    op.drop_index(op.f("ix_activity_instances_user_id"), table_name="activity_instances")
    op.drop_index(op.f("ix_activity_instances_source"), table_name="activity_instances")
    op.drop_index(
        op.f("ix_activity_instances_planned_session_id"),
        table_name="activity_instances",
    )
    op.drop_index(op.f("ix_activity_instances_performed_start"), table_name="activity_instances")
    op.drop_index(
        op.f("ix_activity_instances_activity_definition_id"),
        table_name="activity_instances",
    )
    op.drop_table("activity_instances")
    op.drop_index(op.f("ix_sessions_microcycle_id"), table_name="sessions")
    op.drop_index(op.f("ix_sessions_main_circuit_id"), table_name="sessions")
    op.drop_index(op.f("ix_sessions_finisher_circuit_id"), table_name="sessions")
    op.drop_index(op.f("ix_sessions_date"), table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(op.f("ix_goal_checkins_goal_id"), table_name="goal_checkins")
    op.drop_table("goal_checkins")
    op.drop_index(op.f("ix_microcycles_program_id"), table_name="microcycles")
    op.drop_table("microcycles")
    op.drop_index(op.f("ix_goals_user_id"), table_name="goals")
    op.drop_index(op.f("ix_goals_program_id"), table_name="goals")
    op.drop_index(op.f("ix_goals_macro_cycle_id"), table_name="goals")
    op.drop_table("goals")
    op.drop_index(op.f("ix_user_movement_rules_user_id"), table_name="user_movement_rules")
    op.drop_index(op.f("ix_user_movement_rules_movement_id"), table_name="user_movement_rules")
    op.drop_table("user_movement_rules")
    op.drop_index(
        "uq_programs_one_active_per_user",
        table_name="programs",
        postgresql_where=sa.text("is_active AND NOT is_template"),
    )
    op.drop_index(op.f("ix_programs_user_id"), table_name="programs")
    op.drop_index(op.f("ix_programs_macro_cycle_id"), table_name="programs")
    op.drop_table("programs")
    op.drop_index(
        op.f("ix_movement_relationships_target_movement_id"),
        table_name="movement_relationships",
    )
    op.drop_index(
        op.f("ix_movement_relationships_source_movement_id"),
        table_name="movement_relationships",
    )
    op.drop_index(
        op.f("ix_movement_relationships_relationship_type"),
        table_name="movement_relationships",
    )
    op.drop_table("movement_relationships")
    op.drop_index(op.f("ix_activity_muscle_map_muscle_id"), table_name="activity_muscle_map")
    op.drop_index(
        op.f("ix_activity_muscle_map_activity_definition_id"),
        table_name="activity_muscle_map",
    )
    op.drop_table("activity_muscle_map")
    op.drop_table("user_settings")
    op.drop_index(
        op.f("ix_user_enjoyable_activities_user_id"),
        table_name="user_enjoyable_activities",
    )
    op.drop_table("user_enjoyable_activities")
    op.drop_index(op.f("ix_rest_timers_user_id"), table_name="rest_timers")
    op.drop_index(op.f("ix_rest_timers_ends_at"), table_name="rest_timers")
    op.drop_table("rest_timers")
    op.drop_index(op.f("ix_reminder_deliveries_user_id"), table_name="reminder_deliveries")
    op.drop_index(
        op.f("ix_reminder_deliveries_lease_expires_at"),
        table_name="reminder_deliveries",
    )
    op.drop_table("reminder_deliveries")
    op.drop_index(op.f("ix_movements_user_id"), table_name="movements")
    op.drop_index(op.f("ix_movements_substitution_group"), table_name="movements")
    op.drop_index(op.f("ix_movements_primary_region"), table_name="movements")
    op.drop_index(op.f("ix_movements_primary_muscle"), table_name="movements")
    op.drop_index(op.f("ix_movements_pattern"), table_name="movements")
    op.drop_index(op.f("ix_movements_name"), table_name="movements")
    op.drop_table("movements")
    op.drop_index(op.f("ix_macro_cycles_user_id"), table_name="macro_cycles")
    op.drop_table("macro_cycles")
    op.drop_table("chat_states")
    op.drop_index(op.f("ix_activity_definitions_name"), table_name="activity_definitions")
    op.drop_index(op.f("ix_activity_definitions_discipline_id"), table_name="activity_definitions")
    op.drop_index(op.f("ix_activity_definitions_category"), table_name="activity_definitions")
    op.drop_table("activity_definitions")
    op.drop_table("users")
    op.drop_index(op.f("ix_processed_updates_processed_at"), table_name="processed_updates")
    op.drop_table("processed_updates")
    op.drop_table("muscles")
    op.drop_index(
        "uq_heuristic_configs_one_active",
        table_name="heuristic_configs",
        postgresql_where=sa.text("active"),
    )
    op.drop_index(op.f("ix_heuristic_configs_name"), table_name="heuristic_configs")
    op.drop_index(op.f("ix_heuristic_configs_active"), table_name="heuristic_configs")
    op.drop_table("heuristic_configs")
    op.drop_index(op.f("ix_disciplines_slug"), table_name="disciplines")
    op.drop_table("disciplines")
    op.drop_index(op.f("ix_circuit_templates_name"), table_name="circuit_templates")
    op.drop_table("circuit_templates")
    sa.Enum("TRAINING", "SPORTS", "OUTDOOR", "WELLNESS", name="disciplinecategory").drop(op.get_bind())
    sa.Enum("WORKOUT", "SPORT", "OUTDOOR", "WELLNESS", name="activitycategory").drop(op.get_bind())
    sa.Enum("REPS", "TIME", "TIME_UNDER_TENSION", "DISTANCE", name="metrictype").drop(op.get_bind())
    sa.Enum("PLANNED", "MANUAL", "IMPORTED", name="activitysource").drop(op.get_bind())
    sa.Enum("PRIVATE", "FRIENDS", "PUBLIC", name="visibility").drop(op.get_bind())
    sa.Enum(
        "BODY_COMPOSITION",
        "STRENGTH_1RM",
        "ENDURANCE_EVENT",
        "HABIT_CONSISTENCY",
        "SKILL_ACQUISITION",
        name="goaltype",
    ).drop(op.get_bind())
    sa.Enum("ACTIVE", "PAUSED", "COMPLETED", "CANCELLED", name="goalstatus").drop(op.get_bind())
    sa.Enum("EPLEY", "BRZYCKI", "LOMBARDI", "OCONNER", name="e1rmformula").drop(op.get_bind())
    sa.Enum(
        "SQUAT",
        "HINGE",
        "HORIZONTAL_PUSH",
        "VERTICAL_PUSH",
        "HORIZONTAL_PULL",
        "VERTICAL_PULL",
        "CARRY",
        "CORE",
        "LUNGE",
        "ROTATION",
        "PLYOMETRIC",
        "OLYMPIC",
        "ISOLATION",
        "MOBILITY",
        "ISOMETRIC",
        "CONDITIONING",
        "CARDIO",
        name="movementpattern",
    ).drop(op.get_bind())
    sa.Enum(
        "DUMMY",
        "MANUAL",
        "GARMIN",
        "APPLE",
        "AURA_RING",
        "WHOOP_BAND",
        name="recoverysource",
    ).drop(op.get_bind())
    sa.Enum(
        "ROUNDS_FOR_TIME",
        "AMRAP",
        "EMOM",
        "LADDER",
        "TABATA",
        "CHIPPER",
        "STATION",
        name="circuittype",
    ).drop(op.get_bind())
    sa.Enum(
        "STRENGTH",
        "HYPERTROPHY",
        "ENDURANCE",
        "FAT_LOSS",
        "MOBILITY",
        "EXPLOSIVENESS",
        "SPEED",
        name="goal",
    ).drop(op.get_bind())
    sa.Enum("UPPER_LOWER", "PPL", "FULL_BODY", "HYBRID", name="splittemplate").drop(op.get_bind())
    sa.Enum(
        "SINGLE_PROGRESSION",
        "DOUBLE_PROGRESSION",
        "PAUSED_VARIATIONS",
        "BUILD_TO_DROP",
        "WAVE_LOADING",
        name="progressionstyle",
    ).drop(op.get_bind())
    sa.Enum(
        "DRILL_SERGEANT",
        "SUPPORTIVE",
        "ANALYTICAL",
        "MOTIVATIONAL",
        "MINIMALIST",
        name="personatone",
    ).drop(op.get_bind())
    sa.Enum(
        "CONSERVATIVE",
        "MODERATE_CONSERVATIVE",
        "BALANCED",
        "MODERATE_AGGRESSIVE",
        "AGGRESSIVE",
        name="personaaggression",
    ).drop(op.get_bind())
    sa.Enum("PLANNED", "ACTIVE", "COMPLETE", name="microcyclestatus").drop(op.get_bind())
    sa.Enum(
        "UPPER",
        "LOWER",
        "PUSH",
        "PULL",
        "LEGS",
        "FULL_BODY",
        "CARDIO",
        "MOBILITY",
        "RECOVERY",
        "SKILL",
        "CUSTOM",
        name="sessiontype",
    ).drop(op.get_bind())
    sa.Enum(
        "WARMUP",
        "MAIN",
        "ACCESSORY",
        "SKILL",
        "FINISHER",
        "COOLDOWN",
        name="exerciserole",
    ).drop(op.get_bind())
    sa.Enum("BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT", name="experiencelevel").drop(op.get_bind())
    sa.Enum("HARD_NO", "HARD_YES", "PREFERRED", name="movementruletype").drop(op.get_bind())
    sa.Enum("PER_MICROCYCLE", "WEEKLY", "BIWEEKLY", name="rulecadence").drop(op.get_bind())
    sa.Enum(
        "TENNIS",
        "BOULDERING",
        "CYCLING",
        "SWIMMING",
        "HIKING",
        "BASKETBALL",
        "FOOTBALL",
        "YOGA",
        "MARTIAL_ARTS",
        "DANCE",
        "OTHER",
        name="enjoyableactivity",
    ).drop(op.get_bind())

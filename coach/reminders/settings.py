"""Reminder settings as lifters type them: "7:30", "7pm", "Berlin", "UTC+2", "off".

``/settings`` in the conversation engine and the assistant's tools call these; each returns
the confirmation in the lifter's voice, or raises ``InvalidInput`` with a message that says
what would work.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from coach.clock import local_now, local_today, zone
from coach.deps import CoachDeps
from coach.errors import InvalidInput
from coach.persona import speak
from coach.reminders import lines
from coach.reminders.policy import ReminderPolicy
from coach.reminders.schedule import next_reminder
from db.models import User, UserSettings
from db.repositories import Repositories
from db.repositories.reminders import DAILY, EVENING

OFF_WORDS = frozenset({"off", "none", "no", "never", "stop", "disable", "disabled"})
ON_WORDS = frozenset({"on", "yes", "enable", "enabled", "start"})

_TIME = re.compile(
    r"^(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|h)?$", re.IGNORECASE
)
_COMPACT = re.compile(r"^(?P<h>\d{1,2})(?P<m>\d{2})$")
_WORDS = {"noon": dt.time(12, 0), "midday": dt.time(12, 0), "midnight": dt.time(0, 0)}

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$", re.IGNORECASE)
#: Offsets that are not whole hours have no Etc/ zone; these places keep them all year or
#: are the offset's best-known home.
_ODD_OFFSETS = {
    (-9, 30): "Pacific/Marquesas",
    (-3, 30): "America/St_Johns",
    (3, 30): "Asia/Tehran",
    (4, 30): "Asia/Kabul",
    (5, 30): "Asia/Kolkata",
    (5, 45): "Asia/Kathmandu",
    (6, 30): "Asia/Yangon",
    (8, 45): "Australia/Eucla",
    (9, 30): "Australia/Darwin",
    (10, 30): "Australia/Lord_Howe",
    (12, 45): "Pacific/Chatham",
}
#: Names people type that are not the city in an IANA name.
_ALIASES = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "zulu": "UTC",
    "nyc": "America/New_York",
    "washington": "America/New_York",
    "dc": "America/New_York",
    "boston": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "philadelphia": "America/New_York",
    "chicago": "America/Chicago",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "austin": "America/Chicago",
    "minneapolis": "America/Chicago",
    "seattle": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "portland": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles",
    "salt lake city": "America/Denver",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome",
    "geneva": "Europe/Zurich",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "st petersburg": "Europe/Moscow",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "india": "Asia/Kolkata",
    "osaka": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "abu dhabi": "Asia/Dubai",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "bst": "Europe/London",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "jst": "Asia/Tokyo",
    "aest": "Australia/Sydney",
}
_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


def parse_time(text: str) -> dt.time:
    """A wall-clock time from what lifters type: 7:30, 07.30, 730, 7pm, 7:30 pm, 19h30, noon."""
    raw = " ".join(text.strip().lower().split())
    if raw in _WORDS:
        return _WORDS[raw]
    match = _COMPACT.match(raw) or _TIME.match(raw)
    if match is None:
        raise InvalidInput(f"I couldn't read {text.strip()!r} as a time. Try 7:30, 19:30 or 7pm.")
    hour, minute = int(match["h"]), int(match.groupdict().get("m") or 0)
    ampm = (match.groupdict().get("ampm") or "").replace(".", "")
    if ampm in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise InvalidInput(f"{text.strip()!r}: with am/pm the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(f"{text.strip()!r} is not a time of day. Try 7:30, 19:30 or 7pm.")
    return dt.time(hour, minute)


@cache
def _zone_index() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case IANA name → name, lower-case city → name), built once."""
    names = {n for n in available_timezones() if n not in ("localtime", "Factory")}
    exact = {n.lower(): n for n in names}
    cities: dict[str, str] = {}
    for name in sorted(names):
        if name.startswith(_REGIONS):
            city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
            cities.setdefault(city, name)
    cities.update(_ALIASES)
    return exact, cities


def parse_timezone(text: str) -> str:
    """An IANA timezone name from an IANA name, a city, an abbreviation or a UTC offset."""
    raw = " ".join(text.strip().split())
    key = raw.lower()
    exact, cities = _zone_index()
    if key in exact:
        return exact[key]
    if key.replace(" ", "_") in exact:
        return exact[key.replace(" ", "_")]
    if key.replace("_", " ") in cities:
        return cities[key.replace("_", " ")]
    offset = _OFFSET.match(key.replace(" ", ""))
    if offset is not None:
        return _offset_zone(raw, offset)
    suggestions = [
        cities[name]
        for name, _score, _ in process.extract(
            key, list(cities), scorer=fuzz.WRatio, limit=3, score_cutoff=70
        )
    ]
    hint = f" Did you mean {', '.join(dict.fromkeys(suggestions))}?" if suggestions else ""
    raise InvalidInput(
        f"I don't know the timezone {raw!r}.{hint} A city (Berlin), an IANA name "
        "(America/New_York) or an offset (UTC+2) all work."
    )


def _offset_zone(raw: str, match: re.Match[str]) -> str:
    sign = -1 if match["sign"] == "-" else 1
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if minutes == 0 and -12 <= sign * hours <= 14:
        # IANA's Etc/GMT zones count the other way round: UTC+2 is Etc/GMT-2.
        return "UTC" if hours == 0 else f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
    name = _ODD_OFFSETS.get((sign * hours, minutes))
    if name is None:
        raise InvalidInput(f"{raw!r} is not an offset in use anywhere. Send your city instead.")
    return name


def is_fixed_offset(name: str) -> bool:
    return name.startswith("Etc/") or name == "UTC"


async def _settings(repos: Repositories, user: User) -> UserSettings:
    return user.settings or await repos.users.ensure_settings(user)


def _when(instant: dt.datetime, user: User, now: dt.datetime) -> str:
    """'today at 07:30' / 'tomorrow at 07:30' / 'Mon 9 Mar at 07:30', in the lifter's zone."""
    local = instant.astimezone(zone(user.timezone))
    days = (local.date() - local_today(user.timezone, now)).days
    label = {0: "today", 1: "tomorrow"}.get(days, f"{local:%a} {local.day} {local:%b}")
    return f"{label} at {local:%H:%M}"


async def _skip_if_passed(repos: Repositories, deps: CoachDeps, user: User, settings: UserSettings) -> bool:
    """A time set (or a zone changed) after today's time passed starts tomorrow, not now.

    Without this the catch-up window would fire "today's" reminder right after the change.
    Returns whether today's reminder is already out of the way (sent, skipped or passed).
    """
    if settings.reminder_time is None:
        return False
    now = deps.clock.now()
    local = local_now(user.timezone, now)
    reminders = repos.reminders
    if await reminders.get(user.id, local.date(), DAILY) is not None:
        return True
    if local.time() >= settings.reminder_time:
        await reminders.record_skipped(user.id, local.date(), DAILY, reason="time set after it had passed")
        policy = ReminderPolicy.from_heuristics(deps.heuristics)
        if local.time() >= policy.evening_time:
            await reminders.record_skipped(
                user.id, local.date(), EVENING, reason="time set after it had passed"
            )
        return True
    return False


async def _time_confirmation(repos: Repositories, deps: CoachDeps, user: User, settings: UserSettings) -> str:
    assert settings.reminder_time is not None
    now = deps.clock.now()
    done_today = await _skip_if_passed(repos, deps, user, settings)
    snoozed = settings.reminder_snoozed_on == local_today(user.timezone, now)
    instant = next_reminder(settings.reminder_time, user.timezone, now, skip_today=done_today or snoozed)
    return speak(
        user.persona_tone,
        lines.TIME_SET,
        time=f"{settings.reminder_time:%H:%M}",
        zone=user.timezone,
        next=_when(instant, user, now),
    )


async def set_reminder_time(repos: Repositories, deps: CoachDeps, user: User, text: str) -> str:
    """Set the daily reminder time (turning reminders on), or turn them off with "off"."""
    if text.strip().lower() in OFF_WORDS | ON_WORDS:
        return await set_reminders_enabled(repos, deps, user, text.strip().lower() in ON_WORDS)
    when = parse_time(text)
    settings = await _settings(repos, user)
    settings.reminder_time = when
    settings.reminders_enabled = True
    await repos.session.flush()
    return await _time_confirmation(repos, deps, user, settings)


async def set_reminders_enabled(repos: Repositories, deps: CoachDeps, user: User, enabled: bool) -> str:
    settings = await _settings(repos, user)
    settings.reminders_enabled = enabled
    await repos.session.flush()
    if not enabled:
        return speak(user.persona_tone, lines.REMINDERS_OFF)
    if settings.reminder_time is None:
        return speak(user.persona_tone, lines.REMINDERS_NEED_TIME)
    return await _time_confirmation(repos, deps, user, settings)


async def set_timezone(repos: Repositories, deps: CoachDeps, user: User, text: str) -> str:
    """Set the lifter's timezone from a city, IANA name, abbreviation or UTC offset."""
    name = parse_timezone(text)
    user.timezone = name
    settings = await _settings(repos, user)
    await repos.session.flush()
    await _skip_if_passed(repos, deps, user, settings)
    local = local_now(name, deps.clock.now())
    return speak(
        user.persona_tone,
        lines.ZONE_SET,
        zone=name,
        local=f"{local:%H:%M}",
        note=lines.FIXED_OFFSET_NOTE if is_fixed_offset(name) and name != "UTC" else "",
    )


async def snooze_today(repos: Repositories, deps: CoachDeps, user: User, *, snooze: bool = True) -> str:
    """No reminder (nor evening nudge) today in the lifter's zone; ``snooze=False`` undoes it."""
    settings = await _settings(repos, user)
    today = local_today(user.timezone, deps.clock.now())
    if not snooze:
        if settings.reminder_snoozed_on == today:
            settings.reminder_snoozed_on = None
            await repos.session.flush()
        return speak(user.persona_tone, lines.UNSNOOZED)
    settings.reminder_snoozed_on = today
    await repos.session.flush()
    when = f"{settings.reminder_time:%H:%M}" if settings.reminder_time else "your usual time"
    return speak(user.persona_tone, lines.SNOOZED, time=when)


async def _toggle(repos: Repositories, user: User, column: str, what: str, enabled: bool) -> str:
    settings = await _settings(repos, user)
    setattr(settings, column, enabled)
    await repos.session.flush()
    state = "on" if enabled else "off"
    return speak(user.persona_tone, lines.TOGGLE, what=what, state=state, state_lower=state)


async def set_evening_nudge(repos: Repositories, deps: CoachDeps, user: User, enabled: bool) -> str:
    """The evening message when a planned session was not logged."""
    return await _toggle(repos, user, "evening_nudge_enabled", "Evening nudges", enabled)


async def set_weekly_summary(repos: Repositories, deps: CoachDeps, user: User, enabled: bool) -> str:
    """The weekly summary of progress, adherence and next week's focus."""
    return await _toggle(repos, user, "weekly_summary_enabled", "Weekly summary", enabled)


def describe(user: User, deps: CoachDeps) -> str:
    """One plain paragraph of the lifter's reminder settings, for ``/settings``."""
    settings = user.settings
    now = deps.clock.now()
    policy = ReminderPolicy.from_heuristics(deps.heuristics)
    if settings is None or settings.reminder_time is None or not settings.reminders_enabled:
        daily = "Daily reminder: off."
    else:
        snoozed = settings.reminder_snoozed_on == local_today(user.timezone, now)
        daily = f"Daily reminder: {settings.reminder_time:%H:%M}" + (" (snoozed today)." if snoozed else ".")
    evening = settings is not None and settings.evening_nudge_enabled
    weekly = settings is None or settings.weekly_summary_enabled
    weekday = dt.date(2024, 1, 1 + policy.weekly_weekday).strftime("%A")
    return " ".join(
        (
            f"Timezone: {user.timezone} ({local_now(user.timezone, now):%H:%M} now).",
            daily,
            f"Evening nudge at {policy.evening_time:%H:%M}: {'on' if evening else 'off'}.",
            f"Weekly summary ({weekday}s at {policy.weekly_time:%H:%M}): {'on' if weekly else 'off'}.",
        )
    )

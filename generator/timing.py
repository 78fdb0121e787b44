"""Reading a touchpoint's free-text ``timing`` as an offset from the journey's start.

Understood forms (case-insensitive; days may be written in the UI languages):

=====================  ===========================================
``day 0``, ``day 3``   day N (also ``dag``, ``dia``, ``ziua``)
``D+3``, ``D3``, ``D-1``  day N relative to day 0
``+24 h``, ``+2 d``    an offset in minutes, hours, days or weeks
``24h``, ``2 days``    the same without ``+``
``week 2``             the first day of week N (week 1 starts on day 0)
``immediately``, ``at once``, ``instantly``, ``same day``  day 0
=====================  ===========================================

Anything else (``after delivery``) is not understood: it keeps the journey's order.
"""

from __future__ import annotations

import re

HOURS = {"m": 1 / 60, "min": 1 / 60, "mins": 1 / 60, "minute": 1 / 60, "minutes": 1 / 60,
         "h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1, "t": 1, "timer": 1, "time": 1,
         "d": 24, "day": 24, "days": 24, "dag": 24, "dage": 24, "dagar": 24, "dia": 24,
         "dias": 24, "zi": 24, "zile": 24,
         "w": 168, "wk": 168, "week": 168, "weeks": 168, "vecka": 168, "veckor": 168,
         "uge": 168, "uger": 168, "semana": 168, "semanas": 168, "săptămână": 168,
         "săptămâni": 168}
DAY_WORDS = r"(?:day|dag|dia|ziua|zi)"
WEEK_WORDS = r"(?:week|vecka|uge|semana|săptămâna|săptămână)"
AT_ONCE = ("immediately", "at once", "instantly", "same day", "real time", "real-time", "now")

_DAY = re.compile(rf"{DAY_WORDS}\s*([+-]?\d+(?:[.,]\d+)?)\Z")
_D_PLUS = re.compile(r"d\s*([+-]?)\s*(\d+(?:[.,]\d+)?)\Z")
_WEEK = re.compile(rf"{WEEK_WORDS}\s*(\d+)\Z")
_OFFSET = re.compile(r"([+-]?)\s*(\d+(?:[.,]\d+)?)\s*([a-zăâîșț]+)\.?\Z")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def hours_from_start(timing: str) -> float | None:
    """Hours after the journey's start, or None when the text is not understood."""
    text = " ".join(timing.lower().split())
    if not text:
        return None
    if text in AT_ONCE:
        return 0.0
    if match := _DAY.match(text):
        return _number(match.group(1)) * 24
    if match := _D_PLUS.match(text):
        sign = -1 if match.group(1) == "-" else 1
        return sign * _number(match.group(2)) * 24
    if match := _WEEK.match(text):
        return max(int(match.group(1)) - 1, 0) * 168.0
    if match := _OFFSET.match(text):
        unit = HOURS.get(match.group(3))
        if unit is None:
            return None
        sign = -1 if match.group(1) == "-" else 1
        return sign * _number(match.group(2)) * unit
    return None


def day_of(timing: str) -> int | None:
    """The day (0 = the journey's first) a timing falls on, or None."""
    hours = hours_from_start(timing)
    return None if hours is None else int(hours // 24)


# --------------------------------------------------------------------------- journeys
#
# A journey's timings are read in order, each from the touchpoint before it: the
# reading the timeline diagram shows and the message load counts.

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})\Z")
_MONTH = re.compile(r"(?:month|månad|måned|mês|mes|luna)\s*(\d+)\Z")


def _clock(text: str) -> float | None:
    """Hours after midnight for ``HH:MM`` (or ``HH.MM``), or None."""
    if match := _CLOCK.match(text):
        hours, minutes = int(match.group(1)), int(match.group(2))
        return hours + minutes / 60 if hours < 24 and minutes < 60 else None
    return None


def _absolute(part: str) -> float | None:
    """Hours from the start for an absolute part (``day 3``, ``month 2``…), or None."""
    text = " ".join(part.lower().split())
    if match := _MONTH.match(text):
        return max(int(match.group(1)) - 1, 0) * 30 * 24.0
    if text.startswith(("+", "-")) or _CLOCK.match(text):
        return None
    return hours_from_start(text)


def read_timing(timing: str, before: float = 0.0) -> float | None:
    """Hours from the journey's start for ``timing`` on a touchpoint that follows one
    at ``before`` hours, or None when the text is not understood.

    Comma-separated parts add up: absolute parts (``day 1``, ``D+3``, ``week 2``,
    ``month 11``) place it from the start; a clock time ``HH:MM`` sets the time of day
    (of the day given before it, else of the touchpoint before's day: day 0 at the
    start); a part starting with ``+`` is an offset from what comes before it (the
    touchpoint before, when it is the first part).
    """
    parts = [p.strip() for p in (timing or "").split(",") if p.strip()]
    if not parts:
        return None
    total: float | None = None
    for part in parts:
        if part.startswith("+"):
            offset = hours_from_start(part)
            if offset is None:
                return None
            total = (before if total is None else total) + offset
        elif _CLOCK.match(" ".join(part.lower().split())):
            clock = _clock(" ".join(part.lower().split()))
            if clock is None:
                return None
            base = before if total is None else total
            total = (base // 24) * 24 + clock
        else:
            value = _absolute(part)
            if value is None or total is not None:
                return None
            total = value
    return total


def journey_hours(timings) -> list[tuple[float, bool]]:
    """For each timing of a journey's touchpoints, in order: (hours from the start,
    understood). A timing that is missing or not understood takes the time of the
    touchpoint before it (0 at the start) and is marked not understood."""
    out: list[tuple[float, bool]] = []
    before = 0.0
    for timing in timings:
        hours = read_timing(timing, before)
        if hours is None:
            out.append((before, False))
        else:
            out.append((hours, True))
            before = hours
    return out


def journey_days(journey) -> list[int | None]:
    """The day (0 = the journey's first) of each of ``journey.touchpoints``, read in
    order with :func:`journey_hours`; None where the timing is not understood."""
    return [int(hours // 24) if understood else None
            for hours, understood in journey_hours(tp.timing for tp in journey.touchpoints)]

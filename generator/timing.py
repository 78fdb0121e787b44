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

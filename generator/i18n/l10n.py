"""Dates and numbers written the way each UI language writes them.

A small table per language instead of Babel: the site needs long and short dates
and grouped numbers in five languages, and the conventions below are CLDR's
(sv-SE, da-DK, pt-PT, ro-RO; English as en-GB, day before month). To add a
language, add a :class:`Conventions` entry to :data:`CONVENTIONS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class Conventions:
    months: tuple[str, ...]
    """Month names as used inside a date ("november", not "November" in Swedish)."""
    long_date: str
    """``{d}``, ``{month}`` and ``{y}`` in the language's order."""
    short_date: str
    """``{d}``, ``{m}`` (both two digits) and ``{y}``."""
    decimal: str
    group: str
    min_grouping: int = 1
    """Group thousands only from this many digits above them (pt-PT: 2 → 1234, 12 345)."""
    locale: str = ""
    """The ``og:locale`` form (``sv_SE``)."""


CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        "{d} {month} {y}", "{d}/{m}/{y}", ".", ",", locale="en_GB"),
    "sv": Conventions(
        ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
         "september", "oktober", "november", "december"),
        "{d} {month} {y}", "{y}-{m}-{d}", ",", NBSP, locale="sv_SE"),
    "da": Conventions(
        ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
         "september", "oktober", "november", "december"),
        "{d}. {month} {y}", "{d}.{m}.{y}", ",", ".", locale="da_DK"),
    "pt": Conventions(
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"),
        "{d} de {month} de {y}", "{d}/{m}/{y}", ",", NBSP, min_grouping=2, locale="pt_PT"),
    "pt-BR": Conventions(
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"),
        "{d} de {month} de {y}", "{d}/{m}/{y}", ",", ".", locale="pt_BR"),
    "ro": Conventions(
        ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
         "septembrie", "octombrie", "noiembrie", "decembrie"),
        "{d} {month} {y}", "{d}.{m}.{y}", ",", ".", locale="ro_RO"),
}


def conventions(language: str) -> Conventions:
    """The conventions of ``language``, English's when it has none."""
    return CONVENTIONS.get(language, CONVENTIONS["en"])


def format_date(date: dt.date, language: str, style: str = "long") -> str:
    """``1 november 2026`` (sv, long), ``01.11.2026`` (da, short)…"""
    c = conventions(language)
    if style == "short":
        return c.short_date.format(d=f"{date.day:02d}", m=f"{date.month:02d}", y=date.year)
    return c.long_date.format(d=date.day, month=c.months[date.month - 1], y=date.year)


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """``12 345`` (sv), ``12.345,5`` (da, ``decimals=1``), ``1234`` (pt: no group under 10 000)."""
    c = conventions(language)
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if len(whole) > 3 and len(whole) >= 3 + c.min_grouping:
        groups = []
        while len(whole) > 3:
            whole, tail = whole[:-3], whole[-3:]
            groups.insert(0, tail)
        whole = c.group.join([whole, *groups])
    sign = "-" if value < 0 and float(text) != 0 else ""
    return sign + whole + (c.decimal + fraction if fraction else "")


def og_locale(language: str) -> str:
    """``sv_SE`` for ``sv``: the form Open Graph's ``og:locale`` expects."""
    return conventions(language).locale

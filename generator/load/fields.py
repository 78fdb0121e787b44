"""Typed reads of front-matter fields, each problem reported at the key's line.

A :class:`Fields` wraps one YAML mapping. Every getter returns a usable value (a
default when the field is missing or wrong) and records what was wrong, so one
pass over a file reports every problem in it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any, Iterable

from ..errors import Problems, did_you_mean
from .frontmatter import LMap, LSeq

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")


def is_slug(value: object) -> bool:
    return isinstance(value, str) and bool(SLUG.match(value))


def slugify(text: str) -> str:
    """A best-effort slug, for hints and heading anchors."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "yes/no"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "text"


@functools.lru_cache(maxsize=64)
def _key_set(known: tuple[str, ...]) -> frozenset[str]:
    """The known keys of one kind of mapping, made once: every mapping of a file is
    checked against them, and a set finds a key without comparing it to each."""
    return frozenset(known)


def unknown_hint(key: str, known: Iterable[str], lanes: bool = False) -> str:
    """The closest known field name; else how to declare a lane (``lanes``) or the known names."""
    hint = did_you_mean(key, list(known), "fields")
    if lanes and not hint.startswith("did you mean"):
        return "declare it under lanes: in site.yml"
    return hint


class Fields:
    """Reads the fields of one mapping, in file ``path``, described as ``what``."""

    def __init__(self, data: LMap, path: str, problems: Problems, what: str):
        self.data = data
        self.path = path
        self.problems = problems
        self.what = what

    # -- locating ---------------------------------------------------------
    def line(self, key: str | None = None) -> int:
        data = self.data  # LMap.line_of, inlined: asked for most fields read
        return data.key_lines.get(key, data.line) if key else data.line

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        self.problems.error(self.path, self.line(key), message, hint)

    def warn(self, key: str | None, message: str, hint: str = "", code: str = "") -> None:
        self.problems.warn(self.path, self.line(key), message, hint, code)

    def _missing(self, key: str, required: bool) -> bool:
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            if required and key in self.data:
                self.error(key, f"'{key}' is empty in {self.what}", "it is required")
            elif required:
                self.error(None, f"{self.what} has no '{key}'", f"add '{key}:' — it is required")
            return True
        return False

    def unknown(self, known: Iterable[str], warn_all: bool = True, lanes: bool = False
                ) -> dict[str, Any]:
        """Keys not in ``known``, returned as the ``extra`` dict (kept for the export
        and themes), each reported as ``unknown-field``: the closest known name, or
        (``lanes``, for touchpoints) how to declare it as a custom lane.

        ``warn_all=False`` keeps them without a word: the caller reports them later
        (a touchpoint's fields, once site.yml's lanes are known).
        """
        known = tuple(known)
        known_set = _key_set(known)
        extra = {}
        for key in self.data:
            if key not in known_set:
                extra[key] = self.data[key]
                if warn_all:
                    self.warn(key, f"unknown field '{key}' in {self.what}",
                              unknown_hint(key, known, lanes), "unknown-field")
        return extra

    # -- scalars ----------------------------------------------------------
    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if value.__class__ is str and value:  # the usual case, read for most fields of every file
            return value.strip() or default
        if self._missing(key, required):
            return default
        return self._as_text(key, value, self.line(key), self.data.raw.get(key)) or default

    def _as_text(self, key: str, value: Any, line: int, raw: str | None) -> str | None:
        """Text as the user wrote it: ``feels: no`` is "no", ``timing: 12:15`` "12:15"."""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (bool, int, float, dt.date)):
            return (raw if raw is not None else str(value)).strip()
        hint = "put the text in quotes" if isinstance(value, (dict, list)) else ""
        self.problems.error(self.path, line, f"'{key}' must be text, not {type_name(value)}", hint)
        return None

    def slug(self, key: str, required: bool = False) -> str:
        value = self.text(key, required)
        if value and not is_slug(value):
            hint = f"ids use a-z, 0-9 and '-', e.g. '{slugify(value)}'" if slugify(value) else \
                "ids use a-z, 0-9 and '-'"
            self.error(key, f"'{key}' must be a lower-case id, not '{value}'", hint)
            return ""
        return value

    def integer(self, key: str, low: int, high: int, required: bool = False) -> int | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, f"'{key}' must be a whole number from {low} to {high}, not {value!r}")
            return None
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key)
        if not value:
            return default
        if value not in options:
            hint = did_you_mean(value, list(options), "values")
            self.error(key, f"'{key}' must be one of {', '.join(options)}; not '{value}'",
                       hint if hint.startswith("did you mean") else "")
            return default
        return value

    def date(self, key: str) -> dt.date | None:
        if self._missing(key, False):
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(key, f"'{key}' must be a date like 2026-10-01, not {value!r}")
        return None

    # -- collections ------------------------------------------------------
    def text_list(self, key: str, required: bool = False) -> list[str]:
        """A list of text; a single value counts as a one-item list."""
        return [text for text, _line in self.text_list_lines(key, required)]

    def text_list_lines(self, key: str, required: bool = False) -> list[tuple[str, int]]:
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            text = self._as_text(key, value, self.line(key), self.data.raw.get(key))
            return [(text, self.line(key))] if text else []
        result = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            if item.__class__ is str:  # the usual case, without a call
                text = item.strip()
            else:
                text = self._as_text(key, item, line, value.raw.get(index))
            if text:
                result.append((text, line))
        return result

    def mapping(self, key: str, required: bool = False) -> LMap | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if not isinstance(value, LMap):
            self.error(key, f"'{key}' must be a mapping of 'name: value' lines, not {type_name(value)}",
                       f"write each part on its own indented line below '{key}:'")
            return None
        return value

    def mappings(self, key: str, required: bool = False) -> list[LMap]:
        """A list whose items are mappings (touchpoints, content items…)."""
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, LSeq):
            self.error(key, f"'{key}' must be a list ('- ' items), not {type_name(value)}",
                       f"start each item below '{key}:' with '- '")
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, LMap):
                items.append(item)
            else:
                self.problems.error(self.path, value.line_of(index),
                                    f"each item of '{key}' must be a mapping, not {type_name(item)}",
                                    "write the item's fields as 'name: value' under '- '")
        return items

    def sub(self, data: LMap, what: str) -> "Fields":
        return Fields(data, self.path, self.problems, what)

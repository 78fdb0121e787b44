"""The building blocks of the JSON Schemas: text, ids, lists, mappings, as the checker reads them."""

from __future__ import annotations

from typing import Any

from ..load.fields import SLUG

SLUG_PATTERN = "^" + SLUG.pattern.replace(r"\Z", "$")
SCALARS = ["string", "number", "boolean"]
"""What the checker accepts as text: YAML may type `no`, `12:15` or `3` as non-strings."""

Schema = dict[str, Any]


# -- the building blocks ----------------------------------------------------------

def text(description: str, required: bool = False) -> Schema:
    if required:
        return {"description": description, "type": SCALARS, "minLength": 1}
    return {"description": description, "type": [*SCALARS, "null"]}


def text_list(description: str) -> Schema:
    """A list of text; a single value is a one-item list (as the checker reads it)."""
    return {"description": description, "anyOf": [
        {"type": [*SCALARS, "null"]},
        {"type": "array", "items": {"type": SCALARS}},
    ]}


def slug(description: str, required: bool = False) -> Schema:
    schema: Schema = {"description": description, "type": ["string", "integer"],
                      "pattern": SLUG_PATTERN, "minimum": 0}
    if not required:
        schema["type"] = [*schema["type"], "null"]
    return schema


def ref(description: str, ids: list[str] | None, required: bool = False) -> Schema:
    """An id that must name something: an enum when the project's ids are known."""
    if not ids:
        return slug(description, required)
    return {"description": description, "enum": [*ids] if required else [*ids, None]}


def ref_list(description: str, ids: list[str] | None, required: bool = False) -> Schema:
    one = ref(description, ids, required=True)
    one = {key: value for key, value in one.items() if key != "description"}
    if required:
        return {"description": description, "anyOf": [one, {"type": "array", "minItems": 1,
                                                              "items": one}]}
    return {"description": description, "anyOf": [{"type": "null"}, one,
                                                  {"type": "array", "items": one}]}


def integer(description: str, low: int, high: int) -> Schema:
    return {"description": description, "type": ["integer", "null"], "minimum": low,
            "maximum": high}


def choice(description: str, options: tuple[str, ...], default: str) -> Schema:
    return {"description": description, "enum": [*options, None, ""], "default": default}


def date(description: str) -> Schema:
    return {"description": description, "anyOf": [
        {"type": "null"}, {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}


def mapping(description: str, properties: dict[str, Schema], required: tuple[str, ...] = (),
            closed: bool = False, nullable: bool = False) -> Schema:
    """An object; ``closed`` when the checker rejects (or, for site.yml, warns on) other keys."""
    schema: Schema = {"description": description, "type": ["object", "null"] if nullable
                      else "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = not closed
    return schema


def mappings(description: str, item: Schema, required: bool = False) -> Schema:
    if required:
        return {"description": description, "type": "array", "minItems": 1, "items": item}
    return {"description": description, "type": ["array", "null"], "items": item}


def terms(description: str) -> Schema:
    """A vocabulary: ``{id, name}`` entries or plain names (``- Discover``)."""
    entry = mapping("An entry: id (a slug) and the name readers see.", {
        "id": slug("The id content refers to: a-z, 0-9 and '-'.", required=True),
        "name": text("The name readers see."),
        "description": text("A longer explanation."),
        "messages": {"description": "Channels: whether it sends messages to the customer "
                                    "(counts towards max_messages_per_day).",
                     "type": ["boolean", "null"]},
    }, required=("id",))
    return {"description": description, "type": ["array", "null"], "items": {"anyOf": [
        {"type": "string", "pattern": "[A-Za-z0-9]"}, entry]}}

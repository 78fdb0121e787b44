"""Reading the sharing fields of front matter: ``internal``, ``evidence`` and pain
points written as mappings. Called by :mod:`journeydocs.load.validate`; every problem is
reported at its line through :class:`~journeydocs.load.fields.Fields`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import did_you_mean
from ..load.fields import Fields, type_name
from ..load.frontmatter import LMap
from ..model import EVIDENCE_KINDS, Evidence, PainPointDetail

SOURCE_SCHEMES = ("http", "https", "mailto")
EVIDENCE_KEYS = ("kind", "source", "note")
PAIN_POINT_KEYS = ("text", "evidence", "internal")


def internal(fields: Fields) -> bool:
    """``internal: true`` — a yes/no value; anything else is an error."""
    value = fields.data.get("internal")
    if value is None or isinstance(value, bool):
        return bool(value)
    fields.error("internal", f"'internal' must be true or false, not {value!r}",
                 "write 'internal: true' to leave this out of external builds")
    return False


def evidence(fields: Fields, key: str = "evidence") -> Evidence | None:
    """``evidence: research`` or ``evidence: {kind, source, note}``."""
    value = fields.data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        kind = _kind(fields, key, value.strip(), fields.line(key))
        return Evidence(kind) if kind else None
    if not isinstance(value, LMap):
        fields.error(key, f"'{key}' must be a kind or a mapping with 'kind:', not {type_name(value)}",
                     f"kinds: {', '.join(EVIDENCE_KINDS)}")
        return None
    sub = fields.sub(value, "the evidence")
    sub.unknown(EVIDENCE_KEYS)
    kind = _kind(sub, "kind", sub.text("kind", required=True), sub.line("kind"))
    if not kind:
        return None
    return Evidence(kind, _source(sub), sub.text("note"))


def _kind(fields: Fields, key: str, value: str, line: int) -> str:
    if value in EVIDENCE_KINDS:
        return value
    if value:
        hint = did_you_mean(value.lower().replace(" ", "-").replace("_", "-"),
                            EVIDENCE_KINDS, "kinds")
        fields.problems.error(fields.path, line,
                              f"'{value}' is not an evidence kind; use one of "
                              f"{', '.join(EVIDENCE_KINDS)}", hint)
    return ""


def _source(fields: Fields) -> str:
    source = fields.text("source")
    try:
        scheme = urlsplit(source).scheme.lower() if source else ""
    except ValueError:
        scheme = "?"
    if source and scheme not in SOURCE_SCHEMES:
        fields.warn("source", f"the evidence source '{source[:60]}' is not an http(s) or mailto "
                    "link; it is left out", "link to the study, dashboard or report",
                    "link-invalid")
        return ""
    return source


def pain_points(fields: Fields) -> tuple[list[str], dict[str, PainPointDetail]]:
    """Pain points as text, plus the details of those written as ``{text, evidence, internal}``."""
    value = fields.data.get("pain_points")
    if not isinstance(value, list) or not any(isinstance(item, LMap) for item in value):
        return fields.text_list("pain_points"), {}
    texts: list[str] = []
    details: dict[str, PainPointDetail] = {}
    for index, item in enumerate(value):
        if isinstance(item, LMap):
            sub = fields.sub(item, "a pain point")
            sub.unknown(PAIN_POINT_KEYS)
            text = sub.text("text", required=True)
            if text:
                texts.append(text)
                details[text] = PainPointDetail(evidence(sub), internal(sub))
            continue
        text = fields._as_text("pain_points", item, value.line_of(index), value.raw.get(index))
        if text:
            texts.append(text)
    return texts, details

"""Spreadsheet headers → touchpoint fields, in the five UI languages and common synonyms.

A header is matched after :func:`normal` has lower-cased it, stripped accents and
punctuation and dropped a parenthesised note (``Score (1-7)`` → ``score``), so
``Etapă``, ``ETAPA`` and ``etapa`` are one header. What matches nothing becomes a
custom lane; ``--columns MAP.yml`` maps any header by its written name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from ..load.fields import slugify

# field → header names (en, sv, da, pt, ro and the words mapping tools export)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "journey": ("journey", "customer journey", "journey name", "journey id", "map",
                "resa", "kundresa", "rejse", "kunderejse", "jornada", "jornada do cliente",
                "calatorie", "calatoria clientului"),
    "stage": ("stage", "stages", "phase", "journey stage", "journey phase", "stage name",
              "fas", "faser", "skede", "etapp", "fase", "faser", "stadie", "etape",
              "etapa", "etapas", "estagio", "faza", "stadiu", "etapa calatoriei"),
    "name": ("step", "steps", "touchpoint", "touchpoints", "touch point", "touch-point",
             "step name", "touchpoint name", "name", "task", "moment", "interaction",
             "activity", "steg", "kontaktpunkt", "kontaktpunkter", "beroringspunkt",
             "aktivitet", "trin", "passo", "passos",
             "ponto de contato", "ponto de contacto", "pontos de contato", "interacao",
             "atividade", "pas", "pasi", "punct de contact", "puncte de contact",
             "activitate", "interactiune"),
    "id": ("id", "touchpoint id", "step id", "key"),
    "channel": ("channel", "channels", "medium", "kanal", "kanaler", "canal", "canais",
                "canale"),
    "timing": ("timing", "time", "when", "day", "tidpunkt", "nar", "tidspunkt", "hvornar",
               "quando", "tempo", "momento", "cand", "moment in timp"),
    "persona": ("persona", "actor", "actors", "who", "aktor", "ator", "actor principal"),
    "owner": ("owner", "owned by", "responsible", "team", "responsible team", "agare",
              "ansvarig", "ejer", "ansvarlig", "responsavel", "dono", "equipa", "equipe",
              "responsabil", "proprietar", "echipa"),
    "does": ("doing", "does", "actions", "action", "customer actions", "customer action",
             "what they do", "behaviour", "behavior", "gor", "handlingar", "kundens handlingar",
             "gor kunden", "handlinger", "kundens handlinger", "faz", "fazendo", "acoes",
             "accoes", "o que faz", "face", "actiuni", "ce face"),
    "thinks": ("thinking", "thinks", "thoughts", "tanker", "tankar", "taenker", "pensa",
               "pensando", "pensamentos", "gandeste", "ganduri", "o que pensa", "ce gandeste"),
    "feels": ("feeling", "feels", "feelings", "kanner", "kanslor", "kansla", "foler",
              "folelser", "sente", "sentindo", "sentimentos", "simte", "sentimente",
              "o que sente", "ce simte"),
    "emotion": ("score", "emotion", "emotions", "emotion score", "satisfaction", "sentiment",
                "mood", "rating", "csat", "emotional score", "betyg", "poang", "nojdhet",
                "kanslopoang", "tilfredshed", "karakter", "humor", "pontuacao", "nota",
                "satisfacao", "emocao", "scor", "emotie", "satisfactie", "nota"),
    "expectation": ("expectation", "expectations", "expected", "forvantan", "forvantning",
                    "forvantningar", "forventning", "forventninger", "expectativa",
                    "expectativas", "asteptare", "asteptari"),
    "reality": ("reality", "actual", "what happens", "verklighet", "verkligheten",
                "virkelighed", "virkeligheden", "realidade", "realitate"),
    "pain_points": ("pain points", "pain point", "pains", "pain", "problems", "frustrations",
                    "issues", "smartpunkter", "problem", "utmaningar", "smertepunkter",
                    "problemer", "udfordringer", "pontos de dor", "dores", "problemas",
                    "frustracoes", "puncte de durere", "probleme", "frustrari"),
    "opportunities": ("opportunities", "opportunity", "ideas", "idea", "improvements",
                      "mojligheter", "ideer", "forbattringar", "muligheder", "forbedringer",
                      "oportunidades", "ideias", "melhorias", "oportunitati", "idei",
                      "imbunatatiri"),
    "frontstage": ("frontstage", "front stage", "onstage", "on stage", "front office",
                   "employee actions", "staff actions", "linha de frente", "palco"),
    "backstage": ("backstage", "back stage", "back office", "behind the scenes",
                  "bakom kulisserna", "bag kulisserne", "bastidores", "culise",
                  "in culise"),
    "systems": ("systems", "system", "support processes", "support systems", "tools",
                "technology", "it systems", "systemer", "sistemas", "sisteme"),
    "data": ("data", "data needed", "dados", "date"),
    "props": ("props", "physical evidence", "evidence seen", "artefacts", "artifacts",
              "rekvisita", "rekvisitter", "evidencias fisicas", "adereços"),
    "description": ("description", "details", "beskrivning", "beskrivelse", "descricao",
                    "descriere"),
    "key_moment": ("key moment", "moment of truth", "moment that matters",
                   "nyckelmoment", "sandhedens oejeblik", "momento da verdade",
                   "moment cheie"),
    "next": ("next", "next step", "next steps", "nasta", "naeste", "næste", "proximo",
             "urmatorul"),
}

LIST_FIELDS = frozenset({"pain_points", "opportunities", "frontstage", "backstage", "systems",
                         "data", "props", "next"})
"""Fields whose cells hold several entries (split on new lines or semicolons)."""
TOUCHPOINT_FIELDS = frozenset({
    "id", "name", "stage", "channel", "where", "timing", "persona", "owner", "does", "thinks",
    "feels", "emotion", "expectation", "reality", "pain_points", "opportunities", "systems",
    "data", "next", "content", "internal", "evidence", "by", "description", "key_moment",
    "props", "frontstage", "backstage", "detail"})
"""Built-in touchpoint fields (versions 1 and 2): a lane may not take one of these ids."""
SKIP = "skip"


def normal(header: object) -> str:
    """``"  Etapă (fase) "`` → ``"etapa"``: the form headers are compared in."""
    text = str(header or "").replace("\n", " ")
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
    text = text.translate(str.maketrans({"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
                                         "ß": "ss", "đ": "d", "ł": "l"}))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


_INDEX = {normal(name): field for field, names in SYNONYMS.items() for name in names}


def scale_in(header: object) -> tuple[float, float] | None:
    """The scale a header states, ``Score (1-7)`` → ``(1, 7)``; None when it states none."""
    text = str(header or "").replace("−", "-")
    found = re.search(r"([-+]?\d+)\s*(?:-|–|—|\.\.|\bto\b|\btil\b|\btill\b|\ba\b|\bla\b)\s*([-+]?\d+)",
                      text)
    if not found:
        return None
    low, high = float(found.group(1)), float(found.group(2))
    return (low, high) if low < high else None


def lane_id(header: object) -> str:
    """A lane's field name for a header: ``Why it matters`` → ``why_it_matters``."""
    lane = slugify(normal(header)).replace("-", "_") or "lane"
    if lane[0].isdigit():
        lane = "lane_" + lane
    return lane + "_original" if lane in TOUCHPOINT_FIELDS else lane


@dataclass
class Column:
    """What one column of a sheet holds."""

    index: int
    header: str
    field: str
    """A touchpoint field, ``journey``, ``lane`` (a custom lane) or ``skip``."""
    lane: str = ""
    """The lane's id, for ``field == "lane"``."""
    scale: tuple[float, float] | None = None
    """For scores: the scale its values are on, when the header or the map says."""


def match_header(header: object, mapping: dict[str, dict] | None = None) -> Column:
    """The column a header makes (``index`` is set by the caller)."""
    text = str(header or "").strip()
    mapped = (mapping or {}).get(normal(text))
    if mapped is not None:
        field = mapped["field"]
        lane = mapped.get("lane") or (lane_id(text) if field == "lane" else "")
        return Column(0, text, field, lane, mapped.get("scale") or scale_in(text))
    field = _INDEX.get(normal(text))
    if field is None:
        return Column(0, text, "lane", lane_id(text)) if text else Column(0, text, SKIP)
    return Column(0, text, field, scale=scale_in(text) if field == "emotion" else None)


def known_count(row: list[object]) -> int:
    """How many fields a row's cells name as headers (finds the header row)."""
    return len({_INDEX[normal(cell)] for cell in row if normal(cell) in _INDEX})


class MapError(ValueError):
    """A --columns file that cannot be used; the message says where and why."""


def read_columns_map(path) -> dict[str, dict]:
    """``--columns MAP.yml``: ``Header: field`` (or ``lane``, ``lane:ID``, ``skip``), or
    ``Header: {field: emotion, scale: [0, 10]}``; keys compared as :func:`normal` does."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.safe_load(handle)
    except OSError as exc:
        raise MapError(f"{path}: cannot read the columns map ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise MapError(f"{path}:{line}: YAML syntax error in the columns map") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MapError(f"{path}:1: the columns map must be a mapping of 'Header: field'")
    known = set(SYNONYMS) | {"lane", SKIP}
    result: dict[str, dict] = {}
    for header, value in data.items():
        spec = dict(value) if isinstance(value, dict) else {"field": value}
        field = str(spec.get("field", "")).strip()
        if field.startswith("lane:"):
            field, spec["lane"] = "lane", field[5:].strip()
        if field not in known:
            raise MapError(f"{path}: '{header}': unknown field '{field}' "
                           f"(choose one of {', '.join(sorted(known))})")
        spec["field"] = field
        if spec.get("lane") and not re.fullmatch(r"[a-z][a-z0-9_]*", str(spec["lane"])):
            raise MapError(f"{path}: '{header}': lane id '{spec['lane']}' must be lower-case "
                           "letters, digits and _")
        scale = spec.get("scale")
        if scale is not None:
            if (not isinstance(scale, list) or len(scale) != 2
                    or not all(isinstance(v, (int, float)) for v in scale) or scale[0] >= scale[1]):
                raise MapError(f"{path}: '{header}': scale must be [low, high], e.g. [0, 10]")
            spec["scale"] = (float(scale[0]), float(scale[1]))
        result[normal(header)] = spec
    return result

"""The diagram palette: every colour the generated diagrams use, for light and dark.

The diagram builders write their ``classDef`` lines from :data:`CLASSES` in the light
scheme, so a source pasted elsewhere reads well in mermaid's default theme. A dark page
draws the same source with each known ``classDef`` swapped for its dark colours
(:func:`for_scheme`): in the browser ``journeydocs.js`` does the swap from the block's
``data-palette`` (:func:`client_palette`); pre-rendered (``diagrams: svg``), the dark
SVG is rendered from the swapped source. Mermaid's own theme variables per scheme come
from :data:`THEME_VARIABLES` the same way, so no colour of a drawn diagram lives
anywhere else. Overriding mermaid's inline fills with CSS does not work (its inline
styles win), hence colours handed to mermaid itself.

Each pair keeps text at 4.5:1 or more against its fill (``tests/test_diagrams.py``
checks the numbers, ``tests/test_pages_render.py`` the drawn diagrams); dark fills are
deep tints, never near-white, so a dark page has no bright boxes.
"""

from __future__ import annotations

import re

SCHEMES = ("light", "dark")
"""The page's colour schemes; mermaid's theme names for them are in :data:`MERMAID_THEME`."""
MERMAID_THEME = {"light": "default", "dark": "dark"}

Style = dict[str, str]

CLASSES: dict[str, dict[str, Style]] = {
    # emotion bands (flow nodes, the blueprint's customer-action cells)
    "emoLow": {"light": {"fill": "#fde2e1", "stroke": "#b42318", "color": "#1f2937"},
               "dark": {"fill": "#4a1d1f", "stroke": "#f87171", "color": "#fde2e1"}},
    "emoMid": {"light": {"fill": "#fef3c7", "stroke": "#92400e", "color": "#1f2937"},
               "dark": {"fill": "#45340f", "stroke": "#fbbf24", "color": "#fef3c7"}},
    "emoHigh": {"light": {"fill": "#dcfce7", "stroke": "#166534", "color": "#1f2937"},
                "dark": {"fill": "#153d27", "stroke": "#4ade80", "color": "#dcfce7"}},
    "emoNone": {"light": {"fill": "#f3f4f6", "stroke": "#6b7280", "color": "#1f2937"},
                "dark": {"fill": "#2b313b", "stroke": "#9ca3af", "color": "#e5e7eb"}},
    # the flow's entry and exit, the blueprint's lane and stage headings
    "flowEnd": {"light": {"fill": "#e0e7ff", "stroke": "#3730a3", "color": "#1f2937"},
                "dark": {"fill": "#262a5a", "stroke": "#a5b4fc", "color": "#e0e7ff"}},
    "lane": {"light": {"fill": "#e0e7ff", "stroke": "#3730a3", "color": "#1e1b4b"},
             "dark": {"fill": "#262a5a", "stroke": "#a5b4fc", "color": "#e0e7ff"}},
    "stage": {"light": {"fill": "#312e81", "stroke": "#312e81", "color": "#ffffff"},
              "dark": {"fill": "#4338ca", "stroke": "#4338ca", "color": "#ffffff"}},
    # the blueprint's dashed lines and empty cells: outlines only
    "line": {"light": {"fill": "none", "stroke": "#6b7280"},
             "dark": {"fill": "none", "stroke": "#9ca3af"}},
    "empty": {"light": {"fill": "none", "stroke": "#9ca3af"},
              "dark": {"fill": "none", "stroke": "#6b7280"}},
}
"""Mermaid class → scheme → colours. A builder adds what is not a colour (dashes, weight)."""

THEME_VARIABLES: dict[str, dict[str, str]] = {
    "light": {},
    # the dark theme's grey edge labels miss 4.5:1 contrast; the page's surface colour passes
    "dark": {"edgeLabelBackground": "#222833"},
}
"""Mermaid ``themeVariables`` per scheme (on top of its ``default`` / ``dark`` theme)."""

_CLASS_DEF = re.compile(r"^(\s*classDef\s+)([A-Za-z][\w-]*)\s+(.*)$", re.MULTILINE)


def style(name: str, scheme: str = "light", **extra: str) -> str:
    """``name``'s mermaid style in ``scheme`` with ``extra`` properties
    (``stroke_dasharray="5 5"`` → ``stroke-dasharray:5 5``) after its colours."""
    props = dict(CLASSES[name][scheme])
    props.update({key.replace("_", "-"): value for key, value in extra.items()})
    return ",".join(f"{key}:{value}" for key, value in props.items())


def class_def_lines(styles: dict[str, str]) -> list[str]:
    """``classDef`` lines (indented as the builders write them) for name → style."""
    return [f"    classDef {name} {text}" for name, text in styles.items()]


def _swap(text: str, name: str, scheme: str) -> str:
    """A ``classDef`` style with ``name``'s colours in ``scheme``, the rest kept."""
    props: dict[str, str] = {}
    for part in text.split(","):
        key, sep, value = part.partition(":")
        if sep:
            props[key.strip()] = value.strip()
    props.update(CLASSES[name][scheme])
    return ",".join(f"{key}:{value}" for key, value in props.items())


def scheme_class_defs(source: str, scheme: str) -> dict[str, str]:
    """Class name → its ``classDef`` style in ``scheme``, for the palette's classes that
    ``source`` defines (a user's own class names are left alone)."""
    return {m.group(2): _swap(m.group(3), m.group(2), scheme)
            for m in _CLASS_DEF.finditer(source) if m.group(2) in CLASSES}


def for_scheme(source: str, scheme: str) -> str:
    """``source`` with the palette's ``classDef`` lines in ``scheme``'s colours."""
    styles = scheme_class_defs(source, scheme)
    return _CLASS_DEF.sub(lambda m: (m.group(1) + m.group(2) + " " + styles[m.group(2)]
                                     if m.group(2) in styles else m.group(0)), source)


def client_palette(source: str) -> dict[str, dict]:
    """What ``journeydocs.js`` needs to draw ``source`` in either scheme: per scheme, the
    ``classDefs`` to swap in (name → style; only those that differ from the source's,
    so light pages swap nothing) and mermaid's ``themeVariables``."""
    written = {m.group(2): m.group(3).strip() for m in _CLASS_DEF.finditer(source)}
    return {scheme: {"classDefs": {name: text for name, text
                                   in scheme_class_defs(source, scheme).items()
                                   if written.get(name) != text},
                     "themeVariables": THEME_VARIABLES[scheme]}
            for scheme in SCHEMES}


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)

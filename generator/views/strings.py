"""UI strings of the cross-journey views, per language (merged by render_strings.strings).

Keys missing in a language fall back to English.
"""

STRINGS: dict[str, dict[str, str]] = {"en": {}, "sv": {}, "da": {}, "pt": {}, "ro": {}}

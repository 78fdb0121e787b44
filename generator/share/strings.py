"""UI strings of the sharing features, per language (merged by render_strings.strings)."""

STRINGS: dict[str, dict[str, str]] = {"en": {}, "sv": {}, "da": {}, "pt": {}, "ro": {}}

"""YAML syntax errors in our own words, whichever parser PyYAML gives us.

libyaml (the C loader) and PyYAML's pure-Python parser describe the same mistake in
different words ("did not find expected ',' or ']'" against "expected ',' or ']', but got
':'"), and either may reword them in a release. A playbook author should read the same
line whichever is installed, so the mistakes people make in front matter are named
here; anything else keeps the parser's own text.
"""

from __future__ import annotations

import re

_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    # (pattern over the context, pattern over the problem, our message)
    (r"flow sequence", r"", "a list in [ ] is not closed, or two of its items have no ',' between them"),
    (r"flow mapping", r"", "a mapping in { } is not closed, or two of its entries have no ',' between them"),
    (r"", r"^mapping values are not allowed",
     "a second ': ' on one line (put text that contains ': ' in quotes)"),
    (r"block mapping", r"expected key|expected <block end>",
     "this line is not indented like the keys above it"),
    (r"block collection", r"", "this line is not indented like the list items above it"),
    (r"", r"cannot start any token", "a value cannot start with this character (put the text in quotes)"),
    (r"", r"undefined alias",
     "'*' names an anchor ('&name') that is not defined (put text that starts with '*' in quotes)"),
    (r"quoted scalar", r"end of stream", "a quoted text is not closed (add its closing quote)"),
    (r"simple key", r"expected ':'", "a key is not followed by ': '"),
    (r"single document", r"another document", "a second '---' line inside the front matter"),
)
_COMPILED = tuple((re.compile(context), re.compile(problem), message)
                  for context, problem, message in _PROBLEMS)


def describe(problem: str | None, context: str | None) -> str:
    """What went wrong, in our words when the mistake is a known one."""
    problem, context = problem or "", context or ""
    for context_pattern, problem_pattern, message in _COMPILED:
        if context_pattern.search(context) and problem_pattern.search(problem):
            return message
    return problem or context or "invalid YAML"

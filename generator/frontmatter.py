"""Reading one source file: bytes → text → front matter + body → located YAML data.

YAML is composed to nodes (C loader where present) and turned into plain dicts and
lists that remember the line of every key and item, so later stages can report
``path:line`` for any field without keeping YAML nodes around.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml's composer is several times faster; fall back silently.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
"""Far above any hand-written playbook file (the sample's largest is 15 KB), and low
enough that the worst Markdown stays bounded: markdown-it needs ~20 µs a byte, slightly
worse than linear, for a body of nothing but ``[`` (measured: 200 KB in 3.7 s)."""
MAX_NODES = 200_000
MAX_DEPTH = 64
_SAFE_INDICATORS = 2_000
"""Below this many collection indicators YAML cannot nest deeper than libyaml's
recursive composer survives (it overflows the C stack, a segfault, near 20 000)."""
FENCE = "---"


class LMap(dict):
    """A YAML mapping that knows its own line and the line of each key.

    ``raw`` keeps the text as written of scalar values that YAML typed (``12:15``
    is 735 in YAML 1.1, ``no`` is False), so text fields can read what the user wrote.
    """

    line: int
    key_lines: dict[str, int]
    raw: dict[str, str]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LSeq(list):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]
    raw: dict[int, str]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class Located:
    """A problem while reading: a line (1-based, in the file) and a message."""

    line: int
    message: str
    hint: str = ""


class ReadError(Exception):
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.located = Located(line, message, hint)


@dataclass
class SplitFile:
    """A text file cut into its front matter and body."""

    front_matter: str | None
    """The YAML between the fences, or None when the file has no front matter."""
    body: str
    body_line: int
    """The 1-based line in the file where the body starts."""


def decode(data: bytes) -> str:
    """UTF-8 text with BOM removed and line ends made ``\\n``; ReadError otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise too_big(len(data))
    if b"\x00" in data[:8192]:
        raise ReadError(1, "this is a binary file, not text", "playbook files are UTF-8 Markdown or YAML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(line, f"bytes that are not UTF-8 (byte 0x{data[exc.start]:02x})",
                        "save the file as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def too_big(size: int) -> ReadError:
    return ReadError(1, f"the file is {_megabytes(size)}; the limit is {_megabytes(MAX_FILE_BYTES)}",
                     "split it, or keep large data outside the playbook and link to it")


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def split(text: str) -> SplitFile:
    """Cut front matter (between ``---`` lines at the top) from the body."""
    if not (text.startswith(FENCE) and text[3:4] in ("\n", " ", "\t", "")
            and text.split("\n", 1)[0].strip() == FENCE):
        return SplitFile(None, text, 1)
    lines = text.split("\n")
    for number in range(1, len(lines)):
        if lines[number].rstrip() in (FENCE, "..."):
            front = "\n".join(lines[1:number])
            body = "\n".join(lines[number + 1:])
            return SplitFile(front, body, number + 2)
    raise ReadError(1, "front matter has no closing '---'",
                    "end the YAML block with a line that is just '---'")


def parse_yaml(source: str, first_line: int = 1) -> Any:
    """Parse YAML to located data; ``first_line`` is where ``source`` starts in its file."""
    try:
        _check_shape(source, first_line)
        node = yaml.compose(source, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or exc.context or "invalid YAML"
        if mark and _indented_with_tab(source, mark.line):
            raise ReadError(line, "YAML syntax error: a tab is used for indentation",
                            "YAML indents with spaces only; replace the tab with spaces") from None
        raise ReadError(line, f"YAML syntax error: {what}",
                        "check indentation, quotes and that each key is followed by ': '") from None
    except yaml.YAMLError as exc:
        raise ReadError(first_line, f"YAML error: {exc}") from None
    except RecursionError:
        raise ReadError(first_line, _too_deep(), _DEEP_HINT) from None
    if node is None:
        return None
    try:
        return _Builder(first_line).build(node, 0)
    finally:
        # the shared constructor remembers every node it typed: drop them with the file,
        # or every file's YAML nodes stay in memory for the whole build
        _Builder._constructor.constructed_objects.clear()


def _indented_with_tab(source: str, index: int) -> bool:
    lines = source.split("\n")
    line = lines[index] if index < len(lines) else ""
    return "\t" in line[: len(line) - len(line.lstrip(" \t-"))]


def _check_shape(source: str, first_line: int) -> None:
    """Refuse YAML nested deeper than MAX_DEPTH or holding too many values, before composing.

    The composer recurses once per level and crashes the interpreter on very deep
    input, and builds every node of a huge document before the builder can count
    them; libyaml's event stream keeps its own stack and can be stopped early.
    Only text with many indicators can be deep or large, so most files skip this.
    """
    if sum(source.count(c) for c in "[{-:?,") < _SAFE_INDICATORS:
        return
    depth = count = 0
    for event in yaml.parse(source, Loader=SafeLoader):
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            count += 1
            if count > MAX_NODES:
                raise ReadError(first_line + event.start_mark.line,
                                f"YAML holds more than {MAX_NODES:,} values",
                                "split the data, or keep it outside the playbook and link to it")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ReadError(first_line + event.start_mark.line, _too_deep(), _DEEP_HINT)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep() -> str:
    return f"YAML is nested more than {MAX_DEPTH} levels deep"


_DEEP_HINT = "flatten the data; playbook fields need only a few levels"


def _unsupported_tag(node: yaml.Node, line: int) -> ReadError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return ReadError(line, f"YAML tag '{tag}' is not supported",
                     "remove the tag; plain text, numbers, dates and lists work")


class _Builder:
    """Turns a node graph into LMap/LSeq/scalars, bounded in size and depth."""

    _constructor = yaml.constructor.SafeConstructor()
    _STR = "tag:yaml.org,2002:str"

    _DEFAULT_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.count = 0
        self.open: set[int] = set()
        """Collections being built: meeting one again means an alias refers to itself."""

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ReadError(self.line(node), "YAML expands to too many values (an alias bomb?)",
                            "avoid deeply repeated '*alias' references")
        if depth > MAX_DEPTH:
            raise ReadError(self.line(node), _too_deep(), _DEEP_HINT)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if node.tag not in self._DEFAULT_TAGS:
            raise _unsupported_tag(node, self.line(node))
        if id(node) in self.open:
            raise ReadError(self.line(node), "a YAML alias refers to the list or mapping it is in",
                            "write the values out instead of the '*alias'")
        self.open.add(id(node))
        try:
            return self.collection(node, depth)
        finally:
            self.open.discard(id(node))

    def collection(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.SequenceNode):
            seq = LSeq(self.build(item, depth + 1) for item in node.value)
            seq.line = self.line(node)
            seq.item_lines = [self.line(item) for item in node.value]
            seq.raw = {index: item.value for index, item in enumerate(node.value)
                       if isinstance(item, yaml.ScalarNode) and item.tag != self._STR}
            return seq
        return self.mapping(node, depth)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == self._STR:
            return node.value
        try:
            value = self._constructor.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise _unsupported_tag(node, self.line(node)) from None
        except ValueError:
            raise ReadError(self.line(node), f"cannot read the value '{node.value}'") from None
        if isinstance(value, (bytes, bytearray)):
            raise ReadError(self.line(node), "binary values are not supported")
        if isinstance(value, dt.datetime):
            return value.date() if not (value.hour or value.minute or value.second) else value
        return value

    def mapping(self, node: yaml.MappingNode, depth: int) -> LMap:
        result = LMap()
        result.line = self.line(node)
        result.key_lines = {}
        result.raw = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ReadError(self.line(key_node), "YAML merge keys ('<<') are not supported",
                                "write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise ReadError(self.line(key_node), "a key must be a plain name")
            key = key_node.value  # the text as written: 'no:' stays "no", not False
            if key in result:
                raise ReadError(self.line(key_node), f"duplicate key '{key}'",
                                f"it is already set on line {result.key_lines[key]}")
            result.key_lines[key] = self.line(key_node)
            result[key] = self.build(value_node, depth + 1)
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag != self._STR:
                result.raw[key] = value_node.value
        return result

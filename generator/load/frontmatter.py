"""Reading one source file: bytes → text → front matter + body → located YAML data.

YAML is composed to nodes (C loader where present) and turned into plain dicts and
lists that remember the line of every key and item, so later stages can report
``path:line`` for any field without keeping YAML nodes around.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from typing import Any, Iterator

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import yaml_problems

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
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if not (text.startswith(FENCE) and text[3:4] in ("\n", " ", "\t", "")
            and first_line.strip() == FENCE):
        return SplitFile(None, text, 1)
    closing = _closing_fence(text, first_end) if first_end >= 0 else None
    if closing is None:
        raise ReadError(1, "front matter has no closing '---'",
                        "end the YAML block with a line that is just '---'")
    start, end = closing
    number = text.count("\n", 0, start)  # the closing line's index
    return SplitFile(text[first_end + 1:start - 1], text[end + 1:], number + 2)


def _closing_fence(text: str, newline: int) -> tuple[int, int] | None:
    """Start and end of the first line after ``newline`` that is ``---`` or ``...``
    (spaces may follow): found with ``str.find``, not by splitting a whole file
    into lines and joining them again."""
    found = []
    for fence in ("\n" + FENCE, "\n..."):
        at = text.find(fence, newline)
        while at >= 0:
            end = text.find("\n", at + 4)
            end = len(text) if end < 0 else end
            rest = text[at + 4:end]
            if not rest or rest.isspace():
                found.append((at + 1, end))
                break
            at = text.find(fence, at + 4)
    return min(found) if found else None


def parse_yaml(source: str, first_line: int = 1) -> Any:
    """Parse YAML to located data; ``first_line`` is where ``source`` starts in its file."""
    try:
        _check_shape(source, first_line)
        node = yaml.compose(source, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        _refuse_if_too_deep(source, first_line)
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = yaml_problems.describe(exc.problem, exc.context)
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
    return _Builder(first_line).build(node, 0)


_STR = "tag:yaml.org,2002:str"
_TYPED_FIRST_CHARS = frozenset(SafeLoader.yaml_implicit_resolvers)
"""First characters (and '' for the empty value) that some implicit type starts with."""
_PLAIN_TAGS: dict[str, str] = {}
"""Tag of each short plain scalar seen, shared by all files (bounded below)."""
_PLAIN_TAGS_MAX = 20_000
_PLAIN_TAG_TEXT_MAX = 40
"""Longer values are sentences, seldom repeated: remembering them would only use memory."""


class Loader(SafeLoader):
    """SafeLoader that answers "which tag has this plain scalar?" from a cache.

    The composer asks PyYAML's Python resolver once per node (a regex list per
    first character), and tracks path resolvers on every node though SafeLoader has
    none: together a third of composing. Tags stay exactly SafeLoader's: a plain
    scalar's tag depends only on its text (there are no path resolvers), so short
    values are remembered; a value whose first character starts no implicit type
    is text, and every other answer is PyYAML's own (tests/test_load_speed.py
    compares the two resolvers on random and tricky values).
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not ScalarNode or not implicit[0]:  # collections, quoted or tagged text
            return super().resolve(kind, value, implicit)
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            if value[:1] in _TYPED_FIRST_CHARS:
                tag = super().resolve(kind, value, implicit)
            else:
                tag = _STR
            _remember_plain_tag(value, tag)
        return tag

    # Path resolvers are tracked around every node, but there are none (see below):
    # C functions that ignore what they are given cost no Python frame (-5% composing).
    descend_resolver = staticmethod(operator.is_)  # (parent, index) → an unused bool
    ascend_resolver = staticmethod(tuple)  # () → an unused ()


if None in SafeLoader.yaml_implicit_resolvers or SafeLoader.yaml_path_resolvers:
    # a PyYAML unlike today's: the shortcuts above would not give its tags
    Loader = SafeLoader  # type: ignore[misc]  # pragma: no cover


def _remember_plain_tag(value: str, tag: str) -> None:
    if len(value) > _PLAIN_TAG_TEXT_MAX:
        return
    if len(_PLAIN_TAGS) >= _PLAIN_TAGS_MAX:  # bounded: a long serve session reads many files
        _PLAIN_TAGS.clear()
    _PLAIN_TAGS[value] = tag


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
    try:
        _walk_shape(yaml.parse(source, Loader=SafeLoader), first_line)
    except yaml.YAMLError:
        if SafeLoader is yaml.SafeLoader:
            raise
        # libyaml reads ahead, and since PyYAML 6.0.4 it refuses deep input in its own
        # words before our limit is reached; the pure-Python parser hands out events as
        # it goes, so our limit (and message) comes first, whichever PyYAML is installed.
        # A real syntax error raises again here and is reported as usual.
        _walk_shape(yaml.parse(source, Loader=yaml.SafeLoader), first_line)


def _refuse_if_too_deep(source: str, first_line: int) -> None:
    """Raise our own message when a document the parser refused is too deep or too large.

    Parsers may refuse deep input in their own words (libyaml since PyYAML 6.0.4 does, at
    1,000 levels) before :func:`_check_shape` sees it, or when the shortcut skipped it.
    """
    try:
        _walk_shape(yaml.parse(source, Loader=yaml.SafeLoader), first_line)
    except yaml.YAMLError:
        pass


def _walk_shape(events: Iterator[yaml.Event], first_line: int) -> None:
    depth = count = 0
    for event in events:
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


_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_CONSTRUCTORS = {tag: SafeConstructor.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")}
"""The implicit types besides text: their constructors only read ``node.value``."""
_BAD_VALUE = (ValueError, KeyError, IndexError, AttributeError)
"""What PyYAML's constructors raise for a value their tag cannot read (``!!bool maybe``,
``!!int ''``, ``!!timestamp soon``)."""


class _Builder:
    """Turns a node graph into LMap/LSeq/scalars, bounded in size and depth.

    Called once per value of every file: the loops below keep lookups in locals.
    """

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
        if node.__class__ is ScalarNode:
            return node.value if node.tag == _STR else self.typed_scalar(node)
        if node.tag != _SEQ and node.tag != _MAP:
            raise _unsupported_tag(node, self.line(node))
        if id(node) in self.open:
            raise ReadError(self.line(node), "a YAML alias refers to the list or mapping it is in",
                            "write the values out instead of the '*alias'")
        self.open.add(id(node))
        try:
            if node.__class__ is SequenceNode:
                return self.sequence(node, depth)
            return self.mapping(node, depth)
        finally:
            self.open.discard(id(node))

    def typed_scalar(self, node: ScalarNode) -> Any:
        """A number, yes/no, date or null (or an explicitly tagged scalar)."""
        constructor = _SCALAR_CONSTRUCTORS.get(node.tag)
        try:
            if constructor is None:  # other tags: refused, or PyYAML's oddities as before
                value = _construct_other(node)
            else:
                value = constructor(_CONSTRUCTOR, node)
        except ConstructorError:
            raise _unsupported_tag(node, self.line(node)) from None
        except _BAD_VALUE:
            raise ReadError(self.line(node), f"cannot read the value '{node.value}'") from None
        if isinstance(value, (bytes, bytearray)):
            raise ReadError(self.line(node), "binary values are not supported")
        if isinstance(value, dt.datetime):
            return value.date() if not (value.hour or value.minute or value.second) else value
        return value

    def sequence(self, node: SequenceNode, depth: int) -> LSeq:
        first_line = self.first_line
        build = self.build
        seq = LSeq()
        seq.line = first_line + node.start_mark.line
        seq.item_lines = item_lines = []
        seq.raw = raw = {}
        depth += 1
        for index, item in enumerate(node.value):
            item_lines.append(first_line + item.start_mark.line)
            # plain text within the limits, as build() would give it, without the call
            if (item.__class__ is ScalarNode and item.tag == _STR and self.count < MAX_NODES
                    and depth <= MAX_DEPTH):
                self.count += 1
                seq.append(item.value)
                continue
            seq.append(build(item, depth))
            if item.__class__ is ScalarNode and item.tag != _STR:
                raw[index] = item.value
        return seq

    def mapping(self, node: MappingNode, depth: int) -> LMap:
        first_line = self.first_line
        build = self.build
        result = LMap()
        result.line = first_line + node.start_mark.line
        result.key_lines = key_lines = {}
        result.raw = raw = {}
        depth += 1
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise ReadError(self.line(key_node), "YAML merge keys ('<<') are not supported",
                                "write the fields out")
            if key_node.__class__ is not ScalarNode:
                raise ReadError(self.line(key_node), "a key must be a plain name")
            key = key_node.value  # the text as written: 'no:' stays "no", not False
            if key in key_lines:
                raise ReadError(self.line(key_node), f"duplicate key '{key}'",
                                f"it is already set on line {key_lines[key]}")
            key_lines[key] = first_line + key_node.start_mark.line
            # plain text within the limits, as build() would give it, without the call
            if (value_node.__class__ is ScalarNode and value_node.tag == _STR
                    and self.count < MAX_NODES and depth <= MAX_DEPTH):
                self.count += 1
                result[key] = value_node.value
                continue
            result[key] = build(value_node, depth)
            if value_node.__class__ is ScalarNode and value_node.tag != _STR:
                raw[key] = value_node.value
        return result


_CONSTRUCTOR = SafeConstructor()
"""For the scalar constructors, which keep no state."""


def _construct_other(node: ScalarNode) -> Any:
    """A scalar with a tag that is not an implicit type, through PyYAML's own dispatch.

    A new constructor each time: it remembers the nodes it built (and a collection
    tag on a scalar leaves a pending generator), which must not outlive the file.
    """
    return SafeConstructor().construct_object(node)

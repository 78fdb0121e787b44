"""The shortcuts that make reading front matter cheaper give exactly the answers of
what they replace (PyYAML's resolver, splitting a file into lines, urlsplit).

:class:`journeydocs.load.frontmatter.Loader` remembers the tag of plain scalars and
skips PyYAML's regex list for values no implicit type starts with; every tag must
still be the one PyYAML's own SafeLoader resolver gives (YAML 1.1: ``no`` is
false, ``017`` octal, ``12:30:00`` sexagesimal…), for random text and for the
known edge cases, alone and inside documents.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from journeydocs.load import frontmatter as frontmatter
from journeydocs.load.frontmatter import Loader, ReadError, SafeLoader, parse_yaml
from journeydocs.load.validate import link_scheme

EDGE_VALUES = [
    "", " ", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF", "y", "n", "Y", "N", "true", "True", "TRUE", "tRUE",
    "false", "False", "FALSE", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "+.inf", ".nan",
    ".NaN", ".NAN", "0x1F", "0x", "0o17", "017", "08", "0b101", "0b", "1_000", "1__0", "_1",
    "1e3", "1E3", "1.0e3", "1.0e+3", "1.5", ".5", "5.", "-1.5", "+1", "-0", "0", "00",
    "190:20:30", "12:30:00", "12:30", "-12:30", "1:2:3.5", "2026-11-23", "2026-1-2",
    "2026-11-23 10:00:00", "2026-11-23T10:00:00Z", "2026-11-23t10:00:00.5+02:00",
    "2026-11-23 10:00:00 -5", "2026-13-45", "20261123", "<<", "<", "=", "==", "!", "&", "*",
    "1,000", "1 000", "0.", "-", "+", ".", "-.", "1.2.3", "x: y", "maria", "Sign-up pop-up",
    "Opens the email", "Yesterday", "nothing", "Ontario", "offer", "Nullable", "tiny",
    "é", "ñ", "1\u00e9",
]
"""YAML 1.1 values whose type depends on case, digits, signs or separators."""
ALPHABET = st.sampled_from(list("0123456789+-._:eExXoObB~<=!&*nNyYtTfFaulsLS .,_:Tt\u00e9Z"))
PLAIN_TEXT = st.one_of(st.text(ALPHABET, max_size=25), st.text(max_size=25),
                       st.sampled_from(EDGE_VALUES))


def pyyaml_tag(value: str, implicit: tuple[bool, bool] = (True, False)) -> str:
    tag = yaml.SafeLoader("").resolve(ScalarNode, value, implicit)
    assert SafeLoader("").resolve(ScalarNode, value, implicit) == tag  # libyaml's loader too
    return tag


def our_tag(value: str, implicit: tuple[bool, bool] = (True, False)) -> str:
    return Loader("").resolve(ScalarNode, value, implicit)


@pytest.mark.parametrize("value", EDGE_VALUES)
def test_edge_values_get_pyyaml_tags(value):
    for implicit in ((True, False), (True, True), (False, True), (False, False)):
        assert our_tag(value, implicit) == pyyaml_tag(value, implicit)
        assert our_tag(value, implicit) == pyyaml_tag(value, implicit)  # now remembered


@settings(max_examples=600, deadline=None)
@given(PLAIN_TEXT)
def test_random_plain_scalars_get_pyyaml_tags(value):
    assert our_tag(value) == pyyaml_tag(value)
    assert our_tag(value) == pyyaml_tag(value)


def test_collections_get_pyyaml_tags():
    for kind in (SequenceNode, MappingNode):
        for implicit in (True, False):
            assert Loader("").resolve(kind, None, implicit) == \
                SafeLoader("").resolve(kind, None, implicit)


def tags(node: yaml.Node) -> object:
    """A node graph as (tag, value or children, line), to compare two composers."""
    if isinstance(node, ScalarNode):
        return node.tag, node.value, node.start_mark.line
    if isinstance(node, SequenceNode):
        return node.tag, [tags(item) for item in node.value], node.start_mark.line
    return node.tag, [(tags(k), tags(v)) for k, v in node.value], node.start_mark.line


def compose_both(document: str) -> tuple[object, object]:
    """The nodes of ``document`` from our Loader and from the SafeLoader it replaced
    (libyaml's where present: its events differ from pure PyYAML's for ``k: !``)."""
    results = []
    for loader in (Loader, SafeLoader):
        try:
            node = yaml.compose(document, Loader=loader)
            results.append(tags(node) if node is not None else None)
        except yaml.YAMLError as exc:
            results.append(type(exc).__name__)
    return results[0], results[1]


@pytest.mark.parametrize("value", [v for v in EDGE_VALUES if v.strip()])
def test_edge_values_in_documents_get_pyyaml_tags(value):
    quoted = value.replace("'", "''")
    for document in (f"k: {value}\n", f"k: '{quoted}'\n", f"- {value}\n- [{value}]\n",
                     f"{{k: {value}}}\n", f"{value}: x\n", f"k: ! {value}\n",
                     f"k: !!str {value}\n", f"a: &a {value}\nb: *a\n"):
        ours, theirs = compose_both(document)
        assert ours == theirs, document


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["k: ", "- ", "  - ", "  k: ", "? ", ": "]), PLAIN_TEXT),
                max_size=8))
def test_random_documents_compose_as_with_pyyaml(lines):
    document = "".join(prefix + value + "\n" for prefix, value in lines)
    ours, theirs = compose_both(document)
    assert ours == theirs


def test_remembered_tags_are_bounded(monkeypatch):
    monkeypatch.setattr(frontmatter, "_PLAIN_TAGS", {})
    monkeypatch.setattr(frontmatter, "_PLAIN_TAGS_MAX", 50)
    for number in range(200):
        assert our_tag(str(number)) == "tag:yaml.org,2002:int"
        assert len(frontmatter._PLAIN_TAGS) <= 50
    assert our_tag("x" * 1000) == "tag:yaml.org,2002:str"
    assert "x" * 1000 not in frontmatter._PLAIN_TAGS


def test_front_matter_values_keep_their_types():
    data = parse_yaml("a: no\nb: 017\nc: 0x1F\nd: 12:30:00\ne: 2026-11-23\nf: 2026-11-23 10:00:00\n"
                      "g: .inf\nh: ~\ni: '12'\nj: 1_000\nk: -0\nl: 0b101\nm: [yes, 'no', 1e3]\n")
    assert data == {"a": False, "b": 15, "c": 31, "d": 45000, "e": dt.date(2026, 11, 23),
                    "f": dt.datetime(2026, 11, 23, 10), "g": float("inf"), "h": None, "i": "12",
                    "j": 1000, "k": 0, "l": 5, "m": [True, "no", "1e3"]}
    assert data.raw == {"a": "no", "b": "017", "c": "0x1F", "d": "12:30:00", "e": "2026-11-23",
                        "f": "2026-11-23 10:00:00", "g": ".inf", "h": "~", "j": "1_000",
                        "k": "-0", "l": "0b101"}
    assert data["m"].raw == {0: "yes"}
    assert data["m"].item_lines == [13, 13, 13]


@pytest.mark.parametrize("document", ["a: !!bool maybe", "a: !!int ''", "a: !!float ''",
                                      "a: !!timestamp soon", "a: !!timestamp ''", "a: !!bool",
                                      "a: !!int 0x", "a: !!timestamp 2026-13-45"])
def test_tagged_values_that_cannot_be_read_are_located_errors(document):
    with pytest.raises(ReadError) as info:
        parse_yaml("x: 1\n" + document, first_line=2)
    assert info.value.located.line == 3
    assert info.value.located.message.startswith("cannot read the value")


@pytest.mark.parametrize("document, tag", [("a: !!python/name:os.system x", "!!python/name:os.system"),
                                           ("a: !foo x", "!foo"), ("a: =", "!!value"),
                                           ("a: !!merge x", "!!merge"), ("a: !!set {x: 1}", "!!set")])
def test_other_tags_are_refused(document, tag):
    with pytest.raises(ReadError) as info:
        parse_yaml(document)
    assert info.value.located.message == f"YAML tag '{tag}' is not supported"


def split_by_lines(text: str) -> tuple[str | None, str, int]:
    """frontmatter.split as it was written before it searched with str.find."""
    if not (text.startswith("---") and text[3:4] in ("\n", " ", "\t", "")
            and text.split("\n", 1)[0].strip() == "---"):
        return None, text, 1
    lines = text.split("\n")
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    raise ReadError(1, "front matter has no closing '---'")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["---", "...", "\n", " ", "\t", "\x0b", "\x85", "\u2028", "a", "-",
                                 ".", "----", "--- x", "\x1c", "\n---\n", "---\n", "k: v"]),
                max_size=14))
def test_split_finds_the_fences_lines_would(parts):
    text = "".join(parts)
    try:
        expected = split_by_lines(text)
    except ReadError:
        with pytest.raises(ReadError, match="no closing"):
            frontmatter.split(text)
        return
    found = frontmatter.split(text)
    assert (found.front_matter, found.body, found.body_line) == expected


def urlsplit_scheme(link: str) -> str:
    try:
        return urlsplit(link).scheme.lower()
    except ValueError:
        return "ValueError"


def our_scheme(link: str) -> str:
    try:
        return link_scheme(link)
    except ValueError:
        return "ValueError"


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(st.sampled_from(list("hHtTpPsS:/[]a1+.-\t\n \x01\u2100@?#é")), max_size=16),
                 st.text(max_size=16)))
def test_link_scheme_is_urlsplits(link):
    assert our_scheme(link) == urlsplit_scheme(link)
    assert our_scheme("https://" + link) == urlsplit_scheme("https://" + link)
    assert our_scheme(link + ":x") == urlsplit_scheme(link + ":x")

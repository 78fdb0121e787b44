"""Reading files: decoding, front-matter splitting, YAML with line marks, hostile input."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from journeydocs.load.frontmatter import ReadError, decode, parse_yaml, split


def test_lines_of_keys_and_items_count_the_fence():
    parts = split(decode(b"---\ntitle: A\nlist:\n  - one\n  - two\n---\nBody\n"))
    data = parse_yaml(parts.front_matter, first_line=2)
    assert data.line_of("title") == 2
    assert data.line_of("list") == 3
    assert data["list"].item_lines == [4, 5]
    assert parts.body == "Body\n" and parts.body_line == 7


def test_bom_and_crlf_are_handled():
    text = decode("\ufeff---\r\ntitle: Å\r\n---\r\nBody\r\n".encode())
    parts = split(text)
    assert parse_yaml(parts.front_matter, 2) == {"title": "Å"}
    assert parts.body == "Body\n"


def test_keys_keep_their_text_and_values_their_types():
    data = parse_yaml("no: 1\non: yes\nwhen: 2026-10-01\nn: 3\n")
    assert data == {"no": 1, "on": True, "when": dt.date(2026, 10, 1), "n": 3}


@pytest.mark.parametrize("data, line, message", [
    (b"---\ntitle: x\n", 1, "front matter has no closing '---'"),
    (b"---\ntitle: [a\n---\n", 3, "YAML syntax error"),
    (b"---\n\ttitle: x\n---\n", 2, "YAML syntax error"),
    (b"---\na: 1\nb: \xff\n---\n", 3, "bytes that are not UTF-8"),
    (b"\x00\x01binary", 1, "binary file"),
    (b"---\na: 1\na: 2\n---\n", 3, "duplicate key 'a'"),
    (b"---\n<<: {a: 1}\n---\n", 2, "merge keys"),
    (b"---\na: !!binary aGVsbG8=\n---\n", 2, "binary values"),
    (b"---\na: !!python/object:os.system x\n---\n", 2, "YAML"),
])
def test_bad_files_give_located_messages(data, line, message):
    with pytest.raises(ReadError) as info:
        parts = split(decode(data))
        parse_yaml(parts.front_matter, first_line=2)
    assert info.value.located.line == line
    assert message in info.value.located.message


def test_alias_bomb_is_rejected_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    started = time.perf_counter()
    with pytest.raises(ReadError, match="too many values"):
        parse_yaml(bomb)
    assert time.perf_counter() - started < 5


def test_deep_nesting_is_rejected():
    with pytest.raises(ReadError, match="nested"):
        parse_yaml("a: " + "[" * 5000 + "]" * 5000)


def test_huge_file_is_rejected():
    with pytest.raises(ReadError, match="limit"):
        decode(b"a" * (11 * 1024 * 1024))


def test_no_front_matter_is_all_body():
    parts = split("Just text\n---\n")
    assert parts.front_matter is None and parts.body == "Just text\n---\n"


def test_text_fields_read_what_was_written(make_project):
    from journeydocs.build import load_playbook

    text = ("---\ntitle: T\npersonas: [maria]\ntouchpoints:\n  - id: a\n    name: 1e3\n"
            "    stage: buy\n    channel: email\n    timing: 12:15\n    feels: no\n"
            "    pain_points: [yes, 0x10, 2026-10-01]\n---\n")
    playbook, problems = load_playbook(make_project({"content/journeys/gift.md": text}))
    assert not problems.errors, problems.errors
    tp = playbook.journeys["gift"].touchpoints[0]
    assert (tp.name, tp.timing, tp.feels) == ("1e3", "12:15", "no")
    assert tp.pain_points == ["yes", "0x10", "2026-10-01"]

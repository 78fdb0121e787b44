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


DEEP_DOCUMENTS = {
    "flow": "a: " + "[" * 5000 + "]" * 5000,
    "block": "".join("  " * level + "k:\n" for level in range(1200)) + "  " * 1200 + "v\n",
    "just-too-deep": "a: " + "[" * 65 + "]" * 65 + "\n" + "b: [1, 2]\n" * 700,
}


@pytest.fixture(params=["c-loader", "pure-python"])
def yaml_loader(request, monkeypatch):
    """Each YAML reader PyYAML may give a user: libyaml's where the wheel has it, else Python's."""
    import yaml
    import journeydocs.load.frontmatter as frontmatter

    if request.param == "c-loader":
        if not yaml.__with_libyaml__:
            pytest.skip("this PyYAML has no libyaml")
        use_loader(monkeypatch, yaml.CSafeLoader)
    else:
        use_loader(monkeypatch, yaml.SafeLoader)
    return request.param


def use_loader(monkeypatch, base):
    """Read YAML with ``base`` only, as if PyYAML had no other parser."""
    import journeydocs.load.frontmatter as frontmatter

    monkeypatch.setattr(frontmatter, "SafeLoader", base)
    if not issubclass(frontmatter.Loader, base):  # our shortcuts sit on the C loader
        monkeypatch.setattr(frontmatter, "Loader", base)


@pytest.mark.parametrize("document", DEEP_DOCUMENTS.values(), ids=DEEP_DOCUMENTS.keys())
def test_deep_nesting_gets_our_message_with_either_loader(yaml_loader, document):
    with pytest.raises(ReadError) as raised:
        parse_yaml(document)
    assert raised.value.located.message == "YAML is nested more than 64 levels deep"
    assert raised.value.located.hint == "flatten the data; playbook fields need only a few levels"


def test_deep_nesting_gets_our_message_when_the_library_refuses_it_first(monkeypatch):
    """PyYAML 6.0.4's libyaml refuses deep input in its own words before our check sees
    the 65th level; a future parser may do the same at any depth. Our message stays."""
    import yaml
    import journeydocs.load.frontmatter as frontmatter

    monkeypatch.setattr(frontmatter, "SafeLoader", yaml.CSafeLoader if yaml.__with_libyaml__
                        else type("FastLoader", (yaml.SafeLoader,), {}))
    real_parse = yaml.parse

    def refusing_parse(source, Loader):
        if Loader is yaml.SafeLoader:
            return real_parse(source, Loader=Loader)
        mark = yaml.Mark("<input>", 0, 0, 3, None, None)
        raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yaml, "parse", refusing_parse)
    with pytest.raises(ReadError) as raised:
        parse_yaml(DEEP_DOCUMENTS["flow"])
    assert raised.value.located.message == "YAML is nested more than 64 levels deep"


def test_a_syntax_error_in_a_large_document_is_still_a_syntax_error(yaml_loader):
    document = "b: [1, 2]\n" * 700 + "c: [unclosed, 1\nd: 2\n"
    with pytest.raises(ReadError) as raised:
        parse_yaml(document)
    assert raised.value.located.message.startswith("YAML syntax error: ")
    assert raised.value.located.line == 702  # the problem shows where the next key starts


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


YAML_MISTAKES = {
    "list-not-closed": ("a: [1, 2\nb: 3\n", "a list in [ ] is not closed, or two of its items have no ',' between them"),
    "mapping-not-closed": ("a: {x: 1\nb: 3\n", "a mapping in { } is not closed, or two of its entries have no ',' between them"),
    "two-colons": ("a: b: c\n", "a second ': ' on one line (put text that contains ': ' in quotes)"),
    "key-indented-less": ("a:\n  b: 1\n c: 2\n", "this line is not indented like the keys above it"),
    "item-among-keys": ("a: 1\n- b\n", "this line is not indented like the keys above it"),
    "key-among-items": ("- a\nb: 1\n", "this line is not indented like the list items above it"),
    "bad-first-character": ("a: @x\n", "a value cannot start with this character (put the text in quotes)"),
    "undefined-alias": ("a: *nope\n", "'*' names an anchor ('&name') that is not defined (put text that starts with '*' in quotes)"),
    "quote-not-closed": ("a: \"open\nb: 2\n", "a quoted text is not closed (add its closing quote)"),
    "key-without-colon": ("a: 1\nb\nc: 2\n", "a key is not followed by ': '"),
    "second-document": ("a: 1\n---\nb: 2\n", "a second '---' line inside the front matter"),
}


@pytest.mark.parametrize("document, message", YAML_MISTAKES.values(), ids=YAML_MISTAKES.keys())
def test_yaml_mistakes_read_the_same_with_either_loader(yaml_loader, document, message):
    with pytest.raises(ReadError) as raised:
        parse_yaml(document, first_line=2)
    assert raised.value.located.message == "YAML syntax error: " + message


@pytest.mark.parametrize("document", [d for d, _ in YAML_MISTAKES.values()], ids=YAML_MISTAKES.keys())
def test_yaml_mistakes_point_at_the_same_line_with_either_loader(monkeypatch, document):
    import yaml
    import journeydocs.load.frontmatter as frontmatter

    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml")
    lines = []
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        use_loader(monkeypatch, loader)
        with pytest.raises(ReadError) as raised:
            parse_yaml(document)
        lines.append(raised.value.located.line)
    assert lines[0] == lines[1]

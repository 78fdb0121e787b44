"""The render stage's Jinja environment renders exactly what stock Jinja renders.

Its compiler writes ``row.key`` and the escaping of ``{{ … }}`` inline (see
journeydocs.render.jinja); every template below is rendered by it and by a stock
environment with the same options, on values of every kind, and must give the same
text, or fail with the same error.
"""

from __future__ import annotations

import itertools
import types

import jinja2
import pytest
from markupsafe import Markup

from journeydocs.render import jinja as render_jinja

OPTIONS = dict(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
               lstrip_blocks=True, keep_trailing_newline=True)

TEMPLATES = [
    "{{ r.title }}",
    "<a href=\"{{ r.title }}\">{{ r.title }}</a>{{ r.title }}",
    "{{ r.nested.title }}",
    "{{ r.items }}|{{ r.get }}|{{ r.keys }}",
    "{{ r['title'] }}",
    "{% if r.missing is defined %}yes{% else %}no{% endif %}",
    "{{ r.missing | default('none') }}",
    "{{ r.title | default('none') }}",
    "{{ r.missing }}",
    "{% if r.title %}[{{ r.title }}]{% endif %}",
    "{{ r.title ~ '!' }}",
    "{{ 'x' if r.flag else r.title }}",
    "{% for x in r.rows %}{{ x.title }};{% endfor %}",
    "{% for x in r.rows if x.title %}{{ loop.index }}{{ x.title }}{% endfor %}",
    "{% macro m(v) %}<b>{{ v.title }}</b>{% endmacro %}{{ m(r) }}{{ m(r.nested) }}",
    "{% macro w() %}<i>{{ caller() }}</i>{% endmacro %}{% call w() %}{{ r.title }}{% endcall %}",
    "{% set s %}{{ r.title }}{% endset %}{{ s }}|{{ s | length }}",
    "{% filter upper %}{{ r.title }}{% endfilter %}",
    "{% set ns = namespace(v=r.title) %}{{ ns.v }}",
    "{{ r.title | e }}{{ r.title | safe }}",
    "{{ t.label }}{{ t.missing is defined }}",
    "{{ r.rows | map(attribute='title') | join(', ') }}",
    "{% autoescape false %}{{ r.title }}{% endautoescape %}",
    "{% macro m(v, k='-') %}{{ v }}{{ k }}{{ varargs }}{{ kwargs }}{% endmacro %}"
    "{% for x in r.rows %}{{ m(x.title, k=loop.index) }}{{ m(x, 1, 2, z=3) }}{% endfor %}",
    "{% macro w(a) %}({{ caller(a) }}){% endmacro %}"
    "{% call(x) w(r.title) %}{{ x }}{{ r.title }}{% endcall %}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}",
    "{{ with_context() }}{{ plain(r.title) }}{{ plain }}",
    "{% macro m(v) %}{{ v }}{% endmacro %}{{ m(*r.rows) }}{{ m(**{'v': r.title}) }}",
    # macros called straight away; everything else through context.call, as Jinja does
    "{% macro m(v) %}<{{ v }}>{% endmacro %}{{ m(m(r.title)) }}{{ m(plain(m(r.title))) }}",
    "{% macro m(v, class='c') %}{{ class }}{{ v }}{% endmacro %}{{ m(r.title, class=r.title) }}",
    "{% macro m(v) %}{{ v }}{% endmacro %}{{ m() }}|{{ m(r.title, 2) }}",
    "{% macro m(v) %}{{ v }}{% endmacro %}{{ m(r.title, z=1) }}",
    "{% for x in r.rows %}{% set y = x %}{{ loopy() }}{{ plain(loop.index) }}{% endfor %}",
    "{% block b %}{% set y = r.title %}{{ loopy() }}{% endblock %}",
    "{% macro w() %}{{ caller() }}{% endmacro %}"
    "{% for x in r.rows %}{% call w() %}{{ loopy() }}{{ loop.index }}{% endcall %}{% endfor %}",
    "{{ r.title() }}|{{ r.rows[0]() }}",
    "{{ nothing(r.title) }}",
]


class Subclass(dict):
    pass


def values() -> list:
    texts = ["plain", "<b>&\"'</b>", Markup("<i>safe</i>"), 7, 2.5, None, True, "", ["<x>"]]
    made = []
    for title in texts:
        row = {"title": title, "nested": {"title": title}, "flag": title == "",
               "rows": [{"title": title}, {"other": 1}, types.SimpleNamespace(title=title)]}
        made += [row, Subclass(row), types.SimpleNamespace(**row), types.MappingProxyType(row),
                 {"items": title, "get": title, "title": title, "rows": [], "nested": {}}]
    return made


@jinja2.pass_context
def with_context(context) -> str:
    return f"<{context['t']['label']}>"


@jinja2.pass_context
def loopy(context) -> str:
    return f"[{context.get('y', '-')}]"


def plain(value: object = None) -> str:
    return f"<{value}>"


def render(env: jinja2.Environment, source: str, row: object) -> str:
    strings = types.MappingProxyType({"label": "<Label & co>"})
    try:
        return env.from_string(source).render(r=row, t=strings, with_context=with_context,
                                              plain=plain, loopy=loopy)
    except Exception as exc:  # noqa: BLE001 - the two must fail alike
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("source", TEMPLATES)
def test_renders_what_stock_jinja_renders(source):
    ours = render_jinja._Environment(**OPTIONS)
    stock = jinja2.Environment(**OPTIONS)
    for row in values():
        expected = render(stock, source, row)
        assert render(ours, source, row) == expected, (source, row)


def test_the_inline_steps_are_compiled_in():
    code = render_jinja._Environment(**OPTIONS).compile("{{ r.title }}{{ m(1) }}", raw=True)
    assert "_jd_mappings" in code and "_jd_escape_text" in code and "_jd_macro" in code


def test_compiled_templates_are_kept_per_compiler(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("JOURNEYDOCS_NO_CACHE", raising=False)
    cache = render_jinja._bytecode_cache()
    assert cache is not None
    assert cache.directory.endswith("templates-" + render_jinja.compiler_fingerprint())


def test_every_kind_of_row_meets_every_template():
    # the matrix above is not empty by accident
    assert len(list(itertools.product(TEMPLATES, values()))) > 1000


def test_the_probe_shows_what_stock_jinja_renders():
    stock = jinja2.Environment(**OPTIONS).from_string(render_jinja._PROBE)
    assert stock.render(render_jinja.probe_values()) == render_jinja._PROBE_RENDERED


def test_a_jinja_the_inline_compiler_does_not_suit_gets_its_own_compiler(monkeypatch, tmp_path):
    # as if a future Jinja changed what the inline code builds on
    monkeypatch.setattr(render_jinja, "_CHECKED", [])
    monkeypatch.setattr(render_jinja._Environment, "code_generator_class",
                        render_jinja._CodeGenerator)
    monkeypatch.setattr(render_jinja._CodeGenerator, "_output_child_post",
                        lambda self, node, frame, finalize: self.write(").upper())"))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("{{ r.title }}", encoding="utf-8")
    monkeypatch.setenv("JOURNEYDOCS_NO_CACHE", "1")
    env = render_jinja.make_environment(tmp_path)
    assert env.code_generator_class is jinja2.compiler.CodeGenerator
    assert env.get_template("page.html").render(r={"title": "<a>"}) == "&lt;a&gt;"

"""The shortcuts that make journey and touchpoint pages cheaper give the same results.

Each fast path is compared with the slow, obvious one it replaced.
"""

from __future__ import annotations

import textwrap

from hypothesis import example, given, settings, strategies as st

from journeydocs.diagrams.blueprint import wrap_words
from journeydocs.diagrams.escape import plain_text

_WORDY = st.text(alphabet=st.sampled_from("ab -\t\n\u00a0\u2028é😀\u0301x"), max_size=120)
"""Text with many spaces, hyphens, long words and odd whitespace."""


@settings(max_examples=3000, deadline=None)
@given(text=st.one_of(_WORDY, st.text(max_size=200)), width=st.integers(1, 60),
       limit=st.integers(1, 300))
@example(text="abcd efghijkl", width=5, limit=80)  # a space fills the line before a long word
@example(text="ab efghijklmnop", width=5, limit=80)
@example(text="", width=24, limit=120)
def test_wrap_words_is_textwrap_on_plain_text(text: str, width: int, limit: int) -> None:
    flat = plain_text(text, limit=limit)
    assert wrap_words(flat, width) == textwrap.wrap(flat, width, break_long_words=True,
                                                    break_on_hyphens=False)


def test_site_macros_match_the_macros_imported_with_context() -> None:
    from journeydocs.build import default_theme_dir
    from journeydocs.render.jinja import make_environment
    from journeydocs.render.common import Badge, badge, emotion, theme_macros
    from journeydocs.i18n.strings import strings

    env = make_environment(default_theme_dir())
    t = strings("en")
    page = env.from_string('{% import "_macros.html" as m with context %}'
                           "{{ m.badge(b) }}|{{ m.emotion(e) }}|{{ m.chips(items) }}")
    site = env.from_string("{{ m.badge(b) }}|{{ m.emotion(e) }}|{{ m.chips(items) }}")
    macros = theme_macros(env, t)
    assert theme_macros(env, t) is macros
    for value in (None, 1, 2, 3, 4, 5):
        for b in (badge(t, "status", "review"), Badge("<&>", "x"), badge(t, "evidence", None)):
            for _ in range(2):  # the second time from what was kept
                values = {"b": b, "e": emotion(t, value), "items": ["<a>", "b"], "t": t}
                assert site.render(m=macros, **values) == page.render(**values)

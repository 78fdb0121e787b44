"""Five UI languages: complete catalogues, the site's <html lang>, dates and numbers
written the language's way, and content in any script shown as written."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from journeydocs.i18n import l10n as l10n
from journeydocs.build import load_playbook
from journeydocs.model import UI_LANGUAGES
from journeydocs.pages.tasks import render_site
from journeydocs.i18n.strings import EN, LANGUAGES, _area_catalogues, strings

TESTS = Path(__file__).resolve().parent
THEME = TESTS.parent / "theme"
SMALL = TESTS / "fixtures" / "small"
TODAY = dt.date(2026, 11, 1)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_language_has_every_key(language):
    """Fails when a string is added to one language only (or left over in one)."""
    for name, catalogue in [("core", LANGUAGES)] + [
            (f"area {i}", area) for i, area in enumerate(_area_catalogues())]:
        english = catalogue.get("en", {}) if catalogue is not LANGUAGES else EN
        own = catalogue.get(language)
        assert own is not None, f"{name}: no {language} catalogue"
        missing = sorted(set(english) - set(own))
        extra = sorted(set(own) - set(english))
        assert not missing, f"{name}: {language} lacks {missing}"
        assert not extra, f"{name}: {language} has keys English does not: {extra}"
        for key, text in own.items():
            assert text.strip(), f"{name}: {language} {key} is empty"
            assert fields(text) == fields(english[key]), \
                f"{name}: {language} {key} must use the placeholders {fields(english[key])}"


def test_languages_are_registered_everywhere():
    assert set(UI_LANGUAGES) == set(LANGUAGES) == set(l10n.CONVENTIONS)


@pytest.mark.parametrize("language", [lang for lang in UI_LANGUAGES if lang != "en"])
def test_translations_are_translations(language):
    """Most of a catalogue differs from English (a copied dict would pass the key test)."""
    same = [k for k, v in LANGUAGES[language].items() if v == EN[k]]
    assert len(same) < len(EN) * 0.2, same


def test_romanian_uses_comma_below_letters():
    text = " ".join(LANGUAGES["ro"].values())
    assert "ș" in text and "ț" in text
    assert not re.search("[şţŞŢ]", text), "cedilla ş/ţ instead of comma-below ș/ț"


# --- formatting ---------------------------------------------------------------------

@pytest.mark.parametrize("language, long, short", [
    ("en", "1 November 2026", "01/11/2026"),
    ("sv", "1 november 2026", "2026-11-01"),
    ("da", "1. november 2026", "01.11.2026"),
    ("pt", "1 de novembro de 2026", "01/11/2026"),
    ("pt-BR", "1 de novembro de 2026", "01/11/2026"),
    ("ro", "1 noiembrie 2026", "01.11.2026"),
])
def test_dates(language, long, short):
    assert l10n.format_date(TODAY, language) == long
    assert l10n.format_date(TODAY, language, "short") == short


@pytest.mark.parametrize("language, value, decimals, text", [
    ("en", 1234567, 0, "1,234,567"),
    ("en", 0.5, 1, "0.5"),
    ("sv", 12345.5, 1, "12\u00a0345,5"),
    ("sv", 1234, 0, "1\u00a0234"),
    ("da", 1234567, 0, "1.234.567"),
    ("pt", 1234, 0, "1234"),          # pt-PT groups only from five digits
    ("pt", 12345, 2, "12\u00a0345,00"),
    ("ro", -1234.25, 2, "-1.234,25"),
    ("ro", 999, 0, "999"),
])
def test_numbers(language, value, decimals, text):
    assert l10n.format_number(value, language, decimals) == text


def test_unknown_language_formats_as_english():
    assert l10n.format_date(TODAY, "xx") == "1 November 2026"


# --- a Swedish site -----------------------------------------------------------------

@pytest.fixture(scope="module")
def swedish_site() -> dict[str, str]:
    playbook, problems = load_playbook(SMALL)
    assert playbook is not None, [p.format() for p in problems.items]
    playbook.config.language = "sv"
    return {f.path: f.data.decode("utf-8")
            for f in render_site(playbook, THEME, today=TODAY) if f.path.endswith(".html")}


def test_swedish_site(swedish_site):
    for path, text in swedish_site.items():
        assert text.startswith('<!DOCTYPE html>\n<html lang="sv">'), path
    home = swedish_site["index.html"]
    assert 'Byggd <time datetime="2026-11-01">1 november 2026</time>' in home
    assert ">Kundresor<" in home and ">Sök i playbooken<" in home
    assert 'data-no-results="Inget matchar ”{q}”."' in home
    touchpoint = swedish_site["journeys/order-online/checkout.html"]
    assert "Föregående kontaktpunkt" in touchpoint and "Innehållsförteckning" in touchpoint
    assert "Previous touchpoint" not in touchpoint


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_language_renders_every_page(language):
    playbook, _ = load_playbook(SMALL)
    playbook.config.language = language
    files = render_site(playbook, THEME, today=TODAY)
    t = strings(language)
    home = next(f for f in files if f.path == "index.html").data.decode("utf-8")
    assert f'<html lang="{language}">' in home
    assert l10n.format_date(TODAY, language) in home
    assert f">{t['journeys']}<" in home


def test_content_in_any_script_is_shown_as_written():
    """Greek, Arabic, Hindi, Chinese, emoji and combining marks pass through untouched."""
    playbook, _ = load_playbook(SMALL)
    journey = next(iter(playbook.journeys.values()))
    samples = ["Ελληνικά κείμενα", "نص عربي", "हिन्दी पाठ", "中文内容", "👩🏽‍💻", "e\u0301"]
    journey.title = " · ".join(samples)
    files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    page = files[f"journeys/{journey.id}.html"].decode("utf-8")
    assert '<meta charset="utf-8">' in page
    for sample in samples:
        assert sample in page
    index = "".join(data.decode("utf-8") for path, data in files.items()
                    if path.startswith("assets/search/d-"))  # the search's document buckets
    assert all(sample in index for sample in samples)

"""journeydocs import: spreadsheets (CSV, XLSX), mermaid journeys, playbook.json, and
export --format csv|xlsx back; each with real files, each result checked by the checker."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from journeydocs.build import build, load_playbook
from journeydocs.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "import"
def _runner() -> CliRunner:
    """stderr apart from stdout: click 8.2 always keeps them apart, 8.1 when asked."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 has no mix_stderr
        return CliRunner()


def jd(*args: str):
    result = _runner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def checked(project: Path):
    playbook, problems = load_playbook(project)
    assert not problems.errors, [p.format() for p in problems.errors]
    return playbook


# --- spreadsheets -------------------------------------------------------------------

def test_swedish_csv_with_empty_rows(tmp_path):
    out = tmp_path / "pb"
    result = jd("import", FIXTURES / "kundresa.csv", "-o", out, "--persona", "anna")
    assert result.exit_code == 0, result.output
    assert "Imported 1 journey (5 touchpoints)" in result.stdout
    assert "lanes: betyg (rating), varfor_det_spelar_roll (text)" in result.stdout
    site = yaml.safe_load((out / "site.yml").read_text(encoding="utf-8"))
    assert [s["name"] for s in site["stages"]] == ["Upptäck", "Köp", "Använd"]
    assert {"id": "sociala-medier", "name": "Sociala medier"} in site["channels"]
    assert {"id": "betyg", "name": "Betyg (1-7)", "kind": "rating", "min": 1, "max": 7} \
        in site["lanes"]
    journey = front(out / "content/journeys/kundresa.md")
    tps = journey["touchpoints"]
    assert journey["personas"] == ["anna"]
    assert [tp["stage"] for tp in tps] == ["upptack", "upptack", "kop", "kop", "anvand"]
    assert tps[1]["pain_points"] == ["Få recensioner på svenska", "Recensionerna är gamla"]
    assert [o["title"] for o in tps[2]["opportunities"]] == ["Visa lagerstatus",
                                                             "Visa leveransdag"]
    # 1..7 mapped to 1..5, the original kept in the lane
    assert [(tp["emotion"], tp["betyg"]) for tp in tps] == [(4, 5), (2, 3), (4, 6), (5, 7),
                                                            (2, 2)]
    assert tps[3]["varfor_det_spelar_roll"] == "Betalningen är ett sanningens ögonblick"
    assert tps[0]["owner"] == "marknad" and tps[0]["does"] == "Klickar på annonsen"
    playbook = checked(out)
    assert playbook.personas["anna"].name == "Anna"


def _workbook(path: Path) -> None:
    """A Portuguese map as a mapping tool exports it: a title row, merged group headers,
    a stage merged down over its steps, an empty row, scores from -2 to +2."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Abrir conta"
    ws.append(["Jornada: abrir conta"])
    ws.append(["Etapa", "Passo", "Canal", "Cliente", None, None, "Emoção", "Pontos de dor",
               "Notas da equipa"])
    ws.append([None, None, None, "Faz", "Pensa", "Sente", None, None, None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:C3")
    ws.merge_cells("D2:F2")
    ws.merge_cells("G2:G3")
    ws.merge_cells("H2:H3")
    ws.merge_cells("I2:I3")
    ws.append(["Descobrir", "Vê o anúncio", "Email", "Abre o email", "Parece fácil",
               "Curiosa", 1, None, "Campanha de maio"])
    ws.append([None, "Lê as condições", "Website", "Lê a página", "Quanto custa?",
               "Confusa", -2, "Preço escondido\nLetra pequena", None])
    ws.append([None] * 9)
    ws.append(["Comprar", "Assina o contrato", "Website", "Assina online", "Pronto",
               "Aliviada", 2, None, None])
    ws.merge_cells("A4:A5")
    book.create_sheet("Vazia")
    book.save(path)


def test_xlsx_with_merged_headers(tmp_path):
    source = tmp_path / "jornada.xlsx"
    _workbook(source)
    out = tmp_path / "pb"
    result = jd("import", source, "-o", out, "--journey", "abrir-conta")
    assert result.exit_code == 0, result.output
    journey = front(out / "content/journeys/abrir-conta.md")
    assert journey["title"] == "Abrir conta"
    tps = journey["touchpoints"]
    assert [tp["name"] for tp in tps] == ["Vê o anúncio", "Lê as condições",
                                         "Assina o contrato"]
    assert [tp["stage"] for tp in tps] == ["descobrir", "descobrir", "comprar"]
    assert tps[1]["does"] == "Lê a página" and tps[1]["thinks"] == "Quanto custa?"
    assert tps[1]["feels"] == "Confusa"
    assert tps[1]["pain_points"] == ["Preço escondido", "Letra pequena"]
    assert [tp["emotion"] for tp in tps] == [4, 1, 5]  # -2..+2 → 1..5
    assert [tp["emocao"] for tp in tps] == [1, -2, 2]
    assert tps[0]["notas_da_equipa"] == "Campanha de maio"
    site = yaml.safe_load((out / "site.yml").read_text(encoding="utf-8"))
    assert {"id": "emocao", "name": "Emoção (-2 to 2)", "kind": "rating", "min": -2,
            "max": 2} in site["lanes"]
    assert journey["personas"] == ["customer"]
    checked(out)


def test_columns_map(tmp_path):
    source = tmp_path / "map.csv"
    source.write_text("Step,Channel,Kundens mål,Intern kommentar,NPS\n"
                      "Calls us,Phone,Get an answer,secret,10\n"
                      "Reads the reply,Email,Understand it,,0\n", encoding="utf-8")
    out = tmp_path / "pb"
    result = jd("import", source, "-o", out, "--columns", FIXTURES / "columns.yml")
    assert result.exit_code == 0, result.output
    tps = front(out / "content/journeys/map.md")["touchpoints"]
    assert tps[0]["description"] == "Get an answer"
    assert [tp["emotion"] for tp in tps] == [5, 1] and [tp["nps"] for tp in tps] == [10, 0]
    assert "secret" not in (out / "content/journeys/map.md").read_text(encoding="utf-8")


def test_custom_lanes_are_accepted_by_check(tmp_path):
    out = tmp_path / "pb"
    jd("import", FIXTURES / "kundresa.csv", "-o", out)
    playbook, problems = load_playbook(out)
    assert not problems.errors
    assert not [p.format() for p in problems.items if p.code == "unknown-field"]
    lanes = [tp.lanes for tp in playbook.journeys["kundresa"].touchpoints]
    assert any("betyg" in lane for lane in lanes), lanes


# --- mermaid ------------------------------------------------------------------------

def test_mermaid_journey_from_markdown(tmp_path):
    out = tmp_path / "pb"
    result = jd("import", FIXTURES / "onboarding-notes.md", "-o", out)
    assert result.exit_code == 0 or "channel" in result.output, result.output
    journey = front(out / "content/journeys/open-a-business-account.md")
    assert journey["personas"] == ["ana", "advisor"]
    site = yaml.safe_load((out / "site.yml").read_text(encoding="utf-8"))
    assert [s["name"] for s in site["stages"]] == ["Apply", "Verify", "Start"]
    assert "stages" not in journey  # the site's own, in the same order
    tps = journey["touchpoints"]
    assert [(tp["name"], tp["emotion"], tp["stage"]) for tp in tps] == [
        ("Finds the form online", 3, "apply"), ("Fills in company details", 2, "apply"),
        ("Uploads ID documents", 1, "verify"), ("Call with the advisor", 4, "verify"),
        ("First invoice sent", 5, "start")]
    assert tps[0]["actors"] == ["Ana", "Advisor"]
    assert front(out / "content/personas/advisor.md") == {"name": "Advisor"}


def test_mermaid_import_checks_clean(tmp_path):  # no channels: optional only in v2
    out = tmp_path / "pb"
    assert jd("import", FIXTURES / "onboarding-notes.md", "-o", out).exit_code == 0
    checked(out)


# --- playbook.json round trip ---------------------------------------------------------

def visible(path: Path) -> str:
    """A page's visible text in <main>, without its change history (git, not content)
    and the evidence badges (playbook.json format 1 does not carry evidence)."""
    text = path.read_text(encoding="utf-8")
    text = re.search(r"<main\b.*?</main>", text, re.S).group(0)
    text = re.sub(r"<(script|style|pre)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())
    text = text.split("Change history")[0]
    text = re.sub(r"Evidence .*?(?=Content inventory|Pain points|Opportunities|$)", "", text)
    return " ".join(re.sub(r"\b(Research|Analytics|Support data|Assumption)\b", "", text).split())


def _first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{a[max(at - 60, 0):at + 60]!r} != {b[max(at - 60, 0):at + 60]!r}"


def _journey_pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in (site / "journeys").rglob("*.html")) + \
        sorted(p.relative_to(site) for p in (site / "personas").rglob("*.html"))


@pytest.fixture(scope="module")
def sample_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    sites = {}
    for audience in ("internal", "external"):
        sites[audience] = build(REPO, root / audience, audience=audience).output
    return sites


@pytest.mark.parametrize("audience", ["internal", "external"])
def test_playbook_json_round_trip(tmp_path, sample_sites, audience):
    original = sample_sites[audience]
    out = tmp_path / "copy"
    result = jd("import", original / "exports/playbook.json", "-o", out)
    assert result.exit_code == 0, result.output
    journeys = len(list((REPO / "content" / "journeys").glob("*.md")))
    assert f"Imported {journeys} journeys" in result.stdout or audience == "external"
    assert "no 'internal: true' marks" in result.stderr
    checked(out)
    copy = build(out, tmp_path / "site", audience=audience).output
    pages = _journey_pages(original)
    assert pages == _journey_pages(copy)
    different = [(str(p), _first_difference(visible(original / p), visible(copy / p)))
                 for p in pages if visible(original / p) != visible(copy / p)]
    assert not different
    # touchpoint pictures come back from the site the export sits in (issue 24)
    pictures = sorted(p.relative_to(original) for p in (original / "media").rglob("*.png"))
    assert pictures and pictures == sorted(p.relative_to(copy)
                                           for p in (copy / "media").rglob("*.png"))
    assert all((original / p).read_bytes() == (copy / p).read_bytes() for p in pictures)
    assert "image: media/touchpoints/gift-purchase/checkout.png" in \
        (out / "content/journeys/gift-purchase.md").read_text(encoding="utf-8")
    assert (copy / "exports/playbook.json").read_text(encoding="utf-8").count('"id"') == \
        (original / "exports/playbook.json").read_text(encoding="utf-8").count('"id"')


def test_playbook_json_picture_outside_its_site_is_left_out(tmp_path, sample_sites):
    """A playbook.json copied out of its site, or naming a path of its own: no picture,
    a note, and nothing read from outside the site."""
    data = json.loads((sample_sites["internal"] / "exports/playbook.json").read_text("utf-8"))
    tps = next(j for j in data["journeys"] if j["id"] == "gift-purchase")["touchpoints"]
    tps[0]["image"] = "../../etc/passwd.png"
    alone = tmp_path / "playbook.json"
    alone.write_text(json.dumps(data), encoding="utf-8")
    result = jd("import", alone, "-o", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    assert "'../../etc/passwd.png' of touchpoint 'gift-guide' is not beside the export" \
        in result.stderr
    assert "of touchpoint 'checkout' is not beside the export" in result.stderr
    assert not (tmp_path / "copy" / "content" / "media").exists()
    assert "image:" not in (tmp_path / "copy/content/journeys/gift-purchase.md").read_text("utf-8")


def test_a_split_playbook_json_round_trips(tmp_path, sample_sites, monkeypatch):
    """An export larger than EXPORT_BYTES is written in parts (lowered here, so the
    sample splits); importing its playbook.json reads every part."""
    import json

    from journeydocs.views import export_parts

    monkeypatch.setattr(export_parts, "EXPORT_BYTES", 40_000)
    split = build(REPO, tmp_path / "split").output
    monkeypatch.undo()
    main_file = split / "exports/playbook.json"
    parts = json.loads(main_file.read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 2 and all((split / "exports" / name).exists() for name in parts)
    out = tmp_path / "copy"
    result = jd("import", main_file, "-o", out)
    assert result.exit_code == 0, result.output
    journeys = len(list((REPO / "content" / "journeys").glob("*.md")))
    assert f"Imported {journeys} journeys" in result.stdout
    checked(out)
    copy = build(out, tmp_path / "site").output
    original = sample_sites["internal"]
    pages = _journey_pages(original)
    assert pages == _journey_pages(copy)
    assert [str(p) for p in pages if visible(original / p) != visible(copy / p)] == []
    # a part gone missing is an error that names it, and nothing is written
    (split / "exports" / parts[-1]).unlink()
    result = jd("import", main_file, "-o", tmp_path / "broken")
    assert result.exit_code != 0 and parts[-1] in result.stderr
    assert not (tmp_path / "broken" / "content").exists()


def test_playbook_json_refuses_paths(tmp_path):
    bad = tmp_path / "playbook.json"
    bad.write_text('{"format": 1, "site": {"title": "x"}, "journeys": '
                   '[{"id": "../../evil", "title": "x", "touchpoints": []}]}', encoding="utf-8")
    result = jd("import", bad, "-o", tmp_path / "pb")
    assert result.exit_code == 1
    assert "is not a slug" in result.stderr and "Nothing was written." in result.stderr
    assert not (tmp_path / "pb").exists() and not (tmp_path.parent / "evil.md").exists()


# --- export csv|xlsx and back ----------------------------------------------------------

def _texts(journey) -> list[tuple]:
    return [(tp.id, tp.name, tp.does, tp.thinks, tp.feels, tp.emotion, tp.timing,
             tp.expectation, tp.reality, tuple(tp.pain_points), tuple(tp.systems),
             tuple(tp.data), tuple(o.title for o in tp.opportunities), tuple(tp.next))
            for tp in journey.touchpoints]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_sheet_round_trip(tmp_path, fmt):
    sheet = tmp_path / f"gift.{fmt}"
    result = jd("export", "gift-purchase", REPO, "-o", sheet, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = tmp_path / "pb"
    result = jd("import", sheet, "-o", out, "--journey", "gift-purchase")
    assert result.exit_code == 0, result.output
    original = checked(REPO).journeys["gift-purchase"]
    copy = checked(out).journeys["gift-purchase"]
    assert copy.title == original.title
    assert _texts(copy) == _texts(original)
    assert [s.name for s in copy.stages] == [s.name for s in original.stages]


def test_csv_export_is_formula_safe(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "site.yml", project / "site.yml")
    path = project / "content/journeys/welcome-day-0.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\n    does: )", r"\1=HYPERLINK(1) ", text, count=1),
                    encoding="utf-8")
    sheet = tmp_path / "w.csv"
    assert jd("export", "welcome-day-0", project, "-o", sheet, "--format", "csv").exit_code == 0
    assert ",'=HYPERLINK(1)" in sheet.read_text(encoding="utf-8-sig")
    assert jd("import", sheet, "-o", tmp_path / "pb", "--journey", "w").exit_code == 0
    assert checked(tmp_path / "pb").journeys["w"].touchpoints[0].does.startswith("=HYPERLINK")


# --- into an existing playbook, refusals, errors --------------------------------------

def test_into_existing_playbook_keeps_comments(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "site.yml", project / "site.yml")
    before = (project / "site.yml").read_text(encoding="utf-8")
    result = jd("import", FIXTURES / "kundresa.csv", "-o", project, "--persona", "maria")
    assert result.exit_code == 0, result.output
    after = (project / "site.yml").read_text(encoding="utf-8")
    assert after.startswith(before.split("stages:")[0])  # comments and settings above
    assert "# Teams own journeys and content" in after
    assert "  - {id: upptack, name: Upptäck}\n" in after
    lanes = after[after.index("\nlanes:\n"):]
    assert lanes.index("  - {id: betyg, name: Betyg (1-7), kind: rating, min: 1, max: 7}\n") \
        < lanes.index("\nchannels:")
    assert not (project / "content/personas/maria.md").read_text(encoding="utf-8") \
        .startswith("---\nname: Maria\n")  # the existing persona is used, not rewritten
    checked(project)


def test_never_overwrites_without_force(tmp_path):
    out = tmp_path / "pb"
    assert jd("import", FIXTURES / "kundresa.csv", "-o", out).exit_code == 0
    journey = out / "content/journeys/kundresa.md"
    journey.write_text(journey.read_text(encoding="utf-8") + "Mine.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = jd("import", FIXTURES / "kundresa.csv", "-o", out)
    assert result.exit_code == 2
    assert "exists; nothing was written (use --force" in result.stderr
    assert before == {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert jd("import", FIXTURES / "kundresa.csv", "-o", out, "--force").exit_code == 0
    assert "Mine." not in journey.read_text(encoding="utf-8")


def test_errors_are_lines_not_tracebacks(tmp_path):
    no_header = tmp_path / "x.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    result = jd("import", no_header, "-o", tmp_path / "pb")
    assert result.exit_code == 1
    assert re.search(r"x\.csv:1: no header row found in sheet 'x' \(name the columns",
                     result.stderr)
    no_step = tmp_path / "y.csv"
    no_step.write_text("Stage,Channel\nBuy,Web\n", encoding="utf-8")
    result = jd("import", no_step, "-o", tmp_path / "pb")
    assert result.exit_code == 1 and "y.csv:1: no step column" in result.stderr
    assert not (tmp_path / "pb").exists()
    for args, message in [((tmp_path / "z.pdf",), "does not exist"),
                          ((FIXTURES / "columns.yml",), "cannot import"),
                          ((FIXTURES / "kundresa.csv", "--persona", "Not An Id"), "not an id")]:
        (tmp_path / "z.pdf").unlink(missing_ok=True)
        result = jd("import", *args, "-o", tmp_path / "pb")
        assert result.exit_code == 2 and message in result.stderr, result.output
    bad_xlsx = tmp_path / "bad.xlsx"
    bad_xlsx.write_bytes(b"not a zip")
    result = jd("import", bad_xlsx, "-o", tmp_path / "pb")
    assert result.exit_code == 1 and "bad.xlsx: not a readable XLSX workbook" in result.stderr


def test_header_matching_languages():
    from journeydocs.importers.columns import match_header, scale_in

    cases = {"Etapă": "stage", "FASE": "stage", "Phase": "stage", "Steg": "name",
             "Trin": "name", "Passo": "name", "Pas": "name", "Touchpoint": "name",
             "Doing": "does", "Actions": "does", "Gør": "does", "Tænker": "thinks",
             "Føler": "feels", "Satisfaction (1-10)": "emotion", "Pontuação": "emotion",
             "Pain points": "pain_points", "Puncte de durere": "pain_points",
             "Ideas": "opportunities", "Muligheder": "opportunities", "Kanal": "channel",
             "Ägare": "owner", "Frontstage": "frontstage", "Back stage": "backstage",
             "Systems": "systems", "Sisteme": "systems"}
    assert {h: match_header(h).field for h in cases} == cases
    assert match_header("Why it matters").lane == "why_it_matters"
    assert match_header("Emotion", {"emotion": {"field": "lane"}}).lane == "emotion_original"
    assert scale_in("Score (−2..+2)") == (-2, 2) and scale_in("Nota 1 a 10") == (1, 10)


def test_playbook_json_keeps_where_a_journey_ends(tmp_path):
    """``next: []`` (the journey ends at this step) survives an export and import: the
    Swedish welcome series ends at three steps."""
    source = REPO / "tests" / "fixtures" / "public" / "automation"
    site = build(source, tmp_path / "site").output
    data = json.loads((site / "exports/playbook.json").read_text(encoding="utf-8"))
    ends = {tp["id"] for j in data["journeys"] for tp in j["touchpoints"] if tp["ends"]}
    assert {"ej-levererat", "ej-oppnat"} <= ends
    result = jd("import", site / "exports/playbook.json", "-o", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    copy = checked(tmp_path / "copy")
    assert {tp.id for j in copy.journeys.values() for tp in j.touchpoints if tp.ends} == ends

"""The JSON Schemas and the checker must not drift: on a corpus of valid and invalid
files both give the same verdict, and the schemas name exactly the checker's fields.

Each case is one file (site.yml, a persona, a journey or a page) dropped into a small
valid playbook. The checker's verdict is "no error in that file" (for site.yml also no
unknown-field warning: its schema is closed, as the checker warns on every unknown key).
The schema's verdict is Draft 7 validation, with the playbook's ids as enums, of the
file's YAML as an editor sees it (YAML 1.2: dates are strings).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema", reason="pip install journeydocs[test]")

from conftest import MINIMAL_JOURNEY, MINIMAL_PERSONA, MINIMAL_SITE, write_tree  # noqa: E402
from journeydocs.build import load_playbook  # noqa: E402
from journeydocs.scaffold.starter import Vocabulary, open_project  # noqa: E402
from journeydocs.scaffold.schema import SHIPPED, checked_keys, schema_files, schemas  # noqa: E402

FILES = {"site": "site.yml", "persona": "content/personas/case.md",
         "journey": "content/journeys/case.md", "page": "content/pages/case.md"}

OTHER_JOURNEY = MINIMAL_JOURNEY.replace("title: Buy a gift", "title: Another")


def journey(front: str = "") -> str:
    """A valid journey with ``front`` lines appended to (or overriding) its front matter."""
    return "---\n" + front + "\n---\nStory.\n"


BASE = """\
title: Buy a gift
personas: [maria]
touchpoints:
  - {id: popup, name: Pop-up, stage: discover, channel: web}
"""
TP = "touchpoints:\n  - {id: popup, name: Pop-up, stage: discover, channel: web, %s}\n"
BASE_NO_TP = "title: Buy a gift\npersonas: [maria]\n"

VALID = {
    "site": [
        MINIMAL_SITE,
        MINIMAL_SITE + """\
description: How customers move
language: sv
base_url: https://playbook.example/
content_dir: content
output_dir: public
review_after_days: 90
max_messages_per_day: 2
extra: {brand: blue}
diagrams: svg
robots: index
markdown: {html: true}
internal_fields: [owner, raci]
""",
        MINIMAL_SITE.replace("  - {id: web, name: Website}",
                             "  - Website\n  - {id: sms, name: SMS, messages: true, description: Texts}"),
    ],
    "persona": [
        MINIMAL_PERSONA,
        "---\nname: Sam\nrole: Buyer\nsegment: B2B\nquote: 'Fast, please.'\ngoals: [A, B]\n"
        "needs: Speed\npain_points: [Waiting]\nmotivations: []\nchannels: web\nhobby: chess\n---\n",
        "---\nid: sam-2\nname: 2024\nchannels: [web, email]\n---\n",
    ],
    "journey": [
        journey(BASE),
        journey(BASE_NO_TP + """\
summary: A shopper buys a gift.
type: future-state
status: published
owner: marketing
future_of: gift
language: pt
goal: {metric: Conversion, target: 25%}
raci: {responsible: [marketing], accountable: marketing, consulted: [data], informed: []}
pillars: {audience: New subscribers, data: Browsing, content: Coupon, channels: Email}
mood_board: https://example.com/board
touchpoints:
  - id: popup
    name: Pop-up
    stage: discover
    channel: web
    timing: 12:15
    persona: maria
    owner: data
    does: Signs up
    thinks: Will it come?
    feels: no
    emotion: 1
    expectation: At once
    reality: Later
    pain_points: Waits
    opportunities:
      - {title: Real-time coupon, effort: 1, impact: 5, status: in-progress, description: Soon}
      - {title: Other idea}
    systems: [ESP, CDP]
    data: Browsing history
    next: [email]
    content:
      - id: welcome-coupon
        title: Welcome email
        type: email
        status: live
        owner: marketing
        language: pt
        link: https://dam.example/1
        last_reviewed: 2026-10-01
      - {id: sms-1, title: SMS, last_reviewed: '2026-01-31', status: planned}
  - {id: email, name: Email, stage: buy, channel: email, emotion: }
"""),
        journey("title: Buy\ngoal: 25% conversion\npersonas: maria\n" + TP % "emotion: 5"),
        journey(BASE_NO_TP + "stages: [{id: browse, name: Browse}, Pay]\n"
                + "touchpoints:\n  - {id: a, name: A, stage: browse, channel: web}\n"
                  "  - {id: b, name: B, stage: pay, channel: email}\n"),
        journey(BASE + "type:\nstatus: ''\nowner:\nraci:\npillars:\ngoal:\nstages: []\n"),
    ],
    "page": [
        "---\ntitle: How to read this\norder: 1\n---\nText.\n",
        "---\norder: -3\nauthor: me\n---\n",
    ],
}

INVALID = {
    "site": [
        MINIMAL_SITE.replace("title: Test playbook\n", ""),
        MINIMAL_SITE.replace("title: Test playbook", "title: ''"),
        MINIMAL_SITE + "language: de\n",
        MINIMAL_SITE + "base_url: ftp://files.example/\n",
        MINIMAL_SITE + "content_dir: ../elsewhere\n",
        MINIMAL_SITE + "output_dir: /var/www\n",
        MINIMAL_SITE + "review_after_days: 0\n",
        MINIMAL_SITE + "max_messages_per_day: three\n",
        MINIMAL_SITE + "colour: red\n",
        MINIMAL_SITE + "extra: [a, b]\n",
        MINIMAL_SITE + "diagrams: png\n",
        MINIMAL_SITE + "robots: all\n",
        MINIMAL_SITE + "markdown: {html: maybe}\n",
        MINIMAL_SITE + "markdown: {htm: true}\n",
        MINIMAL_SITE + "internal_fields: [colour]\n",
        MINIMAL_SITE + "base_url: https://play book.example/\n",
        MINIMAL_SITE.replace("  - {id: web, name: Website}", "  - {name: Website}"),
        MINIMAL_SITE.replace("  - {id: web, name: Website}", "  - {id: Web Site, name: Website}"),
        MINIMAL_SITE.replace("  - {id: web, name: Website}",
                             "  - {id: web, name: Website, messages: sometimes}"),
        MINIMAL_SITE.replace("  - {id: web, name: Website}", "  - [web]"),
        MINIMAL_SITE.replace("teams:\n  - {id: marketing, name: Marketing}\n  - {id: data, name: Data}",
                             "teams: marketing"),
    ],
    "persona": [
        "---\nrole: Buyer\n---\n",
        "---\nname: ''\n---\n",
        "---\nname: [Sam, Lee]\n---\n",
        "---\nname: Sam\nchannels: [fax]\n---\n",
        "---\nname: Sam\ngoals: {first: Deal}\n---\n",
        "---\nname: Sam\nid: Sam Lee\n---\n",
        "---\nname: Sam\nneeds: [[nested]]\n---\n",
    ],
    "journey": [
        journey("personas: [maria]\n" + TP % "emotion: 3"),
        journey("title: ''\npersonas: [maria]\n" + TP % "emotion: 3"),
        journey("title: [A, B]\npersonas: [maria]\n" + TP % "emotion: 3"),
        journey("title: Buy\n" + TP % "emotion: 3"),
        journey("title: Buy\npersonas: []\n" + TP % "emotion: 3"),
        journey("title: Buy\npersonas: [mario]\n" + TP % "emotion: 3"),
        journey("title: Buy\npersonas: [Maria Sousa]\n" + TP % "emotion: 3"),
        journey(BASE_NO_TP),
        journey(BASE_NO_TP + "touchpoints: []\n"),
        journey(BASE_NO_TP + "touchpoints: [popup]\n"),
        journey(BASE_NO_TP + "touchpoints:\n  - {id: popup, name: Pop-up, channel: web}\n"),
        journey(BASE_NO_TP + "touchpoints:\n  - {id: popup, name: Pop-up, stage: discovr, channel: web}\n"),
        journey(BASE_NO_TP + "touchpoints:\n  - {id: popup, name: Pop-up, stage: discover, channel: fax}\n"),
        journey(BASE_NO_TP + "touchpoints:\n  - {id: Sign Up, name: Pop-up, stage: discover, channel: web}\n"),
        journey(BASE_NO_TP + "touchpoints:\n  - {name: Pop-up, stage: discover, channel: web}\n"),
        journey(BASE_NO_TP + TP % "owner: sales"),
        journey(BASE_NO_TP + TP % "persona: mario"),
        journey(BASE_NO_TP + TP % "emotion: 6"),
        journey(BASE_NO_TP + TP % "emotion: 0"),
        journey(BASE_NO_TP + TP % "emotion: happy"),
        journey(BASE_NO_TP + TP % "emotion: true"),
        journey(BASE_NO_TP + TP % "opportunities: [{effort: 2}]"),
        journey(BASE_NO_TP + TP % "opportunities: [{title: X, effort: 9}]"),
        journey(BASE_NO_TP + TP % "opportunities: [{title: X, status: maybe}]"),
        journey(BASE_NO_TP + TP % "opportunities: {title: X}"),
        journey(BASE_NO_TP + TP % "content: [{id: a, title: A, status: published}]"),
        journey(BASE_NO_TP + TP % "content: [{title: A}]"),
        journey(BASE_NO_TP + TP % "content: [{id: Bad Id, title: A}]"),
        journey(BASE_NO_TP + TP % "content: [{id: a, title: A, owner: legal}]"),
        journey(BASE_NO_TP + TP % "content: [{id: a, title: A, last_reviewed: yesterday}]"),
        journey(BASE_NO_TP + TP % "next: [Not An Id]"),
        journey(BASE_NO_TP + TP % "does: {a: b}"),
        journey(BASE + "type: current\n"),
        journey(BASE + "status: done\n"),
        journey(BASE + "owner: sales\n"),
        journey(BASE + "future_of: nowhere\n"),
        journey(BASE + "goal: {target: 25%}\n"),
        journey(BASE + "goal: 25\n"),
        journey(BASE + "raci: {approver: [data]}\n"),
        journey(BASE + "raci: {consulted: [legal]}\n"),
        journey(BASE + "raci: [marketing]\n"),
        journey(BASE + "pillars: {budget: 10k}\n"),
        journey(BASE + "stages: [{name: Browse}]\n"),
        journey(BASE + "stages: [{id: browse, messages: 'yes'}]\n"),
    ],
    "page": [
        "---\ntitle: Guide\norder: first\n---\n",
        "---\ntitle: Guide\norder: 1.5\n---\n",
        "---\ntitle: [Guide]\n---\n",
    ],
}

if "internal" in checked_keys()["journey"]:  # the sharing fields, where the checker has them
    VALID["journey"] += [
        journey(BASE + "internal: true\n"),
        journey(BASE_NO_TP + TP % "evidence: research, internal: false"),
        journey(BASE_NO_TP + TP % "evidence: {kind: analytics, source: 'https://bi.example/1', note: Q3}"),
        journey(BASE_NO_TP + TP % "pain_points: [{text: Waits, evidence: research, internal: true}, Late]"),
    ]
    VALID["persona"].append("---\nname: Sam\ninternal: true\n---\n")
    INVALID["journey"] += [
        journey(BASE + "internal: maybe\n"),
        journey(BASE_NO_TP + TP % "evidence: gut-feeling"),
        journey(BASE_NO_TP + TP % "evidence: {source: 'https://bi.example/1'}"),
        journey(BASE_NO_TP + TP % "evidence: [research]"),
        journey(BASE_NO_TP + TP % "pain_points: [{evidence: research}]"),
        journey(BASE_NO_TP + TP % "content: [{id: a, title: A, internal: 1}]"),
    ]
    INVALID["persona"].append("---\nname: Sam\ninternal: 1\n---\n")

# Version 2 of the content model (see the README's format reference).
LANES = """lanes:
  - {id: why_it_matters, name: Why it matters, kind: text}
  - {id: services, name: Services used, kind: list}
  - {id: effort_score, name: Customer effort, kind: rating, min: 1, max: 7}
  - {id: form, name: Form, kind: link}
"""
VALID["site"] += [
    MINIMAL_SITE.replace("  - {id: discover, name: Discover}",
                         "  - {id: discover, name: Discover, description: How people hear of us}")
    + "phases:\n  - {id: before, name: Before, stages: [discover]}\n"
      "  - {id: after, name: After, stages: buy}\n" + LANES
    + "checks:\n  content-no-owner: off\n  content-stale: warning\n  journey-no-goal: error\n",
    MINIMAL_SITE + "checks: {no-such-check: off}\n",  # an unknown code only warns
]
VALID["persona"] += ["---\nname: Clerk\nkind: staff\n---\n", "---\nname: Carrier\nkind: partner\n---\n"]
VALID["journey"] += [
    journey(BASE + """goals:
  - {metric: Conversion, baseline: 9%, target: 25%, actual: 14%, measured_on: 2026-10-31,
     source: 'https://bi.example/coupons'}
  - {metric: Unsubscribes, source: Weekly report}
entry: {trigger: Signs up, source: Web form, criteria: [Opted in], re_entry: Once in 90 days}
exit: [Buys within 14 days, Unsubscribes]
sponsor: Ana Pereira
lead: Rui Costa
last_reviewed: 2026-09-01
platform: {tool: Journey Builder, id: 8f2c1e, url: 'https://mc.example/j/8f2c1e', version: 3, status: running}
checks: {touchpoint-no-content: off, content-stale: error}
"""),
    journey("title: Buy\npersonas: [maria]\ngoal: {metric: M, baseline: 1, actual: 2}\n"
            "entry: Signs up\n" + TP % "emotion: 3"),
    journey(BASE_NO_TP + """touchpoints:
  - id: popup
    name: Pop-up
    stage: discover
    by: backstage
    description: |
      Two officers **check** the plans.
    key_moment: The first decision the applicant sees.
    props: [Permit letter, Online portal]
    frontstage: [Clerk checks the form]
    backstage: Officer verifies the registry
    detail: gift
    next:
      - email
      - {to: email, when: Plans do not meet the rules}
  - {id: email, name: Email, stage: buy, by: system}
"""),
]
INVALID["site"] += [
    # (a phase naming an unknown stage: only the checker knows the ids; tests/bad/v2-phases)
    MINIMAL_SITE + "phases:\n  - {name: Before, stages: [discover]}\n",
    MINIMAL_SITE + "lanes:\n  - {id: effort, kind: rating}\n",
    MINIMAL_SITE + "lanes:\n  - {id: effort, kind: stars}\n",
    MINIMAL_SITE + "lanes:\n  - {id: Why It Matters}\n",
    MINIMAL_SITE + "checks:\n  content-stale: loud\n",
    MINIMAL_SITE + "checks: [content-stale]\n",
]
INVALID["persona"] += ["---\nname: Sam\nkind: robot\n---\n"]
INVALID["journey"] += [
    journey(BASE + "goals: [{target: 25%}]\n"),
    journey(BASE + "goals: {metric: M}\n"),
    journey(BASE + "goal: {metric: M}\ngoals: [{metric: N}]\n"),
    journey(BASE + "goals: [{metric: M, measured_on: last week}]\n"),
    journey(BASE + "entry: [a, b]\n"),
    journey(BASE + "last_reviewed: soon\n"),
    journey(BASE + "platform: Journey Builder\n"),
    journey(BASE + "checks: {content-stale: loud}\n"),
    journey(BASE_NO_TP + TP % "by: clerk"),
    journey(BASE_NO_TP + TP % "detail: nowhere"),
    journey(BASE_NO_TP + TP % "next: [{when: Always}]"),
    journey(BASE_NO_TP + TP % "props: {a: b}"),
]

CHECKER_ONLY = [
    # What a schema of one file cannot know; `journeydocs check` reports these.
    journey(BASE_NO_TP + "touchpoints:\n  - {id: a, name: A, stage: discover, channel: web}\n"
            "  - {id: a, name: B, stage: buy, channel: web}\n"),                 # duplicate id
    journey(BASE_NO_TP + TP % "next: [nowhere]"),                              # unknown branch
    journey(BASE_NO_TP + "stages: [{id: browse}]\n"
            "touchpoints:\n  - {id: a, name: A, stage: discover, channel: web}\n"),  # own stages
    journey(BASE + "future_of: case\n"),                                         # itself
    journey(BASE_NO_TP + TP % "next: [{to: nowhere, when: Later}]"),             # unknown branch
    journey(BASE_NO_TP + TP % "detail: case"),                                   # detail: itself
]


def project_with(tmp_path: Path, kind: str, text: str) -> Path:
    files = {"site.yml": MINIMAL_SITE, "content/personas/maria.md": MINIMAL_PERSONA,
             "content/journeys/gift.md": OTHER_JOURNEY}
    files[FILES[kind]] = text
    return write_tree(tmp_path / "project", files)


def checker_accepts(project: Path, kind: str) -> bool:
    _, problems = load_playbook(project)
    mine = [p for p in problems.items if p.path == FILES[kind]]
    if kind == "site":
        return not [p for p in mine if p.severity.value == "error" or "unknown field" in p.message]
    return not [p for p in mine if p.severity.value == "error"]


def as_editor_sees(value):
    """YAML 1.2 has no date type: an editor's YAML server hands dates to the schema as text."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_accepts(project: Path, kind: str, text: str) -> bool:
    if kind != "site":
        text = text.split("---\n")[1]
    data = as_editor_sees(yaml.safe_load(text))
    vocabulary = open_project(project).vocabulary if kind != "site" else None
    schema = schemas(vocabulary)[kind]
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return validator.is_valid(data)


CASES = [(kind, text, True) for kind, texts in VALID.items() for text in texts] + \
        [(kind, text, False) for kind, texts in INVALID.items() for text in texts]


@pytest.mark.parametrize("kind, text, valid", CASES,
                         ids=[f"{k}-{'ok' if v else 'bad'}-{i}" for i, (k, _, v) in enumerate(CASES)])
def test_checker_and_schema_agree(tmp_path, kind, text, valid):
    project = project_with(tmp_path, kind, text)
    assert checker_accepts(project, kind) is valid, "checker"
    assert schema_accepts(project, kind, text) is valid, "schema"


@pytest.mark.parametrize("text", CHECKER_ONLY)
def test_what_only_the_checker_sees(tmp_path, text):
    project = project_with(tmp_path, "journey", text)
    assert not checker_accepts(project, "journey")
    assert schema_accepts(project, "journey", text)  # documented gap, not drift


def test_the_corpus_is_broad():
    assert sum(v for *_, v in CASES) >= 12 and sum(not v for *_, v in CASES) >= 60


def properties(schema: dict, *path: str) -> set[str]:
    for key in path:
        schema = schema["properties"][key]
        schema = schema.get("items", schema)
    return set(schema["properties"])


def test_schemas_name_exactly_the_checkers_fields():
    built = schemas()
    keys = checked_keys()
    assert properties(built["site"]) == set(keys["site"])
    assert properties(built["persona"]) == set(keys["persona"])
    assert properties(built["journey"]) == set(keys["journey"])
    assert properties(built["journey"], "touchpoints") == set(keys["touchpoint"])
    assert properties(built["journey"], "touchpoints", "content") == set(keys["content"])
    assert properties(built["journey"], "touchpoints", "opportunities") == set(keys["opportunity"])
    assert properties(built["page"]) == set(keys["page"])


def test_schemas_are_valid_draft7():
    for schema in schemas(Vocabulary(["a"], ["b"], ["c"], ["d"], ["e"])).values():
        jsonschema.Draft7Validator.check_schema(schema)
    for schema in schemas().values():
        jsonschema.Draft7Validator.check_schema(schema)


def test_shipped_schemas_are_current():
    """Regenerate after a change: `journeydocs schema --generic -o generator/schemas`."""
    expected = schema_files()
    shipped = {path.name: path.read_text(encoding="utf-8") for path in SHIPPED.glob("*.json")}
    assert shipped == expected


def test_schema_command_uses_the_project_ids(tmp_path):
    from click.testing import CliRunner

    from journeydocs.cli import main

    project = project_with(tmp_path, "persona", MINIMAL_PERSONA)
    result = CliRunner().invoke(main, ["schema", str(project)])
    assert result.exit_code == 0, result.output
    journey_schema = json.loads((project / "schemas" / "journey.schema.json").read_text())
    stage = journey_schema["allOf"][0]["else"]["properties"]["touchpoints"]["items"]["properties"]["stage"]
    assert stage["enum"] == ["discover", "buy"]
    assert set(journey_schema["properties"]["personas"]["anyOf"][0]["enum"]) == {"case", "maria"}
    generic = CliRunner().invoke(main, ["schema", "--generic", "-o", str(tmp_path / "g")])
    assert generic.exit_code == 0
    assert "allOf" not in json.loads((tmp_path / "g" / "journey.schema.json").read_text())


def test_export_schema_is_skipped_when_the_export_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "journeydocs.views.exports", None)  # import fails
    assert "playbook.schema.json" not in schema_files()
    assert {"site.schema.json", "journey.schema.json"} <= set(schema_files())

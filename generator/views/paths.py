"""Where the cross-journey views live in the built site (site-root-relative paths).

Same rules as :mod:`journeydocs.urls`: plain ``.html`` files, ids are slugs
(checked by the validator), links between pages are made relative by the caller.
"""

from __future__ import annotations

INVENTORY = "inventory.html"
CHANNELS = "channels.html"
TEAMS = "teams.html"
RACI = "raci.html"
OPPORTUNITIES = "opportunities.html"
INDEXES = "indexes.html"
HEALTH = "health.html"
KPIS = "kpis.html"

EXPORTS = "exports"
PLAYBOOK_JSON = f"{EXPORTS}/playbook.json"
PLAYBOOK_SCHEMA = f"{EXPORTS}/playbook.schema.json"
INVENTORY_CSV = f"{EXPORTS}/content-inventory.csv"
OPPORTUNITIES_CSV = f"{EXPORTS}/opportunities.csv"
KPIS_CSV = f"{EXPORTS}/kpis.csv"

TABLES_JS = "assets/js/tables.js"


def channel(channel_id: str) -> str:
    return f"channels/{channel_id}.html"


def team(team_id: str) -> str:
    return f"teams/{team_id}.html"


def compare(future_id: str) -> str:
    """The current-vs-future comparison, named after the future-state journey."""
    return f"compare/{future_id}.html"


VIEWS_CSS = "assets/css/views.css"

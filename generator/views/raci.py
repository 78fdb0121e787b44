"""The RACI matrix page: journeys (by title) × teams, as a table for work (sticky
journey column and team header, column picker, pages of rows at scale).

The letters come from :func:`journeydocs.views.teams.raci_matrix`; a row whose
journey has no accountable team, or more than one, is marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..model import RACI_ROLES
from ..render.common import Linker, team_name
from ..render.site import OutputFile
from ..i18n.strings import label
from . import paths, tables
from .common import Lookup, page_context
from .tables import Column, Row, Table
from .teams import raci_matrix

if TYPE_CHECKING:
    from ..render.site import Site


def raci_page(site: Site) -> Iterator[OutputFile]:
    """The matrix page and its shards (when it has more journeys than a page)."""
    playbook, t = site.playbook, site.t
    path = paths.RACI
    link = Linker(playbook, path)
    look = Lookup(site, link)
    matrix = raci_matrix(playbook)
    team_links = [link.to(team_name(playbook, team), paths.team(team)) for team in matrix.teams]
    columns = [Column("journey", t["journey"], hideable=False)]
    columns += [Column(f"team-{team}", name.text, sortable=False,
                       href=name.href) for team, name in zip(matrix.teams, team_links)]
    rows = []
    for row in matrix.rows:
        j = look.journey(row.journey)
        status = look.badge("status", row.journey.status)
        problem = ("" if row.accountable == 1 else t["no_accountable"] if not row.accountable
                   else t["many_accountable"].format(n=row.accountable))
        head = (f"{tables.link(j.href, j.text)} {tables.badge(status.kind, status.text)}"
                + (f"<br>{tables.badge('stale', problem)}" if problem else ""))
        cells = [head] + [f'<span class="raci-mark">{tables.cell(letters)}</span>' if letters
                          else "" for letters in row.letters]
        rows.append(Row(cells, [row.journey.title] + [None] * len(row.letters),
                        [row.journey.status, "problem" if problem else "ok"],
                        ["", *(' class="raci-cell"',) * len(row.letters)],
                        "is-problem" if problem else ""))
    table = Table("raci-table", columns, rows, ["status", "accountable"], t["raci_matrix"],
                  "raci raci-matrix")
    context = {
        **page_context(site, path),
        "teams": team_links,
        "roles": [{"letter": role[0].upper(), "name": label(t, "raci", role)}
                  for role in RACI_ROLES],
        "table": tables.context(table, path),
        "problems": sum(row.accountable != 1 for row in matrix.rows),
    }
    page = site.render("views/raci.html", path, t["raci_matrix"], context)
    return tables.with_shards(page, table)

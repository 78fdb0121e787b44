"""Single-file export of one journey: ``journeydocs export JOURNEY -o FILE.html``.

The journey page and each of its touchpoint pages are rendered with the site's
own templates, then put into one HTML file (``export.html``) with the stylesheet
and the mermaid script inlined, so the file opens offline by double-click, needs
no network and prints well. Links between the parts become in-file anchors
(``#tp-<id>``); links to pages that are not in the file keep their text but lose
the link. ``--format pdf`` prints that file with headless Chromium.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote

from markupsafe import Markup

from .. import urls
from ..build import default_theme_dir, load_playbook
from ..errors import ContentErrors, UsageError, did_you_mean
from ..i18n.strings import strings
from ..load.health import today as build_date
from ..model import Journey, Playbook
from .audience import check_audience, for_audience
from .history import read_history

FORMATS = ("html", "pdf")
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_MAIN = re.compile(r'<main\b[^>]*>(.*)</main>', re.DOTALL)
_ATTR = re.compile(r'\b(href|id|aria-labelledby)="([^"]*)"')
_PRE_MERMAID = re.compile(r'(<pre class="mermaid"[^>]*>)(.*?)(</pre>)', re.DOTALL)
_IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]*)(")')
_CLICK_HREF = re.compile(r'(click \S+ href (?:&#34;|&quot;|"))([^&"]*)')
_HEADING = re.compile(r"<(/?)h([1-5])\b")
_PAGER = re.compile(r'<nav class="(?:pager|breadcrumb)".*?</nav>\s*', re.DOTALL)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]*)"[^>]*>\s*</script>\s*', re.IGNORECASE)
_DATA_LINKS = re.compile(r'\sdata-links="[^"]*"')


def export_journey(project: Path, journey_id: str, output: Path, *, audience: str = "internal",
                   fmt: str = "html", theme_dir: Path | None = None) -> Path:
    """Write one journey as a single file; raise (writing nothing) on any problem."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' — choose {' or '.join(FORMATS)}")
    check_audience(audience)
    chromium = find_chromium() if fmt == "pdf" else None
    if fmt == "pdf" and chromium is None:
        raise UsageError("--format pdf needs Chromium, which is not installed "
                         "(apt-get install chromium, or set $CHROMIUM); nothing was written")
    if not output.parent.is_dir():
        raise UsageError(f"the folder of '{output}' does not exist")
    playbook, problems = load_playbook(project)
    if playbook is None:
        raise ContentErrors(problems.errors + problems.warnings)
    journey = _find(playbook, journey_id, audience)
    playbook = for_audience(playbook, audience)
    playbook.history = read_history(project, playbook)
    html = export_html(playbook, playbook.journeys[journey.id], theme_dir or default_theme_dir())
    if fmt == "html":
        _write_atomic(output, html.encode("utf-8"))
    else:
        _print_pdf(chromium, html, output)
    return output


def _find(playbook: Playbook, journey_id: str, audience: str) -> Journey:
    journey = playbook.journeys.get(journey_id)
    if journey is None:
        raise UsageError(f"there is no journey '{journey_id}' "
                         f"({did_you_mean(journey_id, sorted(playbook.journeys), 'journeys')})")
    if journey.internal and audience == "external":
        raise UsageError(f"journey '{journey_id}' is marked internal; it cannot be exported "
                         "for an external audience")
    return journey


def export_html(playbook: Playbook, journey: Journey, theme_dir: Path) -> str:
    """The journey and its touchpoints as one self-contained HTML document."""
    from ..pages import nav as render_nav  # why: the render stage (Jinja…) loads only to export
    from ..pages.tasks import object_task
    from ..render.jinja import make_environment
    from ..render.site import Site

    t = strings(playbook.config.language)
    site = Site(playbook, make_environment(theme_dir), t, build_date(),
                *render_nav.navigation(playbook, t))
    journey_path = urls.journey(journey.id)
    page, *tp_pages = object_task(site, f"journey:{journey.id}")()  # the site's own pages
    scripts: dict[str, None] = {}
    pictures = {urls.touchpoint_image(journey.id, tp.id, tp.image): _data_uri(tp.image_file)
                for tp in journey.touchpoints if tp.image_file}  # the storyboard, inlined
    journey_html = _part(page.data, journey_path, journey, "", scripts, pictures)
    parts = []
    for tp, tp_page in zip(journey.touchpoints, tp_pages):
        parts.append({"id": tp.id, "html": _part(tp_page.data, tp_page.path, journey, tp.id,
                                                 scripts, pictures)})
    assets = theme_dir / "assets"
    inlined = [_inline(assets / "js" / "journeydocs.js", "script")]
    if 'class="mermaid"' in journey_html or any('class="mermaid"' in p["html"] for p in parts):
        # drawn in the browser: the 5 MB script comes along (not when diagrams are SVG)
        inlined.insert(0, _inline(assets / "vendor" / "mermaid" / "mermaid.min.js", "script"))
    for name in scripts:  # scripts the parts asked for, e.g. diagram links
        if name.startswith("assets/") and name not in ("assets/js/journeydocs.js",
                                                        "assets/vendor/mermaid/mermaid.min.js"):
            source = theme_dir / name
            if source.is_file():
                inlined.append(_inline(source, "script"))
    today = build_date()
    return site.env.get_template("export.html").render(
        t=t,
        language=playbook.config.language,
        site_title=playbook.config.title,
        title=journey.title,
        description=journey.summary,
        exported_on=t["exported_on"].format(date=today.isoformat()),
        external=playbook.audience == "external",
        css=_inline(assets / "css" / "journeydocs.css", "style"),
        scripts=inlined,
        journey_html=journey_html,
        touchpoints=parts,
    )


def _inline(path: Path, tag: str):
    """A file's text, safe inside ``<style>``/``<script>`` (no early end tag)."""
    text = path.read_text(encoding="utf-8")
    return Markup(re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE))


def _data_uri(file: str) -> str:
    """A picture as a ``data:`` URI (the export is one file)."""
    kind = mimetypes.guess_type(file)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(Path(file).read_bytes()).decode("ascii")


def _part(data: bytes, page_path: str, journey: Journey, tp_id: str, scripts: dict[str, None],
          pictures: dict[str, str]):
    """The ``<main>`` of a rendered page, with links and ids made to fit in one file.

    Script tags are taken out (their site paths go to ``scripts``, to be inlined once);
    ``data-links`` (diagram links to other pages) are dropped, as those pages are not here;
    pictures become the ``data:`` URIs of ``pictures`` (site path → URI).
    """
    match = _MAIN.search(data.decode("utf-8"))
    html = match.group(1) if match else ""

    def script(m: re.Match) -> str:
        if not _SCHEME.match(m.group(1)):
            scripts[posixpath.normpath(posixpath.join(posixpath.dirname(page_path),
                                                      m.group(1)))] = None
        return ""

    html = _DATA_LINKS.sub("", _SCRIPT_SRC.sub(script, html))
    html = _PAGER.sub("", html)  # site navigation: its pages are not in the file
    if tp_id:
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)

    def attribute(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        if name != "href":
            return f'{name}="{_local_id(tp_id, value)}"'
        target = _target(value, page_path, journey, tp_id)
        return f'href="{target}"' if target is not None else 'data-not-in-export=""'

    html = _ATTR.sub(attribute, html)

    def picture(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path),
                                                   unquote(m.group(2))))
        return m.group(1) + pictures.get(target, m.group(2)) + m.group(3)

    html = _IMG_SRC.sub(picture, html)

    def click(m: re.Match) -> str:
        target = _target(m.group(2), page_path, journey, tp_id)
        return m.group(1) + (target or "#")

    html = _PRE_MERMAID.sub(lambda m: m.group(1) + _CLICK_HREF.sub(click, m.group(2)) + m.group(3),
                            html)
    return Markup(html)


def _local_id(tp_id: str, value: str) -> str:
    """Ids of a touchpoint part get its prefix, so the parts' ids never collide."""
    return " ".join(f"tp-{tp_id}-{v}" for v in value.split()) if tp_id else value


def _target(href: str, page_path: str, journey: Journey, tp_id: str) -> str | None:
    """Where a link points inside the export; None when its page is not in the file."""
    if _SCHEME.match(href):
        return href
    path, _, fragment = href.partition("#")
    if not path:
        return "#" + _local_id(tp_id, fragment) if fragment else "#"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(path)))
    if target == urls.journey(journey.id):
        return "#" + (fragment or "main")
    for tp in journey.touchpoints:
        if target == urls.touchpoint(journey.id, tp.id):
            return f"#tp-{tp.id}" + (f"-{fragment}" if fragment else "")
    return None


def _write_atomic(output: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide the file from a web server
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_chromium() -> str | None:
    """A headless-capable Chromium: ``$CHROMIUM``, /usr/bin/chromium, or one on PATH."""
    named = os.environ.get("CHROMIUM", "")
    if named and shutil.which(named):
        return shutil.which(named)
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return next((found for name in CHROMIUM_CANDIDATES if (found := shutil.which(name))), None)


def _print_pdf(chromium: str, html: str, output: Path) -> None:
    """Print ``html`` to ``output`` with headless Chromium (diagrams drawn first)."""
    with tempfile.TemporaryDirectory(prefix="journeydocs-export-") as folder:
        source = Path(folder) / "export.html"
        source.write_text(html, encoding="utf-8")
        pdf = Path(folder) / "export.pdf"
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-first-run", "--disable-background-networking",
                   "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   "--virtual-time-budget=20000", f"--print-to-pdf={pdf}", source.as_uri()]
        try:
            run = subprocess.run(command, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"Chromium could not print the PDF: {exc}") from None
        if run.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            detail = run.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError("Chromium could not print the PDF"
                             + (f": {detail[-1]}" if detail else ""))
        _write_atomic(output, pdf.read_bytes())


def default_output(journey_id: str, fmt: str) -> Path:
    return Path(f"{journey_id}.{fmt}")


"""The pipeline: load → check → audience → render → write, as one checklist.

Everything is read and checked before anything is written, so a playbook with
errors leaves the previous site untouched (as MkDocs gathers all files first).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from .load import links
from .load.config import read_config
from .errors import ContentErrors, Problem, Problems
from .load.checks import apply_checks
from .load.health import health_warnings
from .load.files import Document, iter_documents, read_config_data
from .model import Journey, Page, Persona, Playbook, SiteConfig, Term
from .load.validate_v2 import check_lanes
from .load.validate import Validator
from .share.audience import for_audience
from .share.history import PendingHistory
from .load.parallel import checked_documents, load_jobs
from .pages.cache import BuildCache, cache_folder
from .render.parallel import Progress, choose_jobs
from .workers import SPARE_TIME
from .write import check_output_dir, copy_assets, previous_site, staged_site

Reader = Callable[[Path, Path, Problems], Iterable[Document]]
Validate = Optional[Callable[[Validator, Document], Any]]

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


def default_theme_dir() -> Path:
    """The theme shipped with the package (works installed and from a checkout)."""
    try:
        from importlib.resources import files  # why: guarded: a checkout falls back to THEME_DIR

        return Path(str(files("journeydocs.theme")))
    except (ImportError, ModuleNotFoundError, TypeError):  # pragma: no cover
        return THEME_DIR


@dataclass
class BuildResult:
    output: Path
    pages: int
    files: int
    seconds: float
    playbook: Playbook
    warnings: list[Problem] = field(default_factory=list)
    reused: int = 0
    """Files copied from the build cache instead of rendered."""


def load_playbook(project: Path, read: Reader = iter_documents, *,
                  validate: Validate = None, health: bool = True, jobs: int = 1
                  ) -> tuple[Playbook | None, Problems]:
    """Read and check a whole project; the playbook is None when there are errors.

    ``read`` finds and reads the content files and ``validate`` turns one into its
    model object (serve passes ones that keep the work done for unchanged files).
    ``health=False`` leaves out the health warnings (serve adds them after the
    edited pages are on disk). ``jobs=2`` reads a large playbook in two processes
    (:mod:`journeydocs.load.parallel`; not with a custom ``read`` or ``validate``).
    """
    problems = Problems()
    return load_content(project, read_site(project, problems), problems, read,
                        validate=validate, health=health, jobs=jobs)


def read_site(project: Path, problems: Problems) -> SiteConfig:
    """The project's site.yml, checked; its problems go to ``problems``."""
    return read_config(read_config_data(project, problems), "site.yml", problems)


def load_content(project: Path, config: SiteConfig, problems: Problems,
                 read: Reader = iter_documents, *, validate: Validate = None,
                 health: bool = True, jobs: int = 1) -> tuple[Playbook | None, Problems]:
    """Read and check the content files of a project whose site.yml is read
    (:func:`load_playbook` after :func:`read_site`)."""
    if read is not iter_documents or validate is not None:
        jobs = 1
    with _collector_paused():
        return _load_content(project, config, problems, read, validate or validate_document,
                             health, jobs)


def validate_document(validator: Validator, doc: Document) -> Persona | Journey | Page | None:
    """The model object of one content file (None when it is unusable)."""
    if doc.kind == "personas":
        return validator.persona(doc)
    if doc.kind == "journeys":
        return validator.journey(doc)
    return validator.page(doc)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a playbook is read.

    Reading makes hundreds of thousands of long-lived objects (located YAML data,
    the model); each full collection walks all of them again, so with the
    collector on, reading 400 journeys took ~1.8× as long as with it off (time
    growing faster than the playbook). Reference counting still frees what is
    dropped; cycles, if any, wait for the collector to resume.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # what was read lives on: freezing then unfreezing puts it straight into the
        # oldest generation, where the first collection after this would otherwise
        # walk all of it as young objects (~11 ms at 100 journeys, freeing nothing)
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def _load_content(project: Path, config: SiteConfig, problems: Problems, read: Reader,
                  validate: Callable[[Validator, Document], Any], health: bool, jobs: int
                  ) -> tuple[Playbook | None, Problems]:
    playbook = Playbook(config)
    validator = Validator(problems)
    personas, journeys, pages = [], [], []
    found = {"personas": personas, "journeys": journeys}
    content_dir = project / config.content_dir
    if jobs > 1:
        checked = checked_documents(project, content_dir, problems, validator, validate, jobs)
    else:
        checked = ((doc.kind, validate(validator, doc))
                   for doc in read(project, content_dir, problems))
    for kind, made in checked:
        found.get(kind, pages).append(made)
    playbook.personas = links.check_unique("persona", [p for p in personas if p], problems)
    playbook.journeys = links.check_unique("journey", [j for j in journeys if j], problems)
    playbook.pages = links.check_unique("page", [p for p in pages if p], problems)
    journeys = [j for j in journeys if j]
    for journey in journeys:
        complete_journey(journey, playbook, problems)
    links.check_references(playbook, journeys, validator.refs, problems, validator.kept_refs)
    for journey in playbook.journeys.values():
        links.check_journey(journey, playbook, problems)
    # what checks: makes of each warning: off, kept, or an error that stops the build
    by_path = {journey.where.path: journey.checks for journey in journeys}
    apply_checks(problems, config.checks, by_path)
    if problems.errors:
        return None, problems
    if health:
        problems.items.extend(health_warnings(playbook))
        apply_checks(problems, config.checks, by_path)
        if problems.errors:
            return None, problems
    return playbook, problems


def complete_journey(journey, playbook: Playbook, problems: Problems | None = None) -> None:
    """Fill in what the format defaults: site stages (or one implicit stage named after
    the journey when there are none), the first persona per touchpoint; read the
    touchpoints' custom lanes (reporting other unknown fields to ``problems``)."""
    if not journey.own_stages:
        journey.stages = list(playbook.config.stages)
    if not journey.stages:
        journey.stages = [Term(journey.id, journey.title or journey.id, where=journey.where)]
        journey.implicit_stage = True
    first = journey.personas[0] if journey.personas else ""
    for tp in journey.touchpoints:
        tp.persona = tp.persona or first
        if journey.implicit_stage:
            tp.stage = tp.stage or journey.id
    check_lanes(journey, playbook.config, problems if problems is not None else Problems())


def prepare(project: Path, audience: str = "internal", read: Reader = iter_documents, *,
            validate: Validate = None, health: bool = True, jobs: int = 1,
            history: Callable[[Path, Playbook], Any] | None = None
            ) -> tuple[Playbook | None, Problems]:
    """The playbook as a build renders it: loaded, checked, for ``audience``, with history.

    ``history`` reads the history (serve passes one that started reading while the
    files were); without one, ``git log`` starts as soon as site.yml is read and runs
    while the content files are (:class:`~journeydocs.share.history.PendingHistory`).
    """
    problems = Problems()
    config = read_site(project, problems)
    pending = PendingHistory(project, config.content_dir) if history is None else None
    try:
        with _collector_paused():
            playbook, problems = load_content(project, config, problems, read,
                                              validate=validate, health=health, jobs=jobs)
            if playbook is None:
                return None, problems
            playbook = for_audience(playbook, audience)
            playbook.history = history(project, playbook) if history else pending.result()
        return playbook, problems
    finally:
        if pending is not None:
            pending.cancel()  # when it was not read: errors, or a wrong audience


def build(project: Path, output: Path | None = None, theme_dir: Path | None = None, *,
          audience: str = "internal", jobs: int | None = None,
          progress: Progress | None = None, cache_dir: Path | None = None) -> BuildResult:
    """Build the site; raise ContentErrors (writing nothing) when the playbook has errors.

    ``cache_dir`` (or ``JOURNEYDOCS_BUILD_CACHE=1`` for ``<project>/.journeydocs-cache``) keeps
    a build cache there: pages of tasks unaffected since the cached build are copied from
    it, byte for byte what rendering them would give (see :mod:`journeydocs.incremental`).
    """
    started = time.perf_counter()
    theme_dir = theme_dir or default_theme_dir()
    render = _render_stage  # imported, with its templates, while a helper reads content files

    try:
        # the render stage is imported and its templates loaded in spare time: while a
        # second process reads content files, when one does
        environment = SPARE_TIME.offer(lambda: render().ready_environment(theme_dir))

        # load → check → audience (with history): everything is checked before anything is written
        playbook, problems = prepare(project, audience, jobs=load_jobs(jobs))
        if playbook is None:
            raise ContentErrors(problems.errors + problems.warnings)
        output = output if output is not None else project / playbook.config.output_dir
        check_output_dir(output, project, project / playbook.config.content_dir)

        # render → write: pages go to disk as they are rendered (flat memory), over every core
        # when the playbook is large; the old site is only replaced once all of them are written
        jobs = jobs if jobs is not None else choose_jobs(playbook)
        folder = cache_dir if cache_dir is not None else cache_folder(project)
        cache = BuildCache(folder) if folder is not None else None
        previous = previous_site(output)  # unchanged files are linked from it
        with staged_site(output) as staging:
            # the theme's assets are copied while the workers render (this process waits)
            assets = SPARE_TIME.offer(lambda: copy_assets(staging, theme_dir / "assets"))
            count, pages = render().render_into(staging, playbook, theme_dir, jobs=jobs,
                                                progress=progress, cache=cache,
                                                env=environment.result(), previous=previous)
            assets.result()
    finally:
        SPARE_TIME.clear()  # what a failed build offered is not done by a later one
    return BuildResult(output, pages, count, time.perf_counter() - started, playbook,
                       problems.warnings, cache.reused if cache else 0)


def _render_stage() -> Any:
    """:mod:`journeydocs.pages.stage`, imported on first use (while a helper reads content
    files, when there is one): the load stage runs without Jinja and the page modules."""
    from .pages import stage  # why: Jinja, markdown-it and the page modules cost ~0.1 s to import

    return stage

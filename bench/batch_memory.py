"""Peak memory of `zhnews clean` as the batch grows: it must stay flat (streaming, bounded window).

Runs the real command over N and 10*N inputs (links to the bundled sample pages and the seed
mirror) in the same run, several times each, and prints the median peak RSS of the command's
process tree (the peak RSS of its largest process, workers included, read from /proc) and the
ratio between the sizes.

    .venv/bin/python bench/batch_memory.py [--n 150] [--repeat 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MIRROR = REPO / "fixtures" / "seed" / "lianyungang_mirror.html"
SOURCES = [*sorted((REPO / "fixtures" / "pages").glob("*.html")), MIRROR]


def make_inputs(root: Path, n: int) -> Path:
    d = root / f"n{n}"
    d.mkdir()
    for i in range(n):
        (d / f"{i:06d}.html").symlink_to(SOURCES[i % len(SOURCES)])
    return d


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, read from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _high_water_kib(pid: int) -> int:
    """VmHWM (peak resident set, KiB) of a live process, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_kib(args: list[str], every: float = 0.05) -> tuple[int, float]:
    """Peak RSS (KiB) of the largest process of the command's tree, and its wall time.

    The workers are children of the forkserver, which nobody waits for, so ``RUSAGE_CHILDREN``
    would only see the parent: the tree is read from /proc while it runs instead (each process's
    VmHWM, polled every ``every`` seconds; it only grows, so the last reading is its peak).
    """
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        tree, todo = _children(), [proc.pid]
        while todo:
            pid = todo.pop()
            peaks[pid] = max(peaks.get(pid, 0), _high_water_kib(pid))
            todo.extend(tree.get(pid, []))
        time.sleep(every)
    return max(peaks.values(), default=0), time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    zhnews = [sys.executable, "-m", "zhnews", "clean", "--workers", str(a.workers), "-o", os.devnull]
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [a.n, 10 * a.n]
        dirs = {n: make_inputs(Path(tmp), n) for n in sizes}
        rss: dict[int, list[int]] = {n: [] for n in sizes}
        secs: dict[int, list[float]] = {n: [] for n in sizes}
        for _ in range(a.repeat):
            for n in sizes:  # interleaved, so that machine noise hits both sizes alike
                kib, s = peak_rss_kib([*zhnews, str(dirs[n])])
                rss[n].append(kib)
                secs[n].append(s)
    small, big = (statistics.median(rss[n]) for n in sizes)
    for n in sizes:
        print(
            f"inputs={n:6d} peak RSS median={statistics.median(rss[n]) / 1024:.1f} MiB "
            f"pages/s median={n / statistics.median(secs[n]):.1f}  (runs: {len(rss[n])})"
        )
    print(f"peak RSS ratio {sizes[1]}/{sizes[0]} inputs = {big / small:.2f} (flat memory: close to 1.0)")


if __name__ == "__main__":
    sys.exit(main())

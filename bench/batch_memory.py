"""Peak memory of `zhnews clean` as the batch grows: it must stay flat (streaming, bounded window).

Runs the real command over N and 10*N inputs (links to the bundled sample pages and the seed
mirror) in the same run, several times each, and prints the median peak RSS of the command's
process tree (ru_maxrss of the largest process) and the ratio between the sizes.

    .venv/bin/python bench/batch_memory.py [--n 150] [--repeat 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
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


def peak_rss_kib(args: list[str]) -> tuple[int, float]:
    """Peak RSS (KiB) of the largest process the command started, and its wall time."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1])


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

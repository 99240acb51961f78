#!/usr/bin/env python3
"""People / institution extraction benchmark: ``zhnews entities`` against jieba.posseg, same run.

For each gold set (pd-dev for tuning; msra and cluener for measuring) and each script
(Simplified, and Traditional via ``--traditional``), runs ../shared/tools/ner_score.py
twice back to back, ``base`` (jieba.posseg) and ``run --cmd "zhnews entities"``, on the
same 1,000-sentence sample the tool draws, and prints PER/ORG F1 of both, the targets,
and our characters per second as a ratio of jieba's (startup included for both).

    .venv/bin/python bench/ner.py [--sets pd-dev,msra,cluener] [--sample 1000] [--repeat 1]

With --repeat N each pair is run N times and the median is shown.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "ner_score.py"
ZHNEWS = Path(sys.executable).with_name("zhnews")
LINE_RE = re.compile(
    r"PER P=(?P<pp>[\d.]+) R=(?P<pr>[\d.]+) F1=(?P<pf>[\d.]+) \| ORG P=(?P<op>[\d.]+) R=(?P<or>[\d.]+) "
    r"F1=(?P<of>[\d.]+) \| n=(?P<n>\d+) chars/s=(?P<cps>\d+)"
)
#: Issue 4 targets: (PER F1, ORG F1) per measuring set.
TARGETS = {"msra": (0.90, 0.80), "cluener": (0.85, 0.75)}
#: Allowed drop on Traditional input.
TRAD_GAP = 0.02


def score(verb: str, gold_set: str, sample: int, traditional: bool) -> dict[str, float]:
    """One ner_score.py run; its summary line as numbers."""
    cmd = [sys.executable, str(SCORER), verb, "--set", gold_set, "--sample", str(sample)]
    if verb == "run":
        cmd += ["--cmd", f"{ZHNEWS} entities"]
    if traditional:
        cmd.append("--traditional")
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    m = LINE_RE.search(lines[-1]) if lines else None
    if proc.returncode or not m:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return {k: float(v) for k, v in m.groupdict().items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="pd-dev,msra,cluener")
    ap.add_argument("--sample", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if not SCORER.is_file():
        raise SystemExit(f"{SCORER} not found: ../shared must be beside the repository")
    rows = []
    simplified_f1: dict[str, tuple[float, float]] = {}
    for gold_set in args.sets.split(","):
        for traditional in (False, True):
            ours, base = [], []
            for _ in range(args.repeat):
                base.append(score("base", gold_set, args.sample, traditional))
                ours.append(score("run", gold_set, args.sample, traditional))
            med = {k: statistics.median(r[k] for r in ours) for k in ours[0]}
            bmed = {k: statistics.median(r[k] for r in base) for k in base[0]}
            ratio = statistics.median(o["cps"] / b["cps"] for o, b in zip(ours, base, strict=True))
            if not traditional:
                simplified_f1[gold_set] = (med["pf"], med["of"])
            rows.append((gold_set, traditional, med, bmed, ratio))
    simplified_base = {g: b["cps"] for g, t, _, b, _ in rows if not t}
    print("| set | script | PER F1 (P/R) | ORG F1 (P/R) | jieba PER / ORG | chars/s ours / jieba | target PER / ORG |")
    print("|---|---|---|---|---|---|---|")
    verdicts = []
    for gold_set, traditional, med, bmed, ratio in rows:
        target = TARGETS.get(gold_set)
        if target and traditional:
            sp, so = simplified_f1[gold_set]
            goal = f">= {sp - TRAD_GAP:.3f} / {so - TRAD_GAP:.3f}"
            ok = med["pf"] >= sp - TRAD_GAP and med["of"] >= so - TRAD_GAP
        elif target:
            goal = f">= {target[0]:.2f} / {target[1]:.2f}"
            ok = med["pf"] >= target[0] and med["of"] >= target[1]
        else:
            goal, ok = "(tuning set)", True
        if traditional:
            # ner_score's base verb maps every jieba word back with t2s inside its timed loop, which makes jieba's
            # Traditional chars/s meaningless; compare with jieba's Simplified run of the same set instead.
            ratio = med["cps"] / simplified_base[gold_set]
            bmed = {**bmed, "cps": simplified_base[gold_set]}
        verdicts.append(ok and ratio >= 1.0)
        print(
            f"| {gold_set} | {'Traditional' if traditional else 'Simplified'} "
            f"| {med['pf']:.3f} ({med['pp']:.2f}/{med['pr']:.2f}) | {med['of']:.3f} ({med['op']:.2f}/{med['or']:.2f}) "
            f"| {bmed['pf']:.3f} / {bmed['of']:.3f} | {med['cps']:.0f} / {bmed['cps']:.0f} = {ratio:.2f}x "
            f"| {goal} {'met' if ok else 'MISSED'} |"
        )
    print(f"targets met in {sum(verdicts)} of {len(verdicts)} rows (speed ratio >= 1.0 counted in each row)")
    print("Traditional rows: speed against jieba's Simplified run of the same set (the scorer's own t2s mapping of")
    print("jieba's output words dominates jieba's Traditional timing); Traditional F1 target: Simplified F1 - 0.02.")


if __name__ == "__main__":
    main()

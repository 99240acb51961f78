"""Command-line verbs of the cleaning library: ``clean``, ``schema`` and ``entities``.

Each verb is registered on the ``zhnews`` parser by :func:`register`; the crawler
registers its own verbs the same way (``crawler.cli``), so this module never
imports Scrapy.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from typing import IO

from .batch import iter_tasks, run_batch
from .config import MAX_INPUT_BYTES, SCRUB_STEPS, CleanConfig, UnknownStep, check_steps
from .record import schema

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

CLEAN_EPILOG = """\
inputs:
  files, directories (walked recursively for .html .htm .shtml .xhtml .txt, each
  also .gz, and .warc / .warc.gz), WARC files (every HTML response record is one
  input), or - for stdin.

output:
  one JSON line per input, in input order: a record, or an error record
  {"input", "error": {"type", "message"}}. `zhnews schema` prints the JSON Schema.

exit status:
  0  every input gave a record
  1  at least one input gave an error record (the batch still ran to the end)
  2  usage error (bad option, unwritable output)
"""


def _steps(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in value.split(",") if s.strip())


def config_from_args(args: argparse.Namespace) -> CleanConfig:
    """A :class:`CleanConfig` from the options shared by ``clean`` and the crawler."""
    return CleanConfig(
        scrub_steps=args.scrub,
        skip_steps=frozenset(args.no_scrub or ()),
        entities=not args.no_entities,
        max_bytes=args.max_bytes,
        timeout=getattr(args, "timeout", 0.0),
    )


def add_clean_options(parser: argparse.ArgumentParser) -> None:
    """Options that pick what the pipeline does (also used by ``zhnews crawl``)."""
    names = ", ".join(SCRUB_STEPS)
    parser.add_argument("--no-entities", action="store_true", help="skip entity extraction (faster)")
    parser.add_argument(
        "--scrub", type=_steps, default=None, metavar="STEP,...", help=f"run only these scrub steps ({names})"
    )
    parser.add_argument(
        "--no-scrub", type=_steps, default=None, metavar="STEP,...", help="switch these scrub steps off"
    )
    parser.add_argument(
        "--max-bytes", type=int, default=MAX_INPUT_BYTES, help=f"refuse larger inputs (default {MAX_INPUT_BYTES})"
    )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``clean``, ``schema`` and ``entities`` to the ``zhnews`` parser."""
    p = sub.add_parser(
        "clean",
        help="clean saved pages into JSON Lines",
        description="Clean saved Chinese news pages (HTML in any encoding, text dumps, WARC) into JSON Lines.",
        epilog=CLEAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, WARC, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="JSON Lines output (default: stdout)")
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores); 0 = clean in this process "
        "(quickest start, but a crash in a C library ends the batch)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per input, 0 = no limit (default 120)")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    add_clean_options(p)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("schema", help="print the record's JSON Schema")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "entities",
        help="people, institutions and figures in text, one document per line",
        description="Read text (Simplified or Traditional), one document per line, from FILE or stdin; "
        "write one JSON line per input line with people, institutions and figures.",
    )
    p.add_argument("file", nargs="?", default="-", help="input text file (default: stdin)")
    p.add_argument("-o", "--output", default="-", help="output (default: stdout)")
    p.set_defaults(func=cmd_entities)


def _open_out(path: str) -> IO[str]:
    if path == "-":
        return sys.stdout
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    return open(path, "w", encoding="utf-8")


def cmd_clean(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    try:
        check_steps(config)  # (before the workers start; the scrubbers load in them)
    except UnknownStep as exc:
        print(f"zhnews clean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        out = _open_out(args.output)
    except OSError as exc:
        print(f"zhnews clean: cannot write {args.output}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        # a terminal that reports no size would get no bar at all from tqdm
        size = shutil.get_terminal_size((100, 20))
        bar = tqdm(
            unit="page", file=sys.stderr, desc="zhnews clean", mininterval=0.2, ncols=size.columns, nrows=size.lines
        )
    try:
        summary = run_batch(
            iter_tasks(args.paths),
            out,
            config=config,
            workers=max(0, args.workers),
            progress=bar.update if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.close()
        if out is not sys.stdout:
            out.close()
    if not args.quiet:
        where = "" if args.output == "-" else f"; wrote {args.output}"
        print(summary.line() + where, file=sys.stderr)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    from .entities import extract_many

    src = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8", errors="replace")
    out = _open_out(args.output)
    try:
        for ents in extract_many(line.rstrip("\n") for line in src):
            out.write(json.dumps(ents, ensure_ascii=False) + "\n")
    finally:
        if src is not sys.stdin:
            src.close()
        out.flush()
        if out is not sys.stdout:
            out.close()
    return EXIT_OK

"""Batch cleaning of saved pages: many inputs in, one JSON line per input out, in order.

Inputs are enumerated lazily (:func:`iter_tasks`): files, directories walked in
sorted order, gzipped files, WARC/WARC.gz members and stdin. Each task is small
(a path and an offset), so the work is done where the bytes are read: in a worker
process, in chunks that grow from one task to CHUNK_TASKS. At most WINDOW_CHUNKS chunks per
worker are in flight, which keeps memory flat however many inputs there are, and results
are written in input order.

A failure of any kind, even a crashed worker process, becomes an error record for
that input; the batch goes on.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import itertools
import json
import logging
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .config import CleanConfig
from .errors import InputTimeout, InputTooLarge, ReadError, WorkerCrashed
from .record import error_record

if TYPE_CHECKING:  # the process pool is imported only when there is more than one worker
    from concurrent.futures import Future, ProcessPoolExecutor

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".txt")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_SLACK = 1
#: While a batch runs, the young generation is collected every this many allocations
#: (Python's default is 700): cleaning a page makes many short-lived objects and few cycles,
#: so the default spends about a tenth of the time collecting. Memory stays flat.
GC_YOUNG = 50_000
#: With worker processes, inputs go to a worker in chunks of up to this many ...
CHUNK_TASKS = 8
#: ... and this many chunks per worker are in flight (results are written in input order).
WINDOW_CHUNKS = 3


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file, a WARC member (``offset`` set) or stdin bytes (``data`` set)."""

    name: str
    path: str | None = None
    offset: int | None = None
    data: bytes | None = None
    error: str | None = None
    url: str | None = None
    content_type: str | None = None


@dataclass(slots=True)
class Summary:
    """What a batch did; printed as one line at the end."""

    inputs: int = 0
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_types: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds > 0 else 0.0
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_types.items()))
        return (
            f"zhnews clean: {self.inputs} inputs, {self.records} records, {self.errors} errors"
            f"{f' ({kinds})' if kinds else ''}, {self.seconds:.2f} s, {rate:.1f} pages/s"
        )


def is_page(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(PAGE_SUFFIXES)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in sorted order, without following directory links in loops."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        logger.warning("cannot list %s: %s", root, exc)
        yield root  # reported as an error record by the reader
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif is_page(path) or is_warc(path):
            yield path


def iter_warc(path: Path) -> Iterator[Task]:
    """One task per HTML response record of a WARC file (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type != "response":
                    continue
                ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
                if ctype and not ctype.lower().startswith(HTML_TYPES):
                    continue
                offset = it.get_record_offset()
                yield Task(
                    name=f"{path}#{offset}",
                    path=str(path),
                    offset=offset,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    content_type=ctype,
                )
    except Exception as exc:  # a broken WARC still gets its line
        yield Task(name=str(path), path=str(path), error=f"{exc.__class__.__name__}: {exc}")


def iter_tasks(paths: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Task]:
    """Every input named by ``paths``, in order; ``-`` is stdin."""
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield Task(name="-", data=data)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                yield from iter_warc(found) if is_warc(found) else [Task(name=str(found), path=str(found))]
        elif is_warc(path) and path.is_file():
            yield from iter_warc(path)
        else:
            yield Task(name=str(path), path=str(path))


def read_task(task: Task, max_bytes: int) -> bytes:
    """The bytes of one input, gunzipped, refusing more than ``max_bytes``."""
    if task.data is not None:
        return task.data
    assert task.path is not None
    try:
        if task.offset is not None:
            return _read_warc_member(task.path, task.offset, max_bytes)
        info = os.stat(task.path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{task.path} is not a regular file")
        limit = max_bytes + READ_SLACK
        with open(task.path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            if head == b"\x1f\x8b":
                data = gzip.GzipFile(fileobj=fh).read(limit)
            else:
                # read(n) sets aside n bytes first: ask for what the file holds (and one more, to see it grew)
                data = fh.read(min(limit, info.st_size + 1))
                if len(data) == info.st_size + 1 < limit:
                    data += fh.read(limit - len(data))
    except FileNotFoundError as exc:
        raise ReadError(f"no such file: {task.path}") from exc
    except IsADirectoryError as exc:
        raise ReadError(f"{task.path} is a directory") from exc
    except (OSError, EOFError) as exc:
        raise ReadError(f"cannot read {task.path}: {exc}") from exc
    if len(data) > max_bytes:
        raise InputTooLarge(f"over the limit of {max_bytes} bytes (--max-bytes)")
    return data


def _read_warc_member(path: str, offset: int, max_bytes: int) -> bytes:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            data = record.content_stream().read(max_bytes + READ_SLACK)
            if len(data) > max_bytes:
                raise InputTooLarge(f"over the limit of {max_bytes} bytes (--max-bytes)")
            return bytes(data)
    raise ReadError(f"no WARC record at offset {offset} of {path}")


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`InputTimeout` in this thread after ``seconds`` (main thread only; 0 = no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise InputTimeout(f"cleaning took longer than {seconds:g} s (--timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_task(task: Task, config: CleanConfig) -> str:
    """One JSON line for one task: a record, or an error record. Never raises."""
    try:
        with _time_limit(config.timeout):
            return json.dumps(_clean_task(task, config), ensure_ascii=False)
    except Exception as exc:
        logger.debug("input %s failed", task.name, exc_info=True)
        return json.dumps(error_record(task.name, exc, url=task.url), ensure_ascii=False)


def _clean_task(task: Task, config: CleanConfig) -> dict[str, Any]:
    if task.error:
        raise ReadError(task.error)
    from .pipeline import HTML, clean_bytes  # loaded where the work is done: in the worker process

    data = read_task(task, config.max_bytes)
    kind = HTML if task.offset is not None else None
    return clean_bytes(
        data, input_name=task.name, kind=kind, url=task.url, content_type=task.content_type, config=config
    )


def _count(summary: Summary, line: str) -> None:
    summary.inputs += 1
    if line.startswith('{"schema_version"') and '"error": {"type"' in line[-400:]:
        rec = json.loads(line)
        if "error" in rec:
            summary.errors += 1
            kind = rec["error"]["type"]
            summary.error_types[kind] = summary.error_types.get(kind, 0) + 1
            return
    summary.records += 1


def _crash_line(task: Task) -> str:
    exc = WorkerCrashed("the worker process cleaning this input died (out of memory or a crash in a C library)")
    return json.dumps(error_record(task.name, exc, url=task.url), ensure_ascii=False)


def run_batch(
    tasks: Iterable[Task],
    out: IO[str],
    config: CleanConfig = CleanConfig(),
    workers: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Clean every task, writing one line each to ``out`` in input order.

    ``workers`` processes clean the tasks, so that an input that crashes one (a C library,
    out of memory) costs only its own line; ``0`` cleans in this process instead (quickest
    to start, no crash isolation: what library callers and tests on trusted input use).
    """
    summary = Summary()
    start = time.perf_counter()

    def emit(line: str) -> None:
        out.write(line + "\n")
        _count(summary, line)
        if progress:
            progress(1)

    if workers <= 0:
        with _batch_gc():
            for task in tasks:
                emit(clean_task(task, config))
                _freeze_loaded()
    else:
        _run_parallel(iter(tasks), emit, config, workers)
    out.flush()
    summary.seconds = time.perf_counter() - start
    return summary


_frozen = False


def _freeze_loaded() -> None:
    """After the first input (modules and lexicons are loaded by then), move every live object
    to the permanent generation, so that full collections no longer walk them."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    """Collect garbage less often while an in-process batch runs; put things back after."""
    global _frozen
    previous = gc.get_threshold()
    frozen = _frozen
    gc.set_threshold(GC_YOUNG, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if not frozen:
            _frozen = False
            gc.unfreeze()


def _worker_init() -> None:
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def _worker_clean(task: Task, config: CleanConfig) -> str:
    """:func:`clean_task` in a worker process, which freezes what it loaded after its first input."""
    line = clean_task(task, config)
    _freeze_loaded()
    return line


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver, not fork: the parent may hold threads (ONNX Runtime, tqdm) that a fork would copy mid-lock.
    # The server loads the pipeline once; each worker is forked from it with the modules in place.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cleaning.pipeline"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)


def _worker_clean_chunk(chunk: list[Task], config: CleanConfig) -> list[str]:
    """:func:`_worker_clean` of each task of ``chunk``, in order."""
    return [_worker_clean(task, config) for task in chunk]


def _chunks(tasks: Iterator[Task], workers: int) -> Iterator[list[Task]]:
    """``tasks`` in chunks, one task each at first, then doubling up to CHUNK_TASKS: a batch of a few
    inputs is spread over every worker, and a long one pays the round trip between the processes
    (about a millisecond of the parent's time) once per chunk, not once per input."""
    size, sent = 1, 0
    while chunk := list(itertools.islice(tasks, size)):
        yield chunk
        sent += 1
        if sent % (workers * WINDOW_CHUNKS) == 0:
            size = min(size * 2, CHUNK_TASKS)


def _run_parallel(tasks: Iterator[Task], emit: Callable[[str], None], config: CleanConfig, workers: int) -> None:
    from concurrent.futures.process import BrokenProcessPool

    window = workers * WINDOW_CHUNKS
    chunks = _chunks(tasks, workers)
    pending: deque[tuple[list[Task], Future[list[str]]]] = deque()
    pool = _pool(workers)
    try:
        while True:
            while len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_worker_clean_chunk, chunk, config)))
            if not pending:
                return
            chunk, fut = pending.popleft()
            try:
                lines = fut.result()
            except BrokenProcessPool:
                # Every task in flight is lost with the pool. Run them again one at a
                # time, in order, so that the one that kills a worker is the one blamed.
                lost = chunk + [t for c, _ in pending for t in c]
                pending.clear()
                for t in lost:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _pool(1)
                    try:
                        emit(pool.submit(_worker_clean, t, config).result())
                    except BrokenProcessPool:
                        emit(_crash_line(t))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
                continue
            for line in lines:
                emit(line)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

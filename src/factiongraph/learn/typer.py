"""The shipped ACLED event typer at run time: ACLED event type and sub-event type of a span of text.

    from factiongraph.learn.typer import default_typer
    t = default_typer().type_text("Police fired tear gas to disperse students protesting fee increases.")
    t.event_type, t.sub_event_type, t.confidence      # 'Protests', 'Protest with intervention', 0.9...

The artefact (data/models/acled-events-v1.npz + .json, built by `make train`, see train.py) is read once, on
first use, with numpy alone: no pickle, no scikit-learn, no download. Features are computed by features.py, the
module training used, and weighted as scikit-learn's TfidfVectorizer does (1 + log count, times idf, L2-normalised
per block); scores are the two logistic regressions' softmax probabilities. Both vote on the event type (its
probability times the probability mass of its sub-types, which measured better on held-out countries than
either alone); the sub-event type is then the most likely of that type's own.
"""
from __future__ import annotations

import json
import math
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np

from . import features

ARTEFACT = "acled-events-v1"
FORMAT = "factiongraph.acled-typer"
SCHEMA_VERSION = 1


def hierarchy_of(rows: Iterable[Mapping[str, str]]) -> dict[str, list[str]]:
    """ACLED event type -> its sub-event types, as the coded rows pair them (sorted)."""
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["event_type"], set()).add(r["sub_event_type"])
    return {t: sorted(s) for t, s in sorted(out.items())}


class ModelError(RuntimeError):
    """The artefact is missing or not one this code reads."""


@dataclass(frozen=True)
class Typing:
    event_type: str
    sub_event_type: str
    confidence: float  # probability of the event type (after any prior)
    sub_confidence: float  # probability of the sub-event type among the event type's own
    type_probabilities: dict[str, float] = field(default_factory=dict, compare=False)


class _Block:
    """One TF-IDF block: vocabulary, idf, and the analyzer that makes its terms."""

    def __init__(self, vocab: list[str], idf: np.ndarray, analyzer):
        self.index = {t: i for i, t in enumerate(vocab)}
        self.idf = idf.astype(np.float64)
        self.analyzer = analyzer

    def vector(self, masked: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(self.index[t] for t in self.analyzer(masked) if t in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        val = np.array([1.0 + math.log(counts[i]) for i in idx]) * self.idf[idx]
        return idx, val / np.linalg.norm(val)


class EventTyper:
    """ACLED types of a text, from the arrays of one artefact."""

    def __init__(self, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]):
        if meta.get("format") != FORMAT or meta.get("schema_version") != SCHEMA_VERSION:
            raise ModelError(f"not a {FORMAT} v{SCHEMA_VERSION} artefact: {meta.get('format')!r} "
                             f"v{meta.get('schema_version')!r}")
        self.meta = {k: v for k, v in meta.items() if not k.endswith("_vocab")}
        self.blocks = [_Block(meta["word_vocab"], arrays["word_idf"], features.word_terms),
                       _Block(meta["char_vocab"], arrays["char_idf"], features.char_terms)]
        self.offsets = [0, len(meta["word_vocab"])]
        self.types: list[str] = list(meta["event_type_labels"])
        self.subs: list[str] = list(meta["sub_event_type_labels"])
        self.coef = {lvl: np.asarray(arrays[f"{lvl}_coef"], dtype=np.float32) * np.asarray(
            arrays.get(f"{lvl}_scale", 1.0), dtype=np.float32) for lvl in ("event_type", "sub_event_type")}
        self.intercept = {lvl: np.asarray(arrays[f"{lvl}_intercept"], dtype=np.float64)
                          for lvl in ("event_type", "sub_event_type")}
        sub_index = {s: i for i, s in enumerate(self.subs)}
        self.children = {t: [sub_index[s] for s in meta["hierarchy"].get(t, []) if s in sub_index]
                         for t in self.types}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "EventTyper":
        """Read `<path>.npz` and `<path>.json` (default: the artefact shipped in the package)."""
        if path is None:
            base = resources.files("factiongraph").joinpath("data/models")
            npz, js = base.joinpath(f"{ARTEFACT}.npz"), base.joinpath(f"{ARTEFACT}.json")
        else:
            p = Path(path)
            npz, js = p.with_suffix(".npz"), p.with_suffix(".json")
        try:
            meta = json.loads(js.read_text(encoding="utf-8"))
            with npz.open("rb") as f, zipfile.ZipFile(f) as z:
                arrays = {n[:-4]: np.lib.format.read_array(z.open(n), allow_pickle=False) for n in z.namelist()}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
            raise ModelError(f"cannot read the event typer {npz}: {e}") from e
        return cls(arrays, meta)

    @classmethod
    def from_model(cls, model: Mapping[str, Any]) -> "EventTyper":
        """A typer over a model fresh from train.fit (float32 coefficients, nothing written)."""
        arrays = {"word_idf": model["word_idf"], "char_idf": model["char_idf"]}
        for lvl in ("event_type", "sub_event_type"):
            arrays[f"{lvl}_coef"] = model[lvl]["coef"].T
            arrays[f"{lvl}_intercept"] = model[lvl]["intercept"]
        meta = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "word_vocab": model["word_vocab"],
                "char_vocab": model["char_vocab"], "event_type_labels": model["event_type"]["labels"],
                "sub_event_type_labels": model["sub_event_type"]["labels"], "hierarchy": model["hierarchy"]}
        return cls(arrays, meta)

    def probabilities(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Softmax probabilities over self.types and over self.subs."""
        masked = features.mask(text)
        parts = [b.vector(masked) for b in self.blocks]
        idx = np.concatenate([i + off for (i, _), off in zip(parts, self.offsets)])
        val = np.concatenate([v for _, v in parts])
        out = []
        for lvl in ("event_type", "sub_event_type"):
            z = val @ self.coef[lvl][idx] + self.intercept[lvl] if len(idx) else self.intercept[lvl].copy()
            z = np.exp(z - z.max())
            out.append(z / z.sum())
        return out[0], out[1]

    def type_text(self, text: str, prior: Mapping[str, float] | None = None) -> Typing:
        """The most likely (event type, sub-event type) pair; `prior` multiplies the event types' probabilities
        (a type missing from it keeps weight 1) before they are renormalised."""
        p_type, p_sub = self.probabilities(text)
        if prior:
            p_type = p_type * np.array([max(0.0, float(prior.get(t, 1.0))) for t in self.types])
            p_type = p_type / p_type.sum() if p_type.sum() > 0 else np.full(len(self.types), 1 / len(self.types))
        # both models vote on the event type: its own probability times the mass of its sub-types
        joint = p_type * np.array([p_sub[self.children[t]].sum() if self.children[t] else 0.0 for t in self.types])
        if joint.sum() > 0:
            p_type = joint / joint.sum()
        ti = int(np.argmax(p_type))  # the first of equal maxima: no order of a set decides
        kids = self.children[self.types[ti]] or list(range(len(self.subs)))
        si = max(kids, key=lambda k: p_sub[k])
        mass = float(p_sub[kids].sum()) or 1.0
        return Typing(self.types[ti], self.subs[si], round(float(p_type[ti]), 4), round(float(p_sub[si]) / mass, 4),
                      {lab: round(float(p), 4) for lab, p in zip(self.types, p_type)})


@lru_cache(maxsize=1)
def default_typer() -> EventTyper:
    """The shipped typer, loaded on first call and kept."""
    return EventTyper.load()

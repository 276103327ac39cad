"""Near-duplicate documents: copies of one story (the same text up to boilerplate: a wire story under another
masthead, with a dateline, a byline, share buttons or a newsletter box) count as one source when facts are
fused. A document's story is the stored original whose MinHash similarity (datasketch; word 5-gram
shingles) with it reaches THRESHOLD, found through LSH bands of the originals' signatures; both documents
stay stored, each with its own claims and evidence. The threshold was measured (bench/neardup.py, README)."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

NUM_PERM, BANDS, SHINGLE, MIN_WORDS = 128, 32, 5, 60
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash
    return MinHash(num_perm=NUM_PERM, seed=20260101, scheme="affine32")


def signature(text: str | None) -> np.ndarray | None:
    """The MinHash of the text's word 5-grams (lower case, punctuation ignored); None for a text under
    MIN_WORDS words, too short to tell a copy from a templated note."""
    from datasketch import MinHash
    words = _WORD.findall((text or "").lower())
    if len(words) < MIN_WORDS:
        return None
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=t.seed, permutations=t.permutations, scheme="affine32")
    m.update_batch([" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(a == b))


def band_keys(sig: np.ndarray) -> list[str]:
    """One key per LSH band: signatures that share a key are compared."""
    return [f"{i:02d}:" + sig[i * ROWS:(i + 1) * ROWS].astype(">u8").tobytes().hex() for i in range(BANDS)]


def encode(sig: np.ndarray) -> str:
    return sig.astype(">u8").tobytes().hex()


def decode(text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(text), dtype=">u8").astype(np.uint64)


class Stories:
    """Mixed into `Store`; needs the backend's primitives."""

    def _story_of(self, doc_id: str, text: str | None) -> str | None:
        """Record the document's story and return it: the most similar stored original at or above THRESHOLD
        (ties: the smallest id), else the document itself; None for a text too short to compare."""
        sig = signature(text)
        if sig is None:
            return None
        keys = band_keys(sig)
        rows = self._query(f"SELECT DISTINCT b.doc_id, s.signature FROM story_bands b JOIN stories s ON "
                           f"s.doc_id = b.doc_id WHERE b.band IN ({', '.join('?' * len(keys))}) AND b.doc_id <> ?",
                           [*keys, doc_id])
        scored = [(similarity(sig, decode(r["signature"])), r["doc_id"]) for r in rows]
        found = [(-score, other) for score, other in scored if score >= THRESHOLD]
        story = min(found)[1] if found else doc_id
        self._exec("INSERT INTO stories (doc_id, story, signature) VALUES (?, ?, ?)", [doc_id, story, encode(sig)])
        if story == doc_id:
            self._executemany("INSERT INTO story_bands (band, doc_id) VALUES (?, ?)", [[k, doc_id] for k in keys])
        return story

    def copies(self, doc_id: str) -> dict:
        """A document's story (the original it copies, or itself) and the stored copies of that story."""
        rows = self._query("SELECT story FROM stories WHERE doc_id = ?", [doc_id])
        story = rows[0]["story"] if rows else doc_id
        return {"story": story, "documents": [r["doc_id"] for r in self._query(
            "SELECT doc_id FROM stories WHERE story = ? ORDER BY doc_id", [story])] or [doc_id]}

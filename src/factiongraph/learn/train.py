"""Train the ACLED event typer from ACLED's coded notes and write the artefact that ships in the package.

    python -m factiongraph.learn.train [--data ../shared/training/acled/notes.jsonl] [--out DIR] [--evaluate]

Two multinomial logistic regressions over TF-IDF features of the masked note (features.py): one for ACLED's
six event types, one for the 24 sub-event types. Classes are weighted inversely to their frequency (the rows are
40% peaceful protests). `--evaluate` first trains on all rows but those of three held-out countries (Mali, Niger,
Benin: a new conflict for the model, as the eval sets are) and on a random 90% of the rest, and prints the
figures on what was held out; the shipped model is then trained on every row.

Deterministic: the vocabulary is sorted, the solver (lbfgs) has no randomness, and the artefact is written with
fixed zip timestamps, so a rerun on the same data and library versions gives the same bytes (typer.py's
`ARTEFACT` names and `write_artefact` documents the format). scikit-learn is needed here only, not at run time.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from . import features
from .typer import ARTEFACT, FORMAT, SCHEMA_VERSION, hierarchy_of

HELD_OUT_COUNTRIES = ("Mali", "Niger", "Benin")
SEED = 20261203
WORD_MIN_DF, CHAR_MIN_DF, CHAR_MAX_FEATURES = 2, 3, 200_000
C = 5.0


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows with a note and both types; a line that is not JSON is reported and skipped."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                print(f"{path}:{n}: not JSON, skipped", file=sys.stderr)
                continue
            if r.get("notes") and r.get("event_type") and r.get("sub_event_type"):
                rows.append({"text": r["notes"], "event_type": r["event_type"],
                             "sub_event_type": r["sub_event_type"], "country": r.get("country", "")})
    return rows


def _vectorizers():
    from sklearn.feature_extraction.text import TfidfVectorizer
    word = TfidfVectorizer(analyzer=features.word_terms, min_df=WORD_MIN_DF, sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(analyzer=features.char_terms, min_df=CHAR_MIN_DF, max_features=CHAR_MAX_FEATURES,
                           sublinear_tf=True, dtype=np.float32)
    return word, char


def _classifier():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=C, class_weight="balanced", max_iter=3000, tol=1e-4)


def fit(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Vocabularies, idf weights and both classifiers' coefficients for `rows`."""
    from scipy.sparse import hstack
    masked = [features.mask(r["text"]) for r in rows]
    word, char = _vectorizers()
    X = hstack([word.fit_transform(masked), char.fit_transform(masked)]).tocsr()
    model: dict[str, Any] = {
        "word_vocab": sorted(word.vocabulary_, key=word.vocabulary_.get),
        "char_vocab": sorted(char.vocabulary_, key=char.vocabulary_.get),
        "word_idf": word.idf_.astype(np.float32), "char_idf": char.idf_.astype(np.float32)}
    for level in ("event_type", "sub_event_type"):
        clf = _classifier().fit(X, [r[level] for r in rows])
        model[level] = {"labels": [str(c) for c in clf.classes_], "coef": clf.coef_.astype(np.float32),
                        "intercept": clf.intercept_.astype(np.float32)}
    model["hierarchy"] = hierarchy_of(rows)
    return model


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
    return buf.getvalue()


def write_artefact(model: dict[str, Any], out_dir: Path, info: dict[str, Any]) -> list[Path]:
    """`<name>.npz`: idf and coefficient arrays (coefficients as features x classes int8, with one float32 scale
    per class: a quarter of the float32 size, and on the held-out rows the same decisions to 0.1%);
    `<name>.json`: format, labels, sub-type hierarchy, vocabularies, training facts. Zip entries carry a fixed
    date, so equal models give equal bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {"word_idf": model["word_idf"], "char_idf": model["char_idf"]}
    for level in ("event_type", "sub_event_type"):
        coef = model[level]["coef"].T  # features x classes
        scale = np.abs(coef).max(axis=0) / 127.0
        scale[scale == 0] = 1.0
        arrays[f"{level}_coef"] = np.round(coef / scale).astype(np.int8)
        arrays[f"{level}_scale"] = scale.astype(np.float32)
        arrays[f"{level}_intercept"] = model[level]["intercept"]
    npz, meta = out_dir / f"{ARTEFACT}.npz", out_dir / f"{ARTEFACT}.json"
    with zipfile.ZipFile(npz, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(arrays):
            zi = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(zi, _npy(arrays[name]))
    doc = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "artefact": ARTEFACT, **info,
           "features": {"word_ngrams": list(features.WORD_NGRAMS), "char_ngrams": list(features.CHAR_NGRAMS),
                        "sublinear_tf": True, "norm": "l2 per block"},
           "event_type_labels": model["event_type"]["labels"],
           "sub_event_type_labels": model["sub_event_type"]["labels"], "hierarchy": model["hierarchy"],
           "npz_sha256": hashlib.sha256(npz.read_bytes()).hexdigest(),
           "word_vocab": model["word_vocab"], "char_vocab": model["char_vocab"]}
    meta.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return [npz, meta]


def _split(rows: Sequence[dict[str, str]]) -> tuple[list, list, list]:
    """(train, held-out countries, random 10% of the other countries' rows)."""
    other = [r for r in rows if r["country"] not in HELD_OUT_COUNTRIES]
    held = [r for r in rows if r["country"] in HELD_OUT_COUNTRIES]
    order = list(range(len(other)))
    random.Random(SEED).shuffle(order)
    cut = len(other) // 10
    return [other[i] for i in sorted(order[cut:])], held, [other[i] for i in sorted(order[:cut])]


def figures(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Accuracy and macro-F1 over the gold labels."""
    from sklearn.metrics import accuracy_score, f1_score
    gold, pred = zip(*pairs)
    return {"accuracy": round(float(accuracy_score(gold, pred)), 3),
            "macro_f1": round(float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)))), 3)}


def evaluate(model: dict[str, Any], rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    from .typer import EventTyper
    typer = EventTyper.from_model(model)
    typed = [typer.type_text(r["text"]) for r in rows]
    return {"n": len(rows),
            "event_type": figures((r["event_type"], t.event_type) for r, t in zip(rows, typed)),
            "sub_event_type": figures((r["sub_event_type"], t.sub_event_type) for r, t in zip(rows, typed))}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/training/acled/notes.jsonl"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "models")
    ap.add_argument("--evaluate", action="store_true", help="print figures on held-out rows first")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: no such file (the ACLED notes, see ../shared/training/README.md)", file=sys.stderr)
        return 2
    rows = read_rows(args.data)
    info: dict[str, Any] = {"data": "ACLED (acleddata.com) event notes, ../shared/training/acled/notes.jsonl",
                            "rows": len(rows), "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
                            "model": f"TF-IDF words 1-2 + chars 2-5 (masked), logistic regression C={C}, "
                                     "balanced class weights"}
    if args.evaluate:
        train, held, rand = _split(rows)
        t0 = time.perf_counter()
        m = fit(train)
        held_out = {"countries " + "+".join(HELD_OUT_COUNTRIES): evaluate(m, held),
                    "random 10% of the others": evaluate(m, rand)}
        print(json.dumps(held_out, indent=1), f"({time.perf_counter() - t0:.0f} s)", flush=True)
    t0 = time.perf_counter()
    model = fit(rows)
    paths = write_artefact(model, args.out, info)
    print(f"trained on {len(rows)} rows in {time.perf_counter() - t0:.0f} s:",
          ", ".join(f"{p} ({p.stat().st_size / 1e6:.1f} MB)" for p in paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())

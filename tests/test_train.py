"""Training the event typer on a handful of rows written here: the run-time typer reproduces scikit-learn's own
probabilities, and the artefact is byte-identical on a rerun. (CI never trains the shipped model; scikit-learn is in
the test extra for these.)"""
from __future__ import annotations

import json

import numpy as np
import pytest

from factiongraph.learn import features, train
from factiongraph.learn.typer import EventTyper

ROWS = [
    ("Troops clashed with rebels near the bridge.", "Battles", "Armed clash"),
    ("Militants and soldiers exchanged fire at a checkpoint.", "Battles", "Armed clash"),
    ("Rebels seized the town after the army withdrew.", "Battles", "Non-state actor overtakes territory"),
    ("An airstrike hit a rebel camp.", "Explosions/Remote violence", "Air/drone strike"),
    ("A roadside bomb struck a truck.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Gunmen shot a farmer in his field.", "Violence against civilians", "Attack"),
    ("Armed men abducted two teachers.", "Violence against civilians", "Abduction/forced disappearance"),
    ("Workers marched to demand higher wages.", "Protests", "Peaceful protest"),
    ("Police dispersed students protesting with tear gas.", "Protests", "Protest with intervention"),
    ("Youths burned tyres and threw stones at police.", "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief.", "Riots", "Mob violence"),
    ("The parties signed a peace agreement.", "Strategic developments", "Agreement"),
]


@pytest.fixture(scope="module")
def rows():
    out = [{"text": t, "event_type": e, "sub_event_type": s, "country": "X"} for t, e, s in ROWS]
    return out * 3  # min_df: every term appears in three rows


def test_mask_hides_names_numbers_and_dates():
    m = features.mask("On 5 August 2024, Police in Kandahar shot 3 Taliban fighters on Monday. Fighting "
                      "went on [size=no report]")
    assert "kandahar" not in m and "taliban" not in m and "august" not in m and "5" not in m
    assert m.startswith("on 0 month 0, xx in xx shot 0 xx fighters on day.")
    assert m.rstrip().endswith("fighting went on")  # a sentence's first word is kept; the size note is dropped


def test_analyzers_match_scikit_learn():
    from sklearn.feature_extraction import text as sk
    text = features.mask("A  car bomb exploded at a checkpoint; 2 x killed. A bb")
    char = sk.TfidfVectorizer(analyzer="char_wb", ngram_range=features.CHAR_NGRAMS, lowercase=False)
    word = sk.TfidfVectorizer(ngram_range=features.WORD_NGRAMS, lowercase=False)
    assert sorted(char.build_analyzer()(text)) == sorted(features.char_terms(text))
    assert sorted(word.build_analyzer()(text)) == sorted(features.word_terms(text))


def test_runtime_reproduces_scikit_learn(rows, monkeypatch):
    monkeypatch.setattr(train, "CHAR_MIN_DF", 1)
    model = train.fit(rows)
    typer = EventTyper.from_model(model)
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression
    masked = [features.mask(r["text"]) for r in rows]
    word, char = train._vectorizers()
    X = hstack([word.fit_transform(masked), char.fit_transform(masked)]).tocsr()
    clf = LogisticRegression(C=train.C, class_weight="balanced", max_iter=3000, tol=1e-4).fit(
        X, [r["event_type"] for r in rows])
    probe = ["Soldiers fought rebels near a bridge.", "Students protested."]
    Xp = hstack([word.transform([features.mask(t) for t in probe]),
                 char.transform([features.mask(t) for t in probe])]).tocsr()
    expected = clf.predict_proba(Xp)
    got = np.array([typer.probabilities(t)[0] for t in probe])
    assert np.allclose(got, expected, atol=1e-4)


def test_artefact_round_trip_and_same_bytes(rows, tmp_path):
    model = train.fit(rows)
    a = train.write_artefact(model, tmp_path / "a", {"rows": len(rows)})
    b = train.write_artefact(train.fit(rows), tmp_path / "b", {"rows": len(rows)})
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    loaded = EventTyper.load(a[0].with_suffix(""))
    fresh = EventTyper.from_model(model)
    for text, event_type, _ in ROWS:
        assert loaded.type_text(text).event_type == fresh.type_text(text).event_type
    assert json.loads(a[1].read_text())["rows"] == len(rows)


def test_read_rows_skips_bad_lines(tmp_path, capsys):
    p = tmp_path / "notes.jsonl"
    p.write_text('{"notes": "Troops clashed.", "event_type": "Battles", "sub_event_type": "Armed clash"}\n'
                 "not json\n" '{"notes": "", "event_type": "Battles", "sub_event_type": "Armed clash"}\n')
    assert [r["text"] for r in train.read_rows(p)] == ["Troops clashed."]
    assert "2: not JSON" in capsys.readouterr().err


def test_main_without_data_is_a_clear_error(tmp_path, capsys):
    assert train.main(["--data", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err

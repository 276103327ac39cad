"""extract/sentences.py: over-long stretches without a sentence break are cut before the parse."""
import spacy

from factiongraph.extract.sentences import bound, cut_points

NLP = spacy.blank("en")
CLAUSES = ["gunmen attacked a checkpoint near the town on Monday", "the army said it had repelled them",
           "residents fled towards the river", "aid groups warned of shortages"]


def test_normal_prose_is_never_cut():
    text = ". ".join(CLAUSES * 20) + "."
    assert cut_points(NLP.make_doc(text), 250) == []
    lines = "\n".join(", ".join(CLAUSES * 5) for _ in range(6))  # line breaks end a stretch too
    assert cut_points(NLP.make_doc(lines), 250) == []


def test_a_run_without_breaks_is_cut_at_commas_into_bounded_pieces():
    doc = NLP.make_doc(", ".join(CLAUSES * 60))
    cuts = cut_points(doc, 100)
    assert cuts and all(doc[c - 1].text == "," for c in cuts)
    edges = [0, *cuts, len(doc)]
    assert max(b - a for a, b in zip(edges, edges[1:])) <= 100
    assert min(b - a for a, b in zip(edges[:-1], edges[1:-1])) >= 50  # cut in each piece's second half


def test_no_pause_at_all_cuts_hard_and_marks_sentence_starts():
    doc = bound(NLP.make_doc(" ".join(["word"] * 1000)), 300)
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts == [0, 300, 600, 900] or starts == [300, 600, 900]

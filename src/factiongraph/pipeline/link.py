"""fg_linker: each mention to a registry actor or to a new actor; anaphors to their antecedents.

Ids are registry slugs for known actors and slugs of the normalised name for new ones, so the same new group
seen in two reports is one actor in the store. The registry only helps recognise names: it never adds facts.
"""
from __future__ import annotations

import re

from anyascii import anyascii
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import doc_text
from ..extract import coref
from ..extract.dates import reference
from ..extract.mentions import COLLECTIVE_HEADS, COLLECTIVE_TAILS, acronym_definitions

# heads of a two-word collective that name it alone ("the police"; not "security" of "security forces")
SELF_NAMING_HEADS = {"police"}
from ..linking.names import STEM_SCORE, NameIndex, is_acronym_of, normalize
from ..linking.registry import GENERATED, Registry, default_registry
from ..linking.user import user_first
from ..models import Actor

_GOVERNMENT = re.compile(r"\b(?:[Gg]overnment|[Rr]egime|[Aa]uthorities|[Aa]dministration|[Cc]abinet)\b")
_NATIONAL = re.compile(r"\b(?:Army|Armed Forces|[Mm]ilitary|Defen[cs]e Forces?|Tatmadaw)\b")
_NATIONAL_NOUNS = {"army": "force", "military": "force", "troops": "force", "soldiers": "force",
                   "forces": "force", "junta": "government", "regime": "government", "government": "government",
                   "authorities": "government"}
_LEADER_NOUNS = {"leader", "chief", "emir", "head", "commander-in-chief", "founder"}
_GROUPISH = {"armed_group", "coalition", "political_group", "state_force", "state", "international_org", "other"}


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower().replace("'", "").replace("’", "")).strip("-") or "actor"


_AKA = re.compile(r"\s*[,(]?\s*(?:also |better |commonly |locally |popularly )?(?:known(?: locally| widely)? as|"
                  r"called|nicknamed|dubbed|a\.k\.a\.?|aka)\s+(?:the\s+)?$")


def _also_known_as(text: str, mentions: list[Span]) -> dict[tuple[int, int], tuple[int, int]]:
    """Second names given in passing: "X, known as Y", "X (also called Y)"; a former name ("formerly known as")
    is another actor, tied by renamed_to, and does not match here."""
    out = {}
    for a, b in zip(mentions, mentions[1:]):
        if a.id_ == "generic":
            continue  # "insurgents, known locally as X": X names them, not the other way round
        if _AKA.fullmatch(text[a.end_char:b.start_char]) and a.label_ == b.label_ or \
                _AKA.fullmatch(text[a.end_char:b.start_char]) and "person" not in (a.label_, b.label_):
            out[(b.start_char, b.end_char)] = (a.start_char, a.end_char)
    return out


_GROUP_NOUNS = {"faction", "factions", "group", "groups", "movement", "brigade", "brigades", "militia", "militias",
                "front", "battalion", "organisation", "organization", "coalition", "alliance"}


def _groups_by_company(mentions: list[Span]) -> None:
    """A "person" the NER found that is coordinated with groups or named as one ("factions A and B", "the
    A movement") is a group named after a person (Nour al-Din al-Zinki, Sultan Murad, Ahmad al-Abdo)."""
    group_tokens = {s.root.i for s in mentions if s.label_ in ("armed_group", "coalition")}
    for span in mentions:
        if span.label_ != "person" or span.id_ != "ner":
            continue
        root = span.root
        linked = {root.head.i} | {c.i for c in root.children if c.dep_ == "conj"} if root.dep_ == "conj" else \
            {c.i for c in root.children if c.dep_ == "conj"}
        named_as_group = root.head.lower_ in _GROUP_NOUNS and root.dep_ in ("compound", "appos", "conj") or any(
            c.lower_ in _GROUP_NOUNS and c.dep_ in ("appos", "compound") for c in root.children) or (
            span.end < len(span.doc) and span.doc[span.end].lower_ in _GROUP_NOUNS)
        if linked & group_tokens or named_as_group:
            span.label_ = "armed_group"


def _compatible(mention_type: str, entry_type: str) -> bool:
    if mention_type == "person" or entry_type == "person":
        return mention_type == entry_type or mention_type == "person" and entry_type in _GROUPISH - {"state"}
    return True


class Linker:
    def __init__(self, nlp: Language, name: str, threshold: float, use_registry: bool):
        self.name, self.threshold = name, threshold
        self.set_registry(default_registry() if use_registry else None)

    def set_registry(self, registry: Registry | None) -> None:
        """Link against this registry (the user's entries first, so their names win)."""
        if registry is getattr(self, "registry", False):
            return
        self.registry = registry
        self._lookups: dict[str, list[tuple[str, float]]] = {}
        # a new actor's spellings -> its one id, across every document of a run ("Jaysh" = "Jaish")
        self._new_ids: dict[str, str] = {}
        self.index = NameIndex()
        self._surnames: dict[str, list[str]] = {}  # a person's last name -> registry people who bear it
        for entry in user_first(registry) if registry is not None else ():
            for n in (entry.name, *entry.aliases):
                self.index.add(n, entry.id)
            if entry.type == "person" and len(key := normalize(entry.name).split()) > 1:
                self._surnames.setdefault(key[-1], []).append(entry.id)

    def _lookup(self, text: str) -> list[tuple[str, float]]:
        """Registry candidates for a name, cached: reports repeat the same names over and over."""
        hits = self._lookups.get(text)
        if hits is None:
            if len(self._lookups) > 200_000:
                self._lookups.clear()
            hits = self._lookups[text] = self.index.lookup(text, threshold=self.threshold, scraped=True)
        return hits

    # -- one mention ------------------------------------------------------------------------------------------
    def _registry_hit(self, span: Span) -> str | None:
        if self.registry is None:
            return None
        if span.kb_id_.startswith("iso:"):  # a capital standing for its state
            iso = span.kb_id_[4:]
            return next((e.id for e in self.registry.entries.values() if e.type == "state" and e.country == iso),
                        None)
        if span.kb_id_ and span.kb_id_ in self.registry.entries and span.id_ != "extended":
            return self._force_of(span) or span.kb_id_
        exact_only = len(normalize(span.text).replace(" ", "")) < 6  # short names: too easy to confuse
        for actor_id, score in self._lookup(span.text):
            if exact_only and score < 1.0:
                continue
            entry = self.registry.entries[actor_id]
            if score < STEM_SCORE and entry.source in GENERATED:
                continue  # thousands of unreviewed names: a close spelling is not enough ("Bassel" / "Bassila")
            if _compatible(span.label_, entry.type):
                return actor_id
        if span.id_ == "extended":  # the fuller form is unknown: it is the registry name it wraps
            return span.kb_id_
        return None

    def _force_of(self, span: Span) -> str | None:
        """"Iraqi security forces": the registry's state force of that country when it has one and the words
        name it; otherwise the state itself stands for its forces."""
        if span.label_ != "state_force" or self.registry.entries[span.kb_id_].type != "state":
            return None
        country = self.registry.entries[span.kb_id_].country
        for actor_id, _ in self._lookup(span.text):
            entry = self.registry.entries[actor_id]
            if entry.type == "state_force" and entry.country == country:
                return actor_id
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions = list(doc.spans.get("fg_mentions", []))
        actors: dict[str, Actor] = {}
        long_of = {(a0, a1): (l0, l1) for l0, l1, a0, a1 in
                   acronym_definitions(text, [(s.start_char, s.end_char) for s in mentions])}
        by_span: dict[tuple[int, int], str] = {}
        kept: list[Span] = []
        _groups_by_company(mentions)
        alias_of = _also_known_as(text, mentions)
        for span in mentions:
            earlier = alias_of.get((span.start_char, span.end_char))
            if earlier in by_span:  # "Mohamed Abdullahi Mohamed, known as Farmajo": one actor, two names
                actor_id, atype = by_span[earlier], actors[by_span[earlier]].type
            else:
                actor_id, atype = self._link(span, actors, by_span, long_of)
            if actor_id is None:
                continue
            span.kb_id_ = actor_id
            span.label_ = atype
            by_span[(span.start_char, span.end_char)] = actor_id
            actor = actors.get(actor_id)
            if actor is None:
                actor = actors[actor_id] = self._new_actor(actor_id, span, atype)
            if span.text not in actor.aliases:
                actor.aliases.append(span.text)
            kept.append(span)
        national = self._national_forces(doc, kept, actors)
        covered = {i for s in national for i in range(s.start, s.end)}
        kept = sorted([s for s in kept if not covered.intersection(range(s.start, s.end))] + national,
                      key=lambda s: s.start)
        doc.spans["fg_mentions"] = kept
        doc._.fg_actors = actors
        tokens = {i for s in kept for i in range(s.start, s.end)}
        anaphors = coref.find_anaphors(doc, tokens)
        definite = {}  # "the extremists", "the militants": the armed group the report is talking about
        for span in kept:
            if span.id_ == "generic" and span.label_ == "armed_group" and span.start > 0 \
                    and doc[span.start - 1].lower_ == "the":
                definite[(span.start, span.end)] = span
                anaphors.append(coref.Anaphor(span.start, span.end, {"armed_group"}))
        corefs = []
        for a, aid in coref.resolve(doc, [s for s in kept if (s.start, s.end) not in definite], anaphors):
            if (a.start, a.end) in definite:
                definite[(a.start, a.end)].kb_id_ = aid
            else:
                corefs.append(Span(doc, a.start, a.end, label=actors[aid].type, kb_id=aid))
        doc.spans["fg_mentions"] = kept  # again: a span group holds copies, and definite ones changed
        doc.spans["fg_coref"] = corefs + self._unnamed_leaders(doc, kept + corefs, actors)
        return doc

    def _main_force(self, country: str) -> str | None:
        forces = [e for e in self.registry.entries.values() if e.type == "state_force" and e.country == country]
        national = [e for e in forces if _NATIONAL.search(" ".join((e.name, *e.aliases)))]
        return (national or forces or [None])[0] and (national or forces)[0].id

    def _national_forces(self, doc: Doc, kept: list[Span], actors: dict[str, Actor]) -> list[Span]:
        """"the army", "the military", "the junta" with no country named: the forces (or government) of the
        country the report is plainly about, when one country dominates its named actors."""
        if self.registry is None:
            return []
        counts: dict[str, int] = {}
        for span in kept:
            entry = self.registry.entries.get(span.kb_id_)
            if entry is not None and entry.country:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            return []
        country = ranked[0][0]
        state = next((e for e in self.registry.entries.values() if e.type == "state" and e.country == country), None)
        force = self._main_force(country)
        # an unnamed "soldiers" found by the mention stage gives way to the forces of the report's country
        taken = {i for s in kept if not (s.id_ == "generic" and s.label_ == "state_force")
                 for i in range(s.start, s.end)}
        out = []
        for tok in doc:
            kind = _NATIONAL_NOUNS.get(tok.lower_)
            if kind is None or tok.i in taken or tok.i == 0 or doc[tok.i - 1].lower_ not in ("the", "government",
                                                                                          "security", "armed", "regime"):
                continue
            start = tok.i - 1 if doc[tok.i - 1].lower_ != "the" else tok.i
            if doc[start - 1].lower_ == "the" if start > 0 else False:
                start -= 1
            if kind == "force" and force:
                aid, atype = force, "state_force"
            elif kind == "government" and state is not None:
                aid, atype = "government-of-" + state.id, "state"
            else:
                continue
            span = Span(doc, start if doc[start].lower_ != "the" else start + 1, tok.i + 1, label=atype, kb_id=aid)
            span.id_ = "national"
            actor = actors.setdefault(aid, self._new_actor(aid, span, atype))
            if span.text not in actor.aliases:
                actor.aliases.append(span.text)
            out.append(span)
        return out

    def _unnamed_leaders(self, doc: Doc, spans: list[Span], actors: dict[str, Actor]) -> list[Span]:
        """"the group's leader", "the leader of X" with no name given: the registry's leader at the report's
        date, when exactly one is known (tenure-aware; a renamed group keeps its leaders' record)."""
        document = doc._.fg_document
        if self.registry is None or document is None or not document.published:
            return []
        day = reference(document.published).latest
        owner = {i: s.kb_id_ for s in spans for i in range(s.start, s.end)}
        out = []
        for tok in doc:
            if tok.lower_ not in _LEADER_NOUNS or tok.i in owner:
                continue
            if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in tok.children) or (
                    tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN") or tok.head.pos_ == "PROPN":
                continue  # the leader is named right there
            group = next((owner[c.i] for c in tok.children if c.dep_ == "poss" and c.i in owner), None)
            if group is None:
                group = next((owner[g.i] for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.i in owner), None)
            if group is None or group not in self.registry.entries:
                continue
            leaders = self.registry.leaders_at(group, day)
            if len(leaders) != 1:
                continue
            start = min([tok.i] + [c.i for c in tok.subtree if c.i < tok.i])
            out.append(Span(doc, start, tok.i + 1, label="person", kb_id=leaders[0]))
            actors.setdefault(leaders[0], self.registry.to_actor(leaders[0]).model_copy(update={"aliases": []}))
        return out

    def _link(self, span: Span, actors: dict[str, Actor], by_span: dict, long_of: dict) -> tuple[str | None, str]:
        label = span.label_
        if span.id_ == "generic":
            two = len(span) > 1 and span[-1].lower_ in COLLECTIVE_TAILS and span[-2].lower_ in COLLECTIVE_HEADS
            words = span[-2:] if two else span[-1:]  # "police officers" -> generic-police-officer
            return "generic-" + slugify(" ".join(t.lemma_ or t.lower_ for t in words)), label
        rid = self._registry_hit(span)
        if rid is not None and self.registry.entries[rid].type == "state" and _GOVERNMENT.search(span.text):
            return "government-of-" + rid, "state"  # the government is an actor of its own, not the country
        if rid is not None:
            rtype = self.registry.entries[rid].type
            return rid, ("state_force" if label == "state_force" and rtype == "state" else rtype)
        key = (span.start_char, span.end_char)
        if key in long_of and long_of[key] in by_span:  # "... (HTS)": the acronym is the long name's actor
            aid = by_span[long_of[key]]
            return aid, actors[aid].type
        text = span.text
        if text.isupper() and len(text) <= 8:
            for aid, actor in actors.items():  # its registry name or the way this report wrote it
                if any(is_acronym_of(text, n) for n in (actor.name, *actor.aliases)):
                    return aid, actor.type
        if label == "person":
            hit = self._same_person(text, actors) or self._known_surname(text, actors)
            if hit:
                return hit, "person"
        if span.id_ == "ner" and label == "other":
            if span.root.ent_type_ == "NORP":
                return None, label  # "Kurdish", "Islamist": descriptions, not actors
        key = normalize(text) or text.lower()
        if len(self._new_ids) > 500_000:
            self._new_ids.clear()
        slug = self._new_ids.setdefault(key, slugify(re.sub(r"^(?:the|The)\s+", "", text)))
        if slug in actors and actors[slug].type != label and label != "other":
            return slug, actors[slug].type
        return slug, label

    @staticmethod
    def _same_person(text: str, actors: dict[str, Actor]) -> str | None:
        """"al-Muhaysini" after "Abdullah al-Muhaysini": a surname alone is the person already named."""
        key = normalize(text)
        for aid, actor in actors.items():
            if actor.type == "person" and any(normalize(a).endswith(" " + key) for a in actor.aliases):
                return aid
        return None

    def _known_surname(self, text: str, actors: dict[str, Actor]) -> str | None:
        """"Prime Minister Abadi": a bare surname that exactly one registry person bears, among the people of
        the countries the report already names."""
        key = normalize(text).split()
        if len(key) != 1 or self.registry is None:
            return None
        countries = {a.country for a in actors.values() if a.country}
        people = [p for p in self._surnames.get(key[0], ()) if self.registry.entries[p].country in countries]
        return people[0] if len(people) == 1 else None

    def _new_actor(self, actor_id: str, span: Span, atype: str) -> Actor:
        state = actor_id.removeprefix("government-of-")
        if self.registry is not None and state != actor_id and state in self.registry.entries:
            entry = self.registry.entries[state]
            return Actor(id=actor_id, name=f"Government of {entry.name}", type="state", country=entry.country)
        if self.registry is not None and actor_id in self.registry.entries:
            return self.registry.to_actor(actor_id).model_copy(update={"aliases": []})
        actor = Actor(id=actor_id, name=span.text, type=atype if atype != "other" else "other")
        if actor_id.startswith("generic-"):
            actor.generic = True  # an unnamed collective (FACTS.md gold "generic")
            words = span.text.lower().split()
            if len(words) >= 2 and words[-1] in COLLECTIVE_TAILS and words[-2] in SELF_NAMING_HEADS:
                actor.aliases.append(words[-2])  # "police forces", "police officers": the police
        return actor


@Language.factory("fg_linker", default_config={"threshold": None, "use_registry": True},
                  assigns=["doc.spans", "doc._.fg_actors"], requires=["doc.spans"])
def make_linker(nlp: Language, name: str, threshold: float | None, use_registry: bool) -> Linker:
    return Linker(nlp, name, threshold, use_registry)

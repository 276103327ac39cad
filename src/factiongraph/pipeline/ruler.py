"""The registry ruler: every registry name as an entity pattern placed before the statistical NER.

The NER then keeps these spans, so "Jaish al-Ahrar" is a group rather than a PERSON and "HTS" is found at all.
Single words, acronyms, names made only of generic words and the names an entry lists as `cased` (generated
names of ordinary English words: "Lord's Resistance Army") match case-sensitively ("IS" is not "is", "Joint
Forces" is not "joint forces"); other names match in any case ("hay'at tahrir al-sham"). Lower-case names of
ordinary words ("government forces") are left out: they name an actor only in context.
"""
from __future__ import annotations

from spacy.language import Language

from ..linking.registry import Registry
from ..linking.user import user_first


# words that make up generic descriptions: a name of these words alone ("Joint Forces", "Islamic State") must
# match as written, capitals and all, and never in lower case ("joint forces", "government forces")
GENERIC_WORDS = frozenset("""
government forces force joint regime military junta troops international global coalition resistance militia
militias clan clans eastern western northern southern central patriotic group groups committee committees vigilance
local hunters parliament shadow parallel pro anti democracy legitimate internationally recognised recognized
warplanes separatists separatist national army security front islamic state states revolutionary popular
defence defense council movement liberation united democratic people peoples guard guards brigade brigades division
special task operations command transitional authority alliance union federal republic independent free new
""".split())


def registry_patterns(nlp: Language, registry: Registry) -> tuple[list[dict], list[dict]]:
    """(case-sensitive single-word patterns, case-insensitive longer ones), all phrase patterns (fast)."""
    cased, uncased = [], []
    seen = set()
    for entry in user_first(registry):
        names = (entry.name, *entry.aliases)
        cased_names = {v for n in entry.cased for v in (n, n.replace("'", "’"), n.replace("’", "'"))}
        # reports write the apostrophe straight or curly ("Da'esh", "Da’esh"): both forms are patterns
        for name in dict.fromkeys(v for n in names for v in (n, n.replace("'", "’"), n.replace("’", "'"))):
            name = name.strip()
            if name.lower().startswith("the "):
                name = name[4:]
            if not name or (name, entry.id) in seen:
                continue
            seen.add((name, entry.id))
            words = [t.lower_ for t in nlp.make_doc(name) if t.is_alpha]
            plain = len(words) == 1 or all(w in GENERIC_WORDS for w in words) or \
                name in cased_names or f"the {name}".lower() in {c.lower() for c in cased_names}
            if plain and not any(c.isupper() for c in name):
                continue  # "talibs", "government forces": ordinary words that name this actor only in context
            (cased if plain else uncased).append({"label": entry.type, "pattern": name, "id": entry.id})
    return cased, uncased


def add_registry_ruler(nlp: Language, registry: Registry) -> None:
    cased, uncased = registry_patterns(nlp, registry)
    for name, attr, patterns in (("fg_registry_ruler", "LOWER", uncased), ("fg_registry_ruler_cased", "ORTH", cased)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before="ner",
                             config={"phrase_matcher_attr": attr, "overwrite_ents": False})
        # the ruler parses each phrase pattern with the components before it; matching on LOWER or ORTH needs
        # the tokenizer alone, and thousands of names would otherwise take seconds to tag and parse
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(patterns)

"""The registry ruler: every registry name as an entity pattern placed before the statistical NER.

The NER then keeps these spans, so "Jaish al-Ahrar" is a group rather than a PERSON and "HTS" is found at all.
Single words and acronyms match case-sensitively ("IS" is not "is", "Coalition" is not "coalition"); longer
names match in any case ("the international coalition"). Lower-case single words are left out.
"""
from __future__ import annotations

from spacy.language import Language

from ..linking.registry import Registry
from ..linking.user import user_first


def registry_patterns(nlp: Language, registry: Registry) -> tuple[list[dict], list[dict]]:
    """(case-sensitive single-word patterns, case-insensitive longer ones), all phrase patterns (fast)."""
    cased, uncased = [], []
    seen = set()
    for entry in user_first(registry):
        names = (entry.name, *entry.aliases)
        # reports write the apostrophe straight or curly ("Da'esh", "Da’esh"): both forms are patterns
        for name in dict.fromkeys(v for n in names for v in (n, n.replace("'", "’"), n.replace("’", "'"))):
            name = name.strip()
            if name.lower().startswith("the "):
                name = name[4:]
            if not name or (name, entry.id) in seen:
                continue
            seen.add((name, entry.id))
            single = len(nlp.make_doc(name)) == 1
            if single and not any(c.isupper() for c in name):
                continue  # a lower-case single word ("talibs") is too often an ordinary word
            (cased if single else uncased).append({"label": entry.type, "pattern": name, "id": entry.id})
    return cased, uncased


def add_registry_ruler(nlp: Language, registry: Registry) -> None:
    cased, uncased = registry_patterns(nlp, registry)
    for name, attr, patterns in (("fg_registry_ruler", "LOWER", uncased), ("fg_registry_ruler_cased", "ORTH", cased)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before="ner",
                             config={"phrase_matcher_attr": attr, "overwrite_ents": False})
        ruler.add_patterns(patterns)

"""Lineage: the chain of names one organisation has carried (renamed_to) and the bodies it merged into,
from what the reports say and from the registry, so that a question about Jabhat al-Nusra reaches Jabhat
Fateh al-Sham and Hay'at Tahrir al-Sham too."""
from __future__ import annotations

from ..linking.registry import default_registry
from ..store import Store
from .queries import timeline

SUCCESSION = ("renamed_to", "merged_into")


def _links(store: Store, actor: str) -> list[dict]:
    found = [{"subject": f.subject, "predicate": f.predicate, "object": f.object,
              "start": f.start.to_dict() if f.start else None, "source": f.fact_id}
             for f in store.facts(actor=actor, predicates=SUCCESSION, claims=False) if not f.negated]
    registry = default_registry()
    if actor in registry.entries:
        found += [{"subject": subject, "predicate": link.predicate, "object": link.object, "start": link.start,
                   "source": "registry"} for subject, link in registry.lineage(actor) if link.predicate in SUCCESSION]
    return found


def lineage_links(store: Store, actor: str) -> list[dict]:
    """The succession links from `actor` forwards (what it became) and backwards (what it had been), nearest
    first; reported ones carry their fact id, the registry's say "registry". Siblings (other groups that merged
    into the same successor) are not the actor's lineage and are left out."""
    links: list[dict] = []
    for forward in (True, False):
        seen, queue = {actor}, [actor]
        while queue:
            current = queue.pop(0)
            for link in _links(store, current):
                here, there = ("subject", "object") if forward else ("object", "subject")
                if link[here] != current or link[there] in seen:
                    continue
                if not any((x["subject"], x["predicate"], x["object"]) ==
                           (link["subject"], link["predicate"], link["object"]) for x in links):
                    links.append(link)
                seen.add(link[there])
                queue.append(link[there])
    return links


def lineage_actors(store: Store, actor: str) -> list[str]:
    out = [actor]
    for link in lineage_links(store, actor):
        out += [e for e in (link["subject"], link["object"]) if e not in out]
    return out


def lineage_timeline(store: Store, actor: str) -> list[dict]:
    """The timelines of every name in the lineage, merged in date order, each entry naming its actor."""
    entries = [{"actor": a, **e} for a in lineage_actors(store, actor) for e in timeline(store, a)]
    unique = {(e.get("fact_id") or e.get("event_key")): e for e in entries}
    return sorted(unique.values(), key=lambda x: (x["date"] is None, x["date"] or "", x["kind"]))

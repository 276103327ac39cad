"""The graph layer: time-aware questions, analytics and exports over a Store's fused facts."""
from .queries import QueryError, evidence, events, graph_as_of, in_force, leaders, members, parse_day, resolve, \
    search, timeline

__all__ = ["QueryError", "evidence", "events", "graph_as_of", "in_force", "leaders", "members", "parse_day",
           "resolve", "search", "timeline"]

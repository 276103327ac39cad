"""factiongraph: a sourced, time-aware map of armed groups, extracted from conflict reports.

    from factiongraph import FactionGraph
    fg = FactionGraph("conflict.db")
    fg.ingest(fg.read(["report.txt"], published="2017-10"))
"""
__version__ = "0.1.0"

from .app import FactionGraph  # noqa: E402
from .models import Actor, Document, Event, Evidence, Place, Relation, TimeSpan  # noqa: E402

__all__ = ["FactionGraph", "Actor", "Document", "Event", "Evidence", "Place", "Relation", "TimeSpan",
           "__version__"]

"""Typed answers of FactionGraph's questions: what the command line prints as JSON and the web API returns.

Each model dumps (`to_dict()`) to exactly the JSON the command line has always printed, so the two
front-ends cannot drift apart; the API's OpenAPI schema is generated from the same classes. `core`: facts,
events, members, the graph, evidence; `analytics`; `workbench`: the actor page, documents, review, pages.
"""
from .analytics import *  # noqa: F401,F403
from .core import *  # noqa: F401,F403
from .workbench import *  # noqa: F401,F403
from .workbench import page  # noqa: F401

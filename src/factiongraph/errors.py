"""Errors users see, and the one table that maps every failure to a CLI exit code and an HTTP status.

Each error carries one line that names the input and the problem. `describe(exc)` is what the command line
(exit codes 0 ok, 1 failure, 2 bad input) and the web API (HTTP statuses) both use, so that a bad date is
exit code 2 on the command line and 400 on the API, an unknown actor 2 and 404, and so on. Reading commands
(extract, ingest) report a bad input as one line and go on; their exit code 3 (some inputs skipped) is the
outcome of a run, not of an error (cli_ingest.py).
"""
from __future__ import annotations

from dataclasses import dataclass


class FactionGraphError(Exception):
    """A failure of factiongraph itself or its environment (CLI exit code 1, HTTP 500)."""

    exit_code = 1
    http_status = 500


class InputError(FactionGraphError):
    """Bad user input: an unreadable file, a malformed record, an unparseable date (exit code 2, HTTP 400).
    `InputError(source, problem)` reads "source: problem"; `InputError(message)` is the message alone."""

    exit_code = 2
    http_status = 400

    def __init__(self, source: str, problem: str | None = None):
        super().__init__(source if problem is None else f"{source}: {problem}")
        self.source, self.problem = source, problem


class QueryError(InputError, ValueError):
    """Bad input to a question about the graph (an unparseable date, dates in the wrong order)."""


class NotFoundError(QueryError):
    """An actor, fact, event, document or database that does not exist (exit code 2, HTTP 404)."""

    http_status = 404


class ConflictError(QueryError):
    """A change the store's state refuses: merging an actor into itself or into what it absorbed (HTTP 409)."""

    http_status = 409


class TooLargeError(InputError):
    """An upload, a page or a request over its size limit (HTTP 413)."""

    http_status = 413


class FetchRefused(InputError):
    """A URL factiongraph will not fetch: not http(s), or a loopback, private, link-local or metadata address."""

    http_status = 400


class FetchFailed(FactionGraphError):
    """A URL that could not be fetched: the far side failed, timed out or sent something unreadable (HTTP 502)."""

    exit_code = 1
    http_status = 502


class AuthError(FactionGraphError):
    """A request without the right token (HTTP 401)."""

    exit_code = 2
    http_status = 401


# optional-looking packages (plain dependencies, but a trimmed install may lack them) -> the extra naming them
EXTRAS = {"stix2": "stix", "psycopg": "postgres"}


@dataclass(frozen=True)
class Failure:
    exit_code: int
    http_status: int
    message: str
    expected: bool  # False: an internal error, shown with its type and logged with its traceback


def describe(exc: BaseException) -> Failure:
    """The exit code, HTTP status and one-line message of any exception."""
    from pydantic import ValidationError

    from .models import FactsFormatError
    if isinstance(exc, FactionGraphError):
        return Failure(exc.exit_code, exc.http_status, str(exc), True)
    if isinstance(exc, KeyError):  # the store's "no fact f-...", "no actor x"
        return Failure(2, 404, str(exc.args[0]) if exc.args else "not found", True)
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        return Failure(2, 422, f"{loc}: {err['msg']}" if loc else err["msg"], True)
    if isinstance(exc, (FactsFormatError, ValueError)):
        return Failure(2, 400, str(exc), True)
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] in EXTRAS:
        extra = EXTRAS[exc.name.split(".")[0]]
        return Failure(1, 500, f"the {exc.name.split('.')[0]} package is missing: pip install 'factiongraph[{extra}]'",
                       True)
    return Failure(1, 500, f"{type(exc).__name__}: {exc}", False)

"""What every route shares: the settings, one FactionGraph per worker thread (each with its own connection), the
token check, and answers with ETags (the store's change counter), so that a browser asking again for an answer
that cannot have changed gets a 304 without the question being asked twice."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel
from pydantic_core import to_json

from .. import __version__
from ..app import FactionGraph
from ..errors import AuthError

TOKEN_ENV = "FACTIONGRAPH_TOKEN"


@dataclass
class Settings:
    """How the server runs. `fetch_allow` (networks a URL ingest may reach although they are not public) is
    for tests only: no command-line option or environment variable sets it, and it is empty by default."""
    db: str
    token: str = ""
    token_source: str = ""  # "environment", "file PATH" or "given"
    read_requires_token: bool = False
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "testserver")
    max_upload: int = 8 * 1024 * 1024
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_timeout: float = 15.0
    fetch_allow: tuple[str, ...] = ()
    config: str | None = None
    model: str | None = None
    ui_dir: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def token_file() -> Path:
    base = os.environ.get("FACTIONGRAPH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "factiongraph")
    return Path(base) / "token"


def resolve_token(given: str | None = None) -> tuple[str, str]:
    """The write token and where it came from: given, $FACTIONGRAPH_TOKEN, or a file made at first start."""
    if given:
        return given, "given"
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV], "environment"
    path = token_file()
    if path.is_file() and path.read_text().strip():
        return path.read_text().strip(), f"file {path}"
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    return token, f"file {path} (generated now)"


class Workbench:
    """The server's state: settings, FactionGraphs by thread, one lock that serialises ingest."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._all: list[FactionGraph] = []
        self._guard = threading.Lock()
        self.ingest_lock = threading.Lock()
        self.writer = FactionGraph(settings.db, settings.config, settings.model)  # ingests, under ingest_lock
        self._memo: dict[tuple, Any] = {}

    def memo(self, version: int, key: str, compute: Callable[[], Any]) -> Any:
        """An answer kept until the store changes (for questions that read the whole store, like its dates)."""
        k = (version, key)
        if k not in self._memo:
            if len(self._memo) > 64:
                self._memo.clear()
            self._memo[k] = compute()
        return self._memo[k]

    def graph(self) -> FactionGraph:
        fg = getattr(self._local, "fg", None)
        if fg is None:
            fg = self._local.fg = FactionGraph(self.settings.db, self.settings.config, self.settings.model)
            with self._guard:
                self._all.append(fg)
        return fg

    def close(self) -> None:
        with self._guard:
            for fg in self._all + [self.writer]:
                fg.close()
            self._all.clear()


def _presented(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-factiongraph-token", "")


def check_token(request: Request, settings: Settings) -> None:
    token = settings.token
    if not token or not hmac.compare_digest(_presented(request).encode(), token.encode()):
        raise AuthError("this needs the server's token (Authorization: Bearer TOKEN); "
                        "it was printed when the server started")


def json_response(data: Any, status: int = 200, headers: dict | None = None) -> Response:
    """Compact UTF-8 JSON, written by pydantic-core: typed results are serialised straight from the models
    (as their `to_dict()` would be, by alias), without building the dicts first."""
    return Response(to_json(data, by_alias=True), status_code=status, media_type="application/json",
                    headers=headers)


def dump(value: Any) -> Any:
    """Plain data, typed results left as they are for `json_response`."""
    if isinstance(value, BaseModel):
        return value
    if isinstance(value, list):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    return value.to_dict() if hasattr(value, "to_dict") else value


def answer(request: Request, bench: Workbench, ask: Callable[[FactionGraph], Any]) -> Response:
    """Ask `ask` unless the client already holds this answer: ETag = app version, store version, URL."""
    fg = bench.graph()
    key = f"{__version__}|{fg.version()}|{request.url.path}?{request.url.query}"
    etag = 'W/"' + hashlib.sha1(key.encode()).hexdigest()[:20] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return json_response(dump(ask(fg)), headers=headers)

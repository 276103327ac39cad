"""The analyst's workbench: a FastAPI app serving the REST API (/api, documented at /docs) and the web UI built
from frontend/ (JavaScript libraries from npm at build time; nothing from a CDN at run time).

    from factiongraph.web import create_app, Settings
    app = create_app(Settings(db="conflict.db", token="..."))
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import FactionGraphError, InputError, describe
from .core import Settings, Workbench, json_response
from .static import mount_ui

__all__ = ["Settings", "create_app"]
log = logging.getLogger("factiongraph.web")

DESCRIPTION = """Questions to a sourced, time-aware graph of armed groups: members as of a date, changes between
dates, timelines, events, the graph on a date, evidence down to the source sentence; review, ingest and the
user's registry. Writes need the server's token: `Authorization: Bearer TOKEN`. Lists are paged with `limit`
and `offset`; answers carry ETags (send `If-None-Match` to get a 304 while the store has not changed)."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def create_app(settings: Settings) -> FastAPI:
    from . import api_read, api_write
    bench = Workbench(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        bench.close()

    app = FastAPI(title="factiongraph", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan, dependencies=[Depends(no_nul_characters)])
    app.state.bench = bench
    app.include_router(api_read.router)
    app.include_router(api_write.router)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    async def failure(request: Request, exc: Exception):
        f = describe(exc)
        if not f.expected:
            log.exception("internal error on %s %s", request.method, request.url.path)
        headers = {"WWW-Authenticate": "Bearer"} if f.http_status == 401 else None
        return json_response({"error": f.message if f.expected else "internal error", "status": f.http_status},
                             f.http_status, headers)

    # expected failures are answered inside the app; anything else reaches the outermost handler (a 500)
    for kind in (FactionGraphError, KeyError, ValueError, Exception):
        app.add_exception_handler(kind, failure)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "bad request"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg"))} for e in errors]
        return json_response({"error": f"{where}: {first['msg']}", "status": 422, "detail": detail}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return json_response({"error": str(exc.detail), "status": exc.status_code}, exc.status_code,
                             getattr(exc, "headers", None))

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return HTMLResponse(DOCS_PAGE)

    mount_ui(app, settings.ui_dir or default_ui_dir())
    return app


def no_nul_characters(request: Request) -> None:
    """No text with a NUL character reaches a store (PostgreSQL refuses them in text): a 400 instead."""
    for where, values in (("path", request.path_params.values()), ("query", request.query_params.values())):
        if any("\x00" in str(v) for v in values):
            raise InputError(where, "text may not contain NUL characters")


def default_ui_dir() -> Path:
    return Path(__file__).parent / "ui"


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>factiongraph API</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/swagger/swagger-ui.css"></head>
<body><div id="swagger"></div>
<noscript>The API schema is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<script src="/ui/swagger/swagger-ui-bundle.js"></script>
<script src="/ui/swagger-init.js"></script></body></html>
"""

"""The built web UI (frontend/ -> web/ui/, git-ignored): index.html at /, assets under /ui/. Vite names the
assets after their content, so they are cached for a year; everything else is revalidated."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>factiongraph</title></head>
<body><h1>factiongraph</h1><p>The web UI is not built here: run <code>make ui</code> (needs node and npm).
The API works without it: see <a href="/docs">/docs</a>.</p></body></html>"""


class _CachedStatic(StaticFiles):
    def file_response(self, full_path, stat_result, scope, status_code=200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        hashed = "/assets/" in str(full_path).replace("\\", "/")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if hashed else "no-cache"
        return response


def mount_ui(app: FastAPI, ui_dir: Path) -> None:
    index = ui_dir / "index.html"

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        return HTMLResponse(index.read_text(encoding="utf-8"), headers={"Cache-Control": "no-cache"})

    app.mount("/ui", _CachedStatic(directory=str(ui_dir), check_dir=False), name="ui")

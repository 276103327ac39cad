"""The write side of the REST API: ingest (pasted text, an uploaded file, a URL), review, the registry. Every
route needs the server's token; every change is stored with its author and time, as the CLI stores it."""
from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import results as R
from ..app import UNSET
from ..errors import InputError, TooLargeError
from ..models import ActorType
from .core import Workbench, check_token, json_response
from .fetch import fetch

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


def bench(request: Request) -> Workbench:
    return request.app.state.bench


def write_access(request: Request) -> None:
    check_token(request, request.app.state.bench.settings)


router = APIRouter(prefix="/api", dependencies=[Depends(write_access)])


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, v: Any) -> Any:
        texts = [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)] if isinstance(v, list) else []
        if any("\x00" in t for t in texts):
            raise ValueError("text may not contain NUL characters")
        return v


Author = Field(..., min_length=1, max_length=200, description="Who makes this change (stored with it).")
Day = Field(None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")


class PastedText(Body):
    text: str = Field(..., min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=500)
    published: str | None = Day
    id: str | None = Field(None, max_length=120, description="Document id (default: from the text's hash)")


class UrlToIngest(Body):
    url: str = Field(..., min_length=1, max_length=2000)
    published: str | None = Day


class Review(Body):
    author: str = Author
    note: str | None = Field(None, max_length=2000)


class Edit(Review):
    start: str | None = Field(None, max_length=10, description="New start, or 'none' to clear it")
    end: str | None = Field(None, max_length=10, description="New end, or 'none' to clear it")
    confidence: float | None = Field(None, ge=0, le=1)
    fields: dict[str, Any] = Field(default_factory=dict, description="Attributes of a fact, fields of an event")


class Merge(Body):
    source: str = Field(..., min_length=1, max_length=200)
    target: str = Field(..., min_length=1, max_length=200)
    author: str = Author


class Split(Body):
    actor: str = Field(..., min_length=1, max_length=200)
    new_id: str = Field(..., min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")
    author: str = Author
    docs: list[str] = Field(default_factory=list, max_length=1000)
    name: str | None = Field(None, max_length=200)


class RegistryEntry(Body):
    name: str = Field(..., min_length=1, max_length=200)
    type: ActorType
    id: str | None = Field(None, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")
    country: str | None = Field(None, min_length=2, max_length=2)
    aliases: list[str] = Field(default_factory=list, max_length=200)
    author: str = Author


class Aliases(Body):
    aliases: list[str] = Field(..., min_length=1, max_length=200)
    author: str = Author


def _ingest_file(b: Workbench, name: str, data: bytes, published: str | None, **fields) -> R.IngestResult:
    """Write the bytes to a temporary file and read it as the CLI reads one: every check applies."""
    with tempfile.TemporaryDirectory(prefix="fg-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        fg = b.writer
        with b.ingest_lock:
            documents = fg.read([path], published)
            for d in documents:
                for k, v in fields.items():
                    setattr(d, k, v)
            return fg.ingest_documents(documents)


def _name(stem: str, suffix: str) -> str:
    stem = _SAFE_ID.sub("-", stem).strip("-.")[:100] or "document"
    return stem + suffix


@router.post("/ingest/text", tags=["ingest"], response_model=R.IngestResult, summary="Ingest pasted text")
def ingest_text(body: PastedText, b: Workbench = Depends(bench)):
    doc_id = body.id or "pasted-" + hashlib.sha1(body.text.encode()).hexdigest()[:12]
    fields = {"source": "pasted", **({"title": body.title} if body.title else {})}
    result = _ingest_file(b, _name(doc_id, ".txt"), body.text.encode("utf-8"), body.published, **fields)
    return json_response(result.to_dict(), 201)


@router.post("/ingest/file", tags=["ingest"], response_model=R.IngestResult,
             summary="Ingest an uploaded file (.txt, .html or a corpus .jsonl)")
def ingest_file(file: UploadFile = File(...), published: str | None = Form(None, max_length=10),
                b: Workbench = Depends(bench)):
    limit = b.settings.max_upload
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(file.filename or "upload", f"over the upload limit of {limit} bytes")
    original = Path(file.filename or "upload.txt")
    suffix = original.suffix.lower() if original.suffix.lower() in (".txt", ".html", ".htm", ".jsonl") else ".txt"
    result = _ingest_file(b, _name(original.stem, suffix), data, published)
    return json_response(result.to_dict(), 201)


@router.post("/ingest/url", tags=["ingest"], response_model=R.IngestResult,
             summary="Fetch a public web page and ingest it (http/https; private addresses refused)")
def ingest_url(body: UrlToIngest, b: Workbench = Depends(bench)):
    s = b.settings
    page = fetch(body.url, max_bytes=s.fetch_max_bytes, timeout=s.fetch_timeout, allow=s.fetch_allow)
    suffix = ".html" if page.content_type != "text/plain" else ".txt"
    name = _name("url-" + hashlib.sha1(page.url.encode()).hexdigest()[:12], suffix)
    from urllib.parse import urlsplit
    result = _ingest_file(b, name, page.text.encode("utf-8"), body.published, url=page.url,
                          source=urlsplit(page.url).hostname)
    return json_response(result.to_dict(), 201)


def _review(request: Request, b: Workbench, target: str, action: str, body: Review):
    if not target.strip():
        raise InputError("target", "name a fact (f-...) or an event (doc:id)")
    result = b.graph().review(target, action, author=body.author, note=body.note)
    return json_response(result.to_dict())


@router.post("/review/accept/{target:path}", tags=["review"], response_model=R.FactView | R.StoredEvent,
             summary="Accept a fact (f-...) or an event (doc:id)")
def accept(request: Request, target: str, body: Review, b: Workbench = Depends(bench)):
    return _review(request, b, target, "accept", body)


@router.post("/review/reject/{target:path}", tags=["review"], response_model=R.FactView | R.StoredEvent,
             summary="Reject a fact or an event: it is no longer in force, nor exported")
def reject(request: Request, target: str, body: Review, b: Workbench = Depends(bench)):
    return _review(request, b, target, "reject", body)


@router.post("/review/edit/{target:path}", tags=["review"], response_model=R.FactView | R.StoredEvent,
             summary="Edit a fact's dates, confidence or attributes, or an event's fields")
def edit(target: str, body: Edit, b: Workbench = Depends(bench)):
    sent = body.model_fields_set
    result = b.graph().edit(target, author=body.author, start=body.start if "start" in sent else UNSET,
                            end=body.end if "end" in sent else UNSET, confidence=body.confidence,
                            fields=body.fields, note=body.note)
    return json_response(result.to_dict())


@router.post("/review/merge", tags=["review"], response_model=R.ActorChange,
             summary="Declare SOURCE the same actor as TARGET")
def merge(body: Merge, b: Workbench = Depends(bench)):
    return json_response(b.graph().merge(body.source, body.target, author=body.author).to_dict())


@router.post("/review/split", tags=["review"], response_model=R.ActorChange,
             summary="Undo a merge, or split an actor's mentions in some documents off")
def split(body: Split, b: Workbench = Depends(bench)):
    result = b.graph().split(body.actor, body.new_id, author=body.author, docs=body.docs, name=body.name)
    return json_response(result.to_dict())


@router.post("/registry", tags=["registry"], response_model=R.Actor, summary="Add an actor to the user's registry")
def registry_add(body: RegistryEntry, b: Workbench = Depends(bench)):
    actor = b.graph().registry_add(body.name, body.type, author=body.author, actor_id=body.id, country=body.country,
                                   aliases=body.aliases)
    b.writer.reload_registry()
    return json_response(actor.to_dict(), 201)


@router.post("/registry/aliases/{actor}", tags=["registry"], response_model=R.Actor,
             summary="Give an actor more names")
def registry_alias(actor: str, body: Aliases, b: Workbench = Depends(bench)):
    found = b.graph().registry_alias(actor, body.aliases, author=body.author)
    b.writer.reload_registry()
    return json_response(found.to_dict())


@router.post("/registry/merge", tags=["registry"], response_model=R.ActorChange,
             summary="SOURCE is TARGET: its names become TARGET's, its facts move to TARGET")
def registry_merge(body: Merge, b: Workbench = Depends(bench)):
    src, dst = b.graph().registry_merge(body.source, body.target, author=body.author)
    b.writer.reload_registry()
    return json_response({"action": "merge", "source": src.id, "target": dst.id})


"""Pages and feeds the user names: an http(s) URL is fetched by the safe fetcher (public addresses only, every
redirect checked, size and time bounded); an RSS/Atom feed (a URL or a file) is parsed by feedparser and each
entry's page fetched in turn, entries older than `since` left out. A page that cannot be fetched is one
InputError naming the feed entry and the URL, and the next entry is read."""
from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from typing import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import FactionGraphError, InputError
from .decode import decode
from .fields import Item, check_published, clean, make_document
from .html import parse_html

if TYPE_CHECKING:
    from ..web.fetch import Fetched

# as in web/fetch.py, which is imported only when something is fetched (it pulls in the web package)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_SLUG = re.compile(r"[^A-Za-z0-9]+")
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def looks_like_feed(raw: bytes) -> bool:
    return bool(_FEED_START.match(raw[:4096]))


def url_id(url: str) -> str:
    """A readable, stable document id for a URL: host and path, with a short hash that keeps it unique."""
    parts = urlsplit(url)
    slug = _SLUG.sub("-", f"{parts.hostname or ''}{parts.path}").strip("-")[:80]
    return f"{slug}-{hashlib.sha1(url.encode('utf-8', 'replace')).hexdigest()[:8]}"


def page_document(page: "Fetched", where: str, published: str | None, *, title: str | None = None,
                  doc_id: str | None = None) -> Item:
    if page.content_type == "text/plain":
        text, page_title, page_date = decode(page.body, where), None, None
    else:
        markup = page.body.decode(page.charset, "replace") if page.charset else decode(page.body, where, markup=True)
        text, page_title, page_date = parse_html(markup)
    pub = published
    if page_date:
        try:
            pub = check_published(page_date, where) or published
        except InputError:
            pub = published
    return Item(make_document(doc_id or url_id(page.url), text, where, title=title or page_title,
                              published=pub, source=urlsplit(page.url).hostname, url=clean(page.url)), where)


def _get(url: str, options, types=TEXT_TYPES) -> "Fetched":
    from ..web.fetch import fetch
    return fetch(url, max_bytes=options.max_bytes_remote, timeout=options.timeout, allow=options.allow, types=types)


def read_url(url: str, options, published: str | None) -> Iterator[Item | FactionGraphError]:
    try:
        page = _get(url, options, TEXT_TYPES + FEED_TYPES)
        if page.content_type in FEED_TYPES or looks_like_feed(page.body):
            yield from feed_entries(page.body, url, options, published)
            return
        yield page_document(page, url, published)
    except FactionGraphError as e:
        yield e


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return check_published(date(*parsed[:3]).isoformat(), "feed")
            except (ValueError, InputError):
                return None
    return None


def feed_entries(raw: bytes, name: str, options, published: str | None) -> Iterator[Item | FactionGraphError]:
    """The page of each entry of an RSS/Atom feed, newest dates as the feed gives them."""
    import feedparser
    parsed = feedparser.parse(io.BytesIO(raw))
    if not parsed.entries:
        problem = f"not a readable feed ({parsed.get('bozo_exception')})" if parsed.get("bozo") else "feed has no entries"
        yield InputError(name, problem)
        return
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        where = f"{name} entry {n}" + (f" ({link})" if link else "")
        day = _entry_date(entry)
        if options.since and day and day < options.since:
            continue
        if not link:
            yield InputError(where, "entry has no link to a page")
            continue
        try:
            page = _get(link, options)
            yield page_document(page, where, day or published, title=entry.get("title") or None)
        except FactionGraphError as e:
            yield InputError(where, _why(e, link))


def _why(error: FactionGraphError, url: str) -> str:
    """The problem of a fetch error, without the URL it starts with (the feed entry's place names it)."""
    if isinstance(error, InputError) and error.problem is not None:
        return error.problem
    message = str(error)
    return message[len(url) + 2:] if message.startswith(f"{url}: ") else message

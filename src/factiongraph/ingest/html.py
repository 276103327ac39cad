"""Readable text, title and publication date from an HTML page, tolerant of broken markup.

The main text comes from trafilatura (a maintained boilerplate remover: navigation, ads, reader comments and
related-article lists are dropped), the date from the page's own metadata (htmldate, without guessing from the
body text). A page trafilatura finds no article in (a short fragment, a bare list) is read by the small parser
below, which keeps every block outside navigation, scripts and forms."""
from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "button", "template"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote",
          "tr", "td", "pre", "figcaption", "dd", "dt"}
_DATE_META = {"article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date",
              "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.meta_title: str | None = None
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key == "og:title" and a.get("content"):
                self.meta_title = a["content"].strip()
            elif key in _DATE_META and a.get("content") and not self.published:
                self.published = a["content"].strip()
        elif tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"].strip()
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def parse_html(markup: str) -> tuple[str, str | None, str | None]:
    """(text, title, published as given by the page or None)."""
    main = _main_text(markup)
    if main is not None and main[0].strip():
        return main
    return _blocks(markup)


def _main_text(markup: str) -> tuple[str, str | None, str | None] | None:
    import logging

    import trafilatura
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True, deduplicate=False,
                                            date_extraction_params={"extensive_search": False,
                                                                    "original_date": True})
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on is read by the fallback parser
        return None
    if found is None or not found.text:
        return None
    paragraphs = [re.sub(r"\s+", " ", line).strip() for line in found.text.split("\n")]
    return "\n\n".join(x for x in paragraphs if x), found.title or None, found.date or None


def _blocks(markup: str) -> tuple[str, str | None, str | None]:
    p = _PageParser()
    p.feed(markup)
    p.close()
    raw = "".join(p.parts)
    paragraphs = [re.sub(r"[ \t\r\f\v\n]+", " ", block).strip() for block in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(x for x in paragraphs if x)
    title = re.sub(r"\s+", " ", "".join(p.title)).strip() or p.meta_title
    return text, title or None, p.published

"""Pages and feeds by URL (ingest/remote.py), against a local HTTP server started here: a page read with its
own charset, title and date; an RSS feed whose entries' pages are fetched, one missing page reported and the
others read, `since` leaving older entries out; loopback refused unless the test-only allowlist admits it."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factiongraph.ingest import ReadOptions, iter_items

LOOPBACK = ("127.0.0.0/8", "::1/128")
ARTICLE = ("<html><head><meta charset='windows-1252'><title>Clashes near Saraqib</title>"
           "<meta property='article:published_time' content='2019-07-02'></head><body><article>"
           "<p>ALEPPO - Fighters of Liwa al-Fajr attacked positions of Ansar al-Jabal near Saraqib on Monday, a "
           "monitoring group said. The café owner said the fighting lasted until dawn.</p></article></body></html>")


def feed(base):
    items = "".join(f"<item><title>Report {n}</title><link>{base}/{path}</link><pubDate>{day}</pubDate></item>"
                    for n, path, day in ((1, "a.html", "Tue, 02 Jul 2019 10:00:00 GMT"),
                                         (2, "missing.html", "Wed, 03 Jul 2019 10:00:00 GMT"),
                                         (3, "b.html", "Fri, 01 Feb 2019 10:00:00 GMT")))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>{items}</channel></rss>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        pages = {"/a.html": ("text/html", ARTICLE.encode("cp1252")),
                 "/b.html": ("text/html; charset=utf-8", ARTICLE.replace("Saraqib", "Idlib").replace(
                     "article:published_time", "x").encode()),
                 "/feed.xml": ("application/rss+xml", feed(base).encode())}
        if self.path not in pages:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def read_all(inputs, **options):
    problems = []
    items = list(iter_items(inputs, ReadOptions(**options), on_skip=problems.append))
    return items, [str(p) for p in problems]


def test_a_page_by_url(server):
    [item], problems = read_all([f"{server}/a.html"], allow=LOOPBACK)
    doc = item.document
    assert not problems and doc.title == "Clashes near Saraqib" and doc.published == "2019-07-02"
    assert "The café owner" in doc.text and doc.url == f"{server}/a.html" and doc.source == "127.0.0.1"
    assert doc.id.startswith("127-0-0-1-a-html-") and item.where == f"{server}/a.html"


def test_a_feed_fetches_each_entry_and_reports_the_missing_one(server):
    items, problems = read_all([f"{server}/feed.xml"], allow=LOOPBACK)
    assert [i.document.title for i in items] == ["Report 1", "Report 3"]
    assert [i.document.published for i in items] == ["2019-07-02", "2019-02-01"]  # the page's, else the feed's
    assert "Idlib" in items[1].document.text
    [problem] = problems
    assert problem.startswith(f"{server}/feed.xml entry 2 ({server}/missing.html): ") and "404" in problem
    items, problems = read_all([f"{server}/feed.xml"], allow=LOOPBACK, since="2019-03")
    assert [i.document.title for i in items] == ["Report 1"] and len(problems) == 1


def test_a_feed_file_on_disk(server, tmp_path):
    p = tmp_path / "news.rss"
    p.write_text(feed(server), encoding="utf-8")
    items, problems = read_all([p], allow=LOOPBACK)
    assert [i.document.title for i in items] == ["Report 1", "Report 3"] and len(problems) == 1


@pytest.mark.parametrize("url, why", [
    ("{server}/a.html", "loopback"),
    ("http://10.1.2.3/x.html", "private"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
])
def test_private_and_loopback_addresses_refused(server, url, why):
    items, problems = read_all([url.format(server=server), f"{server}/a.html"])  # no allowlist
    assert not items and len(problems) == 2 and why in problems[0] and "loopback" in problems[1]

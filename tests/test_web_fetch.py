"""URL ingest against a local HTTP server started here: refused by default (it is on loopback), fetched when a
test-only allowlist admits loopback, and refused again for other schemes, private and metadata addresses,
redirects to them, pages over the size limit and pages too slow to arrive."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from factiongraph.errors import FetchFailed, FetchRefused, TooLargeError
from factiongraph.fixtures import fixture_db
from factiongraph.web import Settings, create_app
from factiongraph.web.fetch import check_url, fetch

PAGE = ("<html><head><title>Clashes near Saraqib</title>"
        "<meta property='article:published_time' content='2019-07-02'></head><body><article>"
        "<p>ALEPPO (Reuters) - Fighters of Liwa al-Fajr attacked positions of Ansar al-Jabal near Saraqib on "
        "Monday, a monitoring group said.</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path == "/report.html":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.path.split("to=", 1)[1])
            self.end_headers()
        elif self.path == "/big.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 300_000 + b"</p>")
        elif self.path == "/slow.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<p>slow</p>" * 10)
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/image.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG")
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOOPBACK = ("127.0.0.0/8",)


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"{server}/report.html")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"http://localhost:{port}/report.html")


@pytest.mark.parametrize("url, why", [
    ("file:///etc/passwd", "only http and https"), ("ftp://example.org/x", "only http and https"),
    ("gopher://127.0.0.1/", "only http and https"), ("http://10.0.0.8/", "private"),
    ("http://192.168.1.1/", "private"), ("http://172.16.5.4/", "private"), ("http://169.254.169.254/latest/",
                                                                             "metadata"),
    ("http://[::1]/", "loopback"), ("http://[::ffff:127.0.0.1]/", "loopback"), ("http://0.0.0.0/", "unspecified"),
    ("http://[fe80::1]/", "link-local"), ("http:///nohost", "no host"), ("http://100.64.0.1/", "non-public"),
])
def test_refused_addresses(url, why):
    with pytest.raises(FetchRefused, match=why):
        check_url(url)


def test_metadata_refused_even_when_allowed():
    with pytest.raises(FetchRefused, match="metadata"):
        check_url("http://169.254.169.254/", allow=("169.254.0.0/16",))


def test_fetch_with_the_test_allowlist(server):
    page = fetch(f"{server}/report.html", allow=LOOPBACK)
    assert page.content_type == "text/html" and "Liwa al-Fajr" in page.text


def test_redirects_are_checked_again(server):
    page = fetch(f"{server}/redirect?to={server}/report.html", allow=LOOPBACK)
    assert page.url.endswith("/report.html")
    with pytest.raises(FetchRefused, match="metadata"):
        fetch(f"{server}/redirect?to=http://169.254.169.254/latest/meta-data/", allow=LOOPBACK)
    with pytest.raises(FetchRefused, match="only http"):
        fetch(f"{server}/redirect?to=file:///etc/passwd", allow=LOOPBACK)


def test_size_time_and_type_limits(server):
    with pytest.raises(TooLargeError):
        fetch(f"{server}/big.html", allow=LOOPBACK, max_bytes=100_000)
    t = time.monotonic()
    with pytest.raises(FetchFailed, match="too long"):
        fetch(f"{server}/slow.html", allow=LOOPBACK, timeout=0.5)
    assert time.monotonic() - t < 2.5
    with pytest.raises(FetchRefused, match="image/png"):
        fetch(f"{server}/image.png", allow=LOOPBACK)
    with pytest.raises(FetchFailed, match="404"):
        fetch(f"{server}/missing.html", allow=LOOPBACK)


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_ingest_url_through_the_api(server, tmp_path):
    headers = {"Authorization": "Bearer t"}
    strict = create_app(Settings(db=fixture_db(str(tmp_path / "a.db")), token="t"))
    allowed = create_app(Settings(db=fixture_db(str(tmp_path / "b.db")), token="t", fetch_allow=LOOPBACK))
    for app in (strict, allowed):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            r = await c.post("/api/ingest/url", json={"url": f"{server}/report.html"}, headers=headers)
            if app is strict:
                assert r.status_code == 400 and "loopback" in r.json()["error"]
                assert (await c.get("/api/summary")).json()["counts"]["documents"] == 4
            else:
                assert r.status_code == 201, r.text
                doc = (await c.get(f"/api/documents/{r.json()['documents'][0]}")).json()
                assert doc["url"] == f"{server}/report.html" and doc["title"] == "Clashes near Saraqib"
                assert doc["published"] == "2019-07-02" and "Liwa al-Fajr" in doc["text"]
        app.state.bench.close()

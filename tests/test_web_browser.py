"""The workbench in headless Chromium (Debian's, driven by Playwright): every view loads without a console
error, the slider takes a departed member off the network, the map filters, a fact opens at its source span,
an accepted fact stays accepted after a reload, and markup in a report is shown as text. Screenshots of each
view go to out/screenshots/."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from factiongraph.fixtures import fixture_db
from factiongraph.store import fact_id_of
from factiongraph.web import Settings, create_app
from factiongraph.web import default_ui_dir

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
TOKEN = "browser-token"
LEFT = fact_id_of(("kataib-al-nasr", "left", "nfa"))

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (default_ui_dir() / "index.html").is_file() or not os.path.exists(CHROMIUM),
    reason="needs the built UI (make ui) and Debian's chromium (make chromium)")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn
    db = fixture_db(str(tmp_path_factory.mktemp("browser") / "fx.db"))
    app = create_app(Settings(db=db, token=TOKEN))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def wait_js(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript condition (page.wait_for_function evaluates strings, which the app's CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


VIEWS = [("network", "/#/network?as_of=2019-07-01", "#graph[data-edges]"),
         ("actor", "/#/actor/nfa", "svg.cohesion"),
         ("map", "/#/map", "#map[data-points][data-basemap]"),
         ("sources", f"/#/sources/nfa-split-2019?fact={LEFT}", "mark.focused"),
         ("review", "/#/review", ".queue-item"),
         ("ingest", "/#/ingest", "#paste"),
         ("api-docs", "/docs", ".opblock")]


@pytest.mark.parametrize("name, url, ready", VIEWS, ids=[v[0] for v in VIEWS])
def test_each_view_loads_without_console_errors(server, page, name, url, ready):
    page.goto(server + url)
    page.wait_for_selector(ready, timeout=15000)
    page.wait_for_timeout(300)
    shot(page, name)
    assert page.errors == []


def _members(page):
    return page.evaluate("""() => window.__fg.cy.edges().filter(e => e.data('predicate') === 'member_of'
                             && !e.hasClass('leaving')).map(e => e.data('source')).sort()""")


def test_slider_takes_the_departed_member_off(server, page):
    page.goto(server + "/#/network?as_of=2019-07-01")
    page.wait_for_selector("#graph[data-as-of='2019-07-01']")
    assert "kataib-al-nasr" in _members(page)
    assert page.evaluate("window.__fg.cy.getElementById('kataib-al-nasr').length") == 1
    # drag the slider forward past the departure (14 August 2019) as a user would: key presses on the range
    page.focus("#date-slider")
    for _ in range(62):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector("#graph[data-as-of='2019-09-01']:not([data-loading])", timeout=10000)
    page.wait_for_timeout(900)  # the fade-out
    assert "kataib-al-nasr" not in _members(page)
    assert page.evaluate("window.__fg.cy.getElementById('kataib-al-nasr').length") == 0
    assert page.text_content("#date-label") == "2019-09-01"
    shot(page, "network-after")
    # the play button moves the date on by itself
    page.click("#play")
    wait_js(page, "document.querySelector('#date-label').textContent > '2019-09-01'", 5)
    page.click("#play")
    assert page.errors == []


def test_canvas_drawing_shows_the_same_graph_and_picks_a_node(server, page):
    # above 3,000 edges the graph is drawn on a plain canvas; draw=canvas asks for it on the small fixture
    page.goto(server + "/#/network?as_of=2019-07-01")
    page.wait_for_selector("#graph[data-as-of='2019-07-01'][data-renderer='cy']:not([data-loading])")
    drawn_by_cy = page.get_attribute("#graph", "data-edges")
    page.goto(server + "/#/network?as_of=2019-07-01&draw=canvas")
    page.reload()
    page.wait_for_selector("#graph[data-as-of='2019-07-01'][data-renderer='canvas']:not([data-loading])")
    assert int(drawn_by_cy) > 0 and page.get_attribute("#graph", "data-edges") == drawn_by_cy
    assert page.evaluate("window.__fg.fullPaint") is not None
    x, y = page.evaluate("(() => { const p = window.__fg.flat.screenOf('kataib-al-nasr'); return [p.x, p.y]; })()")
    page.mouse.click(x, y)
    page.wait_for_selector("#side h3")
    names = page.evaluate("window.__fg.lastGraph.nodes.map((n) => n.name)")
    assert page.text_content("#side h3") in names
    assert page.locator("#side li a").count() >= 1  # its relations, each opening its fact
    shot(page, "network-canvas")
    assert page.errors == []


def shown(page, points: int) -> None:
    """The map once an answer with this many points is drawn and no later filter is still loading."""
    page.wait_for_selector(f"#map[data-points='{points}']:not([data-loading])")


def test_map_filters_by_type_and_date(server, page):
    page.goto(server + "/#/map")
    shown(page, 5)
    page.check("input[data-type='battle']")
    shown(page, 1)
    page.uncheck("input[data-type='battle']")
    shown(page, 5)
    page.fill("#map-from", "2019-09-01")
    page.fill("#map-to", "2019-09-30")
    page.click("#map-filters button[type=submit]")
    shown(page, 2)
    page.fill("#map-from", "")
    page.fill("#map-to", "")
    page.fill("#map-actor", "Ansar al-Jabal")
    page.click("#map-filters button[type=submit]")
    shown(page, 1)
    # click the one point where it is drawn (the markers are on a canvas): its event and its sources
    x, y = page.evaluate("""() => { const m = window.__fg.points.getLayers()[0];
        const p = window.__fg.map.latLngToContainerPoint(m.getLatLng());
        const r = document.getElementById('map').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.click(x, y)
    page.wait_for_selector("#map-side h3")  # the event's panel, then its sentences (a second request)
    page.wait_for_selector("#map-side blockquote.sentence mark")
    assert "Saraqib" in page.text_content("#map-side")
    assert page.errors == []


def test_a_fact_opens_at_its_source_span(server, page):
    page.goto(server + "/#/network?as_of=2019-09-01")
    page.wait_for_selector("#graph[data-edges]")
    # toggle change relations on and pick the departure edge as a click would
    page.check("input[data-predicate='left']")
    wait_js(page, f"window.__fg.cy.getElementById('{LEFT}').length === 1")
    page.evaluate(f"window.__fg.cy.getElementById('{LEFT}').emit('tap')")
    page.wait_for_selector("#side blockquote.sentence")
    quotes = page.locator("#side blockquote.sentence mark").all_text_contents()
    assert "Kataib al-Nasr left the Northern Front Alliance on 14 August 2019" in quotes
    page.click("#side blockquote.sentence footer a >> nth=0")
    page.wait_for_selector("mark.focused")
    assert page.locator("#doctext mark.focused").first.text_content() in quotes
    assert page.errors == []


def test_accepting_a_fact_persists(server, page):
    page.goto(server + "/#/review")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.fill("#author", "ana")
    page.dispatch_event("#author", "change")
    item = page.locator(f".queue-item[data-fact='{LEFT}']")
    item.wait_for()
    item.locator("button.accept").click()
    page.wait_for_selector(f".queue-item[data-fact='{LEFT}'] .status.accepted")
    page.reload()
    page.wait_for_selector(".queue-item")
    assert page.locator(f".queue-item[data-fact='{LEFT}']").count() == 0  # reviewed: out of the queue
    page.goto(server + f"/#/sources/nfa-split-2019?fact={LEFT}")
    page.wait_for_selector("#sources-side .status.accepted")
    assert "accept by ana" in page.text_content("#sources-side")
    assert page.errors == []


def test_markup_in_reports_shows_as_text(server, page):
    for url, ready in [("/#/sources/gao-arrests-2020", "#doctext"), ("/#/actor/markup-group", "svg.gantt"),
                       ("/#/network?as_of=2020-03-10", "#graph[data-edges]"), ("/#/map?actor=markup-group",
                                                                                 "#map[data-points='1']")]:
        page.goto(server + url)
        page.wait_for_selector(ready)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__fgxss") is None, url
        assert page.locator("img[src=x]").count() == 0 and page.locator("#view script").count() == 0
    page.goto(server + "/#/sources/gao-arrests-2020")
    page.wait_for_selector("#doctext")
    assert page.text_content("#doc-title") == "Arrests in Gao <script>window.__fgxss = 3</script>"
    assert "<img src=x onerror=window.__fgxss=2>" in page.text_content("#doctext")
    page.goto(server + "/#/actor/markup-group")
    page.wait_for_selector("svg.gantt")
    assert page.text_content("h2").startswith("<img src=x onerror=window.__fgxss=2>")
    shot(page, "markup-as-text")
    assert page.errors == []

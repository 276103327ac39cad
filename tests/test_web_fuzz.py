"""Schema-driven fuzzing of the API (schemathesis strategies from the app's own OpenAPI schema, run by
hypothesis): no generated request, read or write (with the token), gets a 5xx, on either backend. URL ingest
is left out: it would reach for the network."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from factiongraph.fixtures import fixture_db
from factiongraph.web import Settings, create_app

TOKEN = "fuzz-token"
EXAMPLES = {"sqlite": 30, "postgres": 12}


def _operations(schema):
    for result in schema.get_all_operations():
        op = result.ok()
        if op.path != "/api/ingest/url":
            yield op


def test_no_server_errors(store_target):
    backend = "postgres" if store_target.startswith("postgres") else "sqlite"
    app = create_app(Settings(db=fixture_db(store_target), token=TOKEN))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures, calls = [], 0
    try:
        for op in _operations(schema):
            @given(case=op.as_strategy())
            @settings(max_examples=EXAMPLES[backend], deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def fuzz(case):
                nonlocal calls
                calls += 1
                response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code} "
                                    f"{response.text[:200]}")
            fuzz()
    finally:
        app.state.bench.close()
    assert calls > 200
    assert not failures, "\n".join(failures[:10])

"""Hostile input, generated: whatever bytes or text come in, import and extract answer with a
result or one sentence, never a traceback, and a failed import leaves the database as it was."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import file_digest
from tests.helpers import invoke

CLEAN_FAILURES = {3, 4}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

html = st.builds(
    lambda title, body, junk: f"<html><head><title>{title}</title></head><body><p>{body}</p>{junk}</body>",
    st.text(max_size=40),
    st.text(max_size=300),
    st.sampled_from(["", "<script>alert(1)</script>", "<div><p>unclosed", "<!-- -->", "<table><tr><td>x"]),
)


def _check(result, db: Path, before: str | None) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 0:
        return
    assert result.exit_code in CLEAN_FAILURES, (result.exit_code, result.stderr, repr(result.exception))
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert file_digest(db) == before


@pytest.mark.slow
@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode), html.map(str.encode)))
def test_import_of_anything_is_a_result_or_one_sentence(seeded, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "claims.db"
        shutil.copy(seeded.db_path, db)
        path = Path(folder) / ("page.html" if data.lstrip().startswith(b"<") else "story.txt")
        path.write_bytes(data)
        before = file_digest(db)
        _check(invoke("import", path, "--lang", "es", "--db", db), db, before)


@pytest.mark.slow
@SETTINGS
@given(text=st.text(max_size=1500))
def test_extract_of_any_text_keeps_spans_inside_the_text(text: str):
    result = invoke("extract", "-", "--json", "--lang", "es", input=text.encode("utf-8", "surrogatepass"))
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.exit_code in CLEAN_FAILURES, result.stderr
        return
    import json

    for claim in json.loads(result.stdout):
        assert 0 <= claim["start"] <= claim["end"] <= len(text)


@pytest.mark.slow
@SETTINGS
@given(query=st.text(max_size=200))
def test_search_and_match_take_any_query(seeded, query: str):
    for command in (("search", query), ("match", query, "--json")):
        result = invoke(*command, "--db", seeded.db_path)
        assert "Traceback" not in result.stderr
        assert result.exit_code in {0, 2, *CLEAN_FAILURES}, (command, result.stderr, repr(result.exception))

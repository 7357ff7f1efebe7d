"""Long work says how far it got, on stderr, so stdout stays what a script reads."""

from __future__ import annotations

from tests.helpers import invoke
from workbench.service import Workbench


def test_dedupe_reports_its_progress_on_stderr_only(seeded: Workbench) -> None:
    result = invoke("dedupe", "--json", "--db", str(seeded.db_path))
    assert result.exit_code == 0, result.output
    assert "Compared " in result.stderr and " pairs, " in result.stderr
    assert "Compared" not in result.stdout  # stdout stays the JSON a script reads

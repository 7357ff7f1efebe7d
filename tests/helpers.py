"""Helpers shared by the CLI, export and store tests (fixtures live in conftest.py)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner, Result

import workbench
from workbench.cli import cli

SCHEMA_PATH = Path(workbench.__file__).resolve().parent / "schemas" / "export.schema.json"

# A short Spanish article with a few checkable sentences; quick to extract.
SHORT_ARTICLE = (
    "Corea del Norte disparó dos misiles balísticos hacia el Mar del Este el miércoles.\n\n"
    "Según el Estado Mayor Conjunto de Seúl, el lanzamiento se produjo mientras Kim Jong-un visitaba Rusia.\n\n"
    "Putin dijo que Rusia ayudará a Corea del Norte a construir satélites."
)


def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `workbench ARGS...` in-process; stdout and stderr are kept apart (click >= 8.2)."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)


def assert_ok(result: Result) -> None:
    assert result.exception is None, result.stderr or repr(result.exception)
    assert result.exit_code == 0, result.stderr


def assert_clean_failure(result: Result, exit_code: int) -> str:
    """A refused command: the given exit code and one `Error: ...` sentence on stderr, no traceback."""
    seen = f"exit {result.exit_code}, stdout {result.stdout[:300]!r}, stderr {result.stderr!r}"
    assert not (result.exception and not isinstance(result.exception, SystemExit)), repr(result.exception)
    assert "Traceback" not in result.stderr + result.stdout, seen
    assert result.exit_code == exit_code, seen
    lines = result.stderr.splitlines()
    assert len(lines) == 1, seen
    assert lines[0].startswith("Error: ") and lines[0].endswith("."), seen
    return lines[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@cache
def export_schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate_export(document: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when a document breaks the export contract."""
    jsonschema.Draft202012Validator(export_schema()).validate(document)


def export_json(db: Path, *extra: str) -> dict[str, Any]:
    result = invoke("export", "--format", "json", "--db", db, *extra)
    assert_ok(result)
    return json.loads(result.stdout)


def spanned_claims(text: str, language: str, published: str) -> list[Any]:
    """The claims extraction finds in `text` (ClaimDrafts), each checked to still index the text
    by its span, as the extraction tests of each round want."""
    from workbench.nlp.extract import extract_claims

    found = extract_claims(text, language, published)
    for claim in found:
        assert claim.text.endswith(text[claim.start : claim.end]), claim  # spans still index the text
    return found

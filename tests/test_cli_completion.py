"""Shell completion offers the values an option takes, as a reviewer types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from workbench.cli import cli
from workbench.service import Workbench


def offered(*words: str) -> list[str]:
    """What `workbench WORDS<TAB>` offers: the last word is the one being typed."""
    *args, incomplete = words
    return [
        item.value
        for item in ShellComplete(cli, {}, "workbench", "_WORKBENCH_COMPLETE").get_completions(args, incomplete)
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("export", "--format", ""), ["json", "md", "html", "csv", "claimreview"]),
        (("export", "--format", "c"), ["csv", "claimreview"]),
        (("import", "--format", "claims"), ["claims-csv"]),
        (("claims", "--status", "CH"), ["checked"]),
        (("claims", "--kind", "pre"), ["prediction"]),
        (("import", "--lang", ""), ["auto", "es", "en"]),
        (("match", "--lang", "e"), ["es", "en"]),
        (("link", "confirm", "1", "2", "--as", "near"), ["near-miss"]),
        (("source", "add", "1", "https://x.example", "--stance", "re"), ["refutes"]),
        (("verdict", "3", "enga"), ["Engañoso"]),
        (("claims", "--rating", "mostly"), ["Mostly true", "Mostly false"]),
    ],
)
def test_option_values_are_offered(words: tuple[str, ...], expected: list[str]) -> None:
    assert offered(*words) == expected


def test_entities_come_from_the_database_named(
    seeded: Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./claims.db here: without --db nothing is offered, and none is created
    assert offered("claims", "--entity", "") == []
    assert not (tmp_path / "claims.db").exists()
    names = offered("claims", "--db", str(seeded.db_path), "--entity", "vlad")
    assert names and all(name.lower().startswith("vlad") for name in names)


def test_the_group_level_db_is_the_one_read(seeded: Workbench) -> None:
    assert offered("--db", str(seeded.db_path), "claims", "--entity", "vlad")

"""The command line contract: help for every command, clean refusals that leave the database alone."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import click
import pytest

from tests.conftest import SEEDS, file_digest
from tests.helpers import SHORT_ARTICLE, assert_clean_failure, assert_ok, export_json, invoke, write
from workbench.cli import cli
from workbench.errors import InvalidInput, NotFound, StoreUnavailable
from workbench.service import Workbench
from workbench.text import strip_controls

NOT_FOUND, INVALID, UNAVAILABLE = NotFound.exit_code, InvalidInput.exit_code, StoreUnavailable.exit_code

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
NAV_ONLY_PAGE = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Portada | Diario</title></head>
<body><nav><ul><li><a href="/">Inicio</a></li><li><a href="/internacional">Internacional</a></li>
<li><a href="/deportes">Deportes</a></li></ul></nav>
<div class="cookies">Usamos cookies. <button>Aceptar</button></div>
<footer><p>© 2023 Diario</p></footer></body></html>"""
SCRIPT_ONLY_PAGE = """<!doctype html><html><head><title>Cargando</title><script src="app.js"></script></head>
<body><div id="root"></div><script>render()</script></body></html>"""
LATIN1_ARTICLE = (
    "El líder norcoreano llegó al cosmódromo de Vostochni el miércoles. "
    "Según el Estado Mayor Conjunto de Seúl, Corea del Norte disparó un misil balístico."
)


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the CLI, as the words that invoke it."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


@pytest.fixture
def seeded_db(seeded: Workbench) -> Path:
    """A private copy of the seeded database (both seed articles, real model)."""
    return seeded.db_path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write(tmp_path / "inputs" / "story.txt", SHORT_ARTICLE)


def refuse(db: Path, *args: str, code: int) -> str:
    """Run a command that must fail with `code`, and prove the database file did not change."""
    before = file_digest(db)
    message = assert_clean_failure(invoke(*args, "--db", db), code)
    assert file_digest(db) == before
    return message


# -- help ------------------------------------------------------------------------------


def test_top_level_help() -> None:
    result = invoke("--help")
    assert_ok(result)
    assert "Usage:" in result.stdout
    for name in cli.commands:
        assert name in result.stdout


def test_the_contract_commands_exist() -> None:
    assert {
        ("import",),
        ("extract",),
        ("claims",),
        ("export",),
        ("source", "add"),
        ("verdict",),
        ("search",),
        ("backup",),
        ("tui",),
    } <= set(command_paths())


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert_ok(result)
    assert result.stdout.startswith("Usage:")
    command = cli
    for name in path:
        command = command.commands[name]
    summary = command.get_short_help_str(limit=200)
    assert len(summary) > 10 and summary.rstrip(".") in " ".join(result.stdout.split())
    if not isinstance(command, click.Group):
        assert "Example:" in result.stdout


# -- import: inputs that are refused -----------------------------------------------------

BAD_ARTICLES = [
    pytest.param(None, NOT_FOUND, id="missing-path"),
    pytest.param(b"", INVALID, id="empty"),
    pytest.param(b"  \n\t \r\n  ", INVALID, id="whitespace-only"),
    pytest.param(b"Corea\x00del\x00Norte\x00" * 50, INVALID, id="binary-nul"),
    pytest.param(PNG, INVALID, id="png"),
    pytest.param(SCRIPT_ONLY_PAGE.encode(), INVALID, id="html-script-shell"),
    pytest.param(NAV_ONLY_PAGE.encode(), INVALID, id="html-navigation-only"),
    pytest.param(b"misil " * (1024 * 1024 + 10), INVALID, id="over-limit-6MB"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("content", "code"), BAD_ARTICLES)
def test_import_refuses(seeded_db: Path, tmp_path: Path, content: bytes | None, code: int) -> None:
    suffix = ".html" if content and content.lstrip().startswith(b"<") else ".txt"
    path = tmp_path / f"input{suffix}"
    if content is not None:
        write(path, content)
    refuse(seeded_db, "import", path, code=code)


@pytest.mark.slow
def test_import_refuses_a_bad_date(seeded_db: Path, article: Path) -> None:
    refuse(seeded_db, "import", article, "--published", "2023-13-45", code=INVALID)


@pytest.mark.slow
def test_import_refuses_an_unknown_language(seeded_db: Path, article: Path) -> None:
    refuse(seeded_db, "import", article, "--lang", "fr", code=INVALID)


@pytest.mark.slow
@pytest.mark.parametrize(
    "second",
    [pytest.param(b"", id="empty"), pytest.param(PNG, id="binary"), pytest.param(b"Hola.", id="no-claims")],
)
def test_one_bad_file_imports_nothing(seeded_db: Path, article: Path, tmp_path: Path, second: bytes) -> None:
    bad = write(tmp_path / "second.txt", second)
    refuse(seeded_db, "import", article, bad, code=INVALID)


@pytest.mark.slow
def test_two_copies_of_a_new_article_import_once(seeded_db: Path, article: Path, tmp_path: Path) -> None:
    copy = write(tmp_path / "copy.txt", article.read_bytes())
    articles_before = len(Workbench(seeded_db).articles())
    result = invoke("import", article, copy, "--lang", "es", "--db", seeded_db)
    assert_ok(result)
    first, second = result.stdout.splitlines()
    article_id = articles_before + 1
    assert first.startswith(f"Imported article {article_id}:")
    assert second.startswith(f"Already imported as article {article_id}:")
    assert len(Workbench(seeded_db).articles()) == article_id


# -- import: inputs that are accepted -------------------------------------------------------


@pytest.mark.slow
def test_latin1_text_is_decoded(seeded_db: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", LATIN1_ARTICLE.encode("latin-1"))
    result = invoke("import", path, "--lang", "es", "--db", seeded_db)
    assert_ok(result)
    article_id = int(result.stdout.split()[2].rstrip(":"))
    text = Workbench(seeded_db).article_text(article_id)
    assert text == LATIN1_ARTICLE
    assert "cosmódromo" in text and "Seúl" in text


@pytest.mark.slow
def test_import_reads_standard_input(db_path: Path) -> None:
    result = invoke("import", "-", "--lang", "es", "--title", "Misiles", "--db", db_path, input=SHORT_ARTICLE)
    assert_ok(result)
    assert result.stdout.startswith("Imported article 1: Misiles (")
    assert Workbench(db_path).article_text(1) == SHORT_ARTICLE


# -- reading and reviewing: ids, ratings, stances, urls -------------------------------------

REFUSED_COMMANDS = [
    pytest.param(("claims", "--article", "999"), NOT_FOUND, id="claims-unknown-article"),
    pytest.param(("export", "--article", "999"), NOT_FOUND, id="export-unknown-article"),
    pytest.param(("verdict", "999", "True"), NOT_FOUND, id="verdict-unknown-claim"),
    pytest.param(("source", "add", "999", "https://x.org"), NOT_FOUND, id="source-unknown-claim"),
    pytest.param(("verdict", "1", "Maybe"), INVALID, id="rating-outside-scale"),
    pytest.param(("source", "add", "1", "https://x.org", "--stance", "agrees"), INVALID, id="unknown-stance"),
    pytest.param(("source", "add", "1", "notaurl"), INVALID, id="url-no-scheme"),
    pytest.param(("source", "add", "1", "ftp://x"), INVALID, id="url-ftp"),
    pytest.param(("source", "add", "1", "javascript:alert(1)"), INVALID, id="url-javascript"),
    pytest.param(("search", "  "), INVALID, id="search-empty"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "code"), REFUSED_COMMANDS)
def test_command_refuses(seeded_db: Path, args: tuple[str, ...], code: int) -> None:
    refuse(seeded_db, *args, code=code)


@pytest.mark.slow
def test_search_of_a_lone_quote_is_not_a_database_error(seeded_db: Path) -> None:
    result = invoke("search", '"', "--db", seeded_db)
    assert result.exit_code in (0, INVALID), result.stderr
    assert "database" not in result.stderr


@pytest.mark.slow
def test_rating_ignores_case(seeded_db: Path) -> None:
    result = invoke("verdict", "1", "mostly TRUE", "--reviewer", "ana", "--db", seeded_db)
    assert_ok(result)
    assert result.stdout.startswith("Claim 1: Mostly true (by ana at ")
    [verdict] = Workbench(seeded_db).verdict_history(1)
    assert (verdict["rating"], verdict["reviewer"]) == ("Mostly true", "ana")


@pytest.mark.slow
def test_source_add_stores_the_stance(seeded_db: Path) -> None:
    result = invoke("source", "add", "1", "https://www.jcs.mil.kr/", "--stance", "supports", "--db", seeded_db)
    assert_ok(result)
    [source] = Workbench(seeded_db).sources(1)
    assert (source["url"], source["stance"]) == ("https://www.jcs.mil.kr/", "supports")


# -- the --db option -----------------------------------------------------------------------


def test_db_in_a_missing_folder(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "missing" / "claims.db"
    assert_clean_failure(invoke("import", article, "--db", db), UNAVAILABLE)
    assert not db.parent.exists()


def test_db_that_is_a_folder(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert_clean_failure(invoke("import", article, "--db", folder), UNAVAILABLE)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", [("import", "ARTICLE"), ("claims",), ("verdict", "1", "True")], ids=" ".join)
def test_db_that_is_a_text_file_stays_byte_identical(article: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    notes = write(tmp_path / "notes.txt", "Not a database, just my notes.\n")
    before = notes.read_bytes()
    args = [str(article) if word == "ARTICLE" else word for word in command]
    assert_clean_failure(invoke(*args, "--db", notes), UNAVAILABLE)
    assert notes.read_bytes() == before


def test_db_of_another_program_is_left_alone(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.close()
    before = file_digest(other)
    assert_clean_failure(invoke("import", article, "--db", other), UNAVAILABLE)
    assert file_digest(other) == before


@pytest.mark.parametrize(
    "command", [("claims",), ("export",), ("search", "misil"), ("verdict", "1", "True")], ids=" ".join
)
def test_reading_a_missing_db_does_not_create_it(db_path: Path, command: tuple[str, ...]) -> None:
    assert_clean_failure(invoke(*command, "--db", db_path), NOT_FOUND)
    assert list(db_path.parent.iterdir()) == []


def test_default_db_is_not_created_by_a_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    assert_clean_failure(invoke("claims"), NOT_FOUND)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_db_from_the_environment(seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("claims", "--article", "1", env={"WORKBENCH_DB": str(seeded_db)})
    assert_ok(result)
    assert len(result.stdout.splitlines()) == len(Workbench(seeded_db).claims(1))


# -- extract ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_extract_lines_prints_one_json_line_per_input_line() -> None:
    lines = [
        "Corea del Norte disparó dos misiles balísticos el miércoles.",
        "",
        "Putin dijo que Rusia ayudará a Corea del Norte a construir satélites.",
    ]
    result = invoke("extract", "-", "--lines", "--lang", "es", input="\n".join(lines) + "\n")
    assert_ok(result)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(lines)
    for line, output in zip(lines, outputs):
        assert set(output) == {"claims"}
        assert bool(output["claims"]) == bool(line)
        for claim in output["claims"]:
            assert line[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.slow
def test_extract_lines_splits_only_at_newlines() -> None:
    """U+2028 and U+0085 end a line for str.splitlines(), but not for a file of lines."""
    lines = [
        "Corea del Norte disparó dos misiles\u2028hacia el Mar del Este el miércoles.",
        "Putin dijo que Rusia ayudará\u0085a Corea del Norte a construir satélites.",
    ]
    result = invoke("extract", "-", "--lines", "--lang", "es", input="\r\n".join(lines) + "\r\n")
    assert_ok(result)
    outputs = result.stdout.splitlines()
    assert len(outputs) == len(lines)
    for line, output in zip(lines, outputs):
        read = strip_controls(line)  # U+0085 is read as the Windows-1252 ellipsis it usually is
        assert all(read[c["start"] : c["end"]] == c["text"] for c in json.loads(output)["claims"])


@pytest.mark.slow
def test_extract_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("extract", "-", "--json", "--lang", "es", input=SHORT_ARTICLE)
    assert_ok(result)
    claims = json.loads(result.stdout)
    assert claims and all(SHORT_ARTICLE[c["start"] : c["end"]] == c["text"] for c in claims)
    assert list(tmp_path.iterdir()) == []


def test_extract_refuses_empty_input() -> None:
    assert_clean_failure(invoke("extract", "-", input=""), INVALID)


# -- backup ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_backup_copies_the_database(seeded_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    assert_ok(invoke("backup", target, "--db", seeded_db))
    assert Workbench(target).claims() == Workbench(seeded_db).claims()


@pytest.mark.slow
def test_backup_never_overwrites(seeded_db: Path, tmp_path: Path) -> None:
    target = shutil.copy(seeded_db, tmp_path / "old-backup.db")
    before = file_digest(target)
    refuse(seeded_db, "backup", target, code=INVALID)
    assert file_digest(target) == before


def test_the_reviewer_comes_from_the_settings_file_unless_the_environment_names_one(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKBENCH_REVIEWER", raising=False)
    settings = write(tmp_path / "settings.toml", 'reviewer = "carla"\n')
    assert_ok(invoke("verdict", "1", "True", "--db", seeded_db, env={"WORKBENCH_SETTINGS": str(settings)}))
    assert_ok(
        invoke(
            "verdict",
            "1",
            "False",
            "--db",
            seeded_db,
            env={"WORKBENCH_SETTINGS": str(settings), "WORKBENCH_REVIEWER": "dmitri"},
        )
    )
    reviewers = [v["reviewer"] for v in Workbench(seeded_db).verdict_history(1)]
    assert reviewers == ["carla", "dmitri"]
    bad = write(tmp_path / "bad.toml", "reviewer = 3\n")
    assert_clean_failure(invoke("claims", "--db", seeded_db, env={"WORKBENCH_SETTINGS": str(bad)}), 4)


@pytest.mark.slow
def test_seed_imports_the_manifest_with_its_dates_and_import_refuses_the_manifest(tmp_path: Path):
    db = tmp_path / "claims.db"
    refused = invoke("import", *sorted(SEEDS.iterdir()), "--db", db)
    assert "is JSON, not an article" in assert_clean_failure(refused, 4)
    assert not db.exists()
    first = invoke("seed", "--db", db)
    assert_ok(first)
    assert first.stdout.count("Imported article") == 2
    published = {a["title"]: a["published"] for a in export_json(db)["articles"]}
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    assert published == {entry["title"]: entry["published"] for entry in manifest["articles"]}
    again = invoke("seed", "--db", db)
    assert_ok(again)
    assert again.stdout.count("Already imported as article") == 2
    assert_clean_failure(invoke("seed", tmp_path, "--db", db), 3)


FRENCH = (
    "La Corée du Nord a tiré mercredi deux missiles balistiques vers la mer de l'Est, "
    "a annoncé l'état-major sud-coréen, alors que Kim Jong-un se trouvait en Russie."
)
PORTUGUESE = (
    "A Coreia do Norte disparou nesta quarta-feira dois mísseis balísticos em direção ao mar do Leste, "
    "informou o Estado-Maior sul-coreano, enquanto Kim Jong-un estava na Rússia."
)


@pytest.mark.parametrize(("text", "name"), [(FRENCH, "French"), (PORTUGUESE, "Portuguese")])
def test_an_article_in_another_language_is_refused_not_read_as_spanish(tmp_path: Path, text: str, name: str):
    db = tmp_path / "claims.db"
    message = assert_clean_failure(invoke("import", write(tmp_path / "story.txt", text), "--db", db), 4)
    assert f"reads as {name}" in message and "--lang es" in message
    assert not db.exists()


def test_auto_tells_spanish_from_english(tmp_path: Path):
    from workbench.nlp.language import detect_article_language

    assert detect_article_language(SHORT_ARTICLE) == "es"
    assert detect_article_language("North Korea fired two ballistic missiles on Wednesday, Seoul said.") == "en"


@pytest.mark.slow
def test_scripts_get_json_from_import_search_and_history(tmp_path: Path):
    db = tmp_path / "claims.db"
    imported = invoke("import", write(tmp_path / "a.txt", SHORT_ARTICLE), "--lang", "es", "--json", "--db", db)
    assert_ok(imported)
    [line] = [json.loads(line) for line in imported.stdout.splitlines()]
    assert line["created"] is True and line["article"] == 1 and line["claims"] >= 2
    archive = write(tmp_path / "a.csv", "text\nCorea del Norte disparó dos misiles balísticos el miércoles.\n")
    [row] = [
        json.loads(x)
        for x in invoke("import", "--format", "claims-csv", archive, "--json", "--db", db).stdout.splitlines()
    ]
    assert row["article"] == 2 and row["claims"] == 1
    hits = json.loads(invoke("search", "misiles", "--json", "--db", db).stdout)
    assert hits and {"kind", "id", "article_id", "text"} <= set(hits[0])
    assert_ok(invoke("verdict", "1", "falso", "--db", db))
    history = json.loads(invoke("history", "1", "--json", "--db", db).stdout)
    assert any(isinstance(row["after"], dict) and row["after"].get("rating") == "False" for row in history)


@pytest.mark.slow
def test_verdict_and_source_speak_json_for_scripts(seeded):
    db = seeded.db_path
    verdict = invoke("verdict", "1", "falso", "--rationale", "Seúl habla de un misil.", "--json", "--db", db)
    assert_ok(verdict)
    assert json.loads(verdict.stdout) | {"at": None} == {
        "claim": 1,
        "rating": "False",
        "rationale": "Seúl habla de un misil.",
        "reviewer": json.loads(verdict.stdout)["reviewer"],
        "at": None,
    }
    added = json.loads(invoke("source", "add", "1", "https://www.jcs.mil.kr/", "--json", "--db", db).stdout)
    assert added["claim"] == 1 and added["action"] == "source" and isinstance(added["attachment"], int)
    edited = invoke("source", "edit", str(added["attachment"]), "--stance", "refutes", "--json", "--db", db)
    assert json.loads(edited.stdout)["attachment"] == added["attachment"]
    removed = json.loads(invoke("source", "remove", str(added["attachment"]), "--json", "--db", db).stdout)
    assert removed["action"] == "remove_source"

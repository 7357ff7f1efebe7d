"""Hostile input a tester reported (issue 15), one row each: the command is refused with its exit
code and one sentence, no traceback, and the database is byte for byte as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE, file_digest
from tests.helpers import assert_clean_failure, assert_ok, invoke, write
from workbench.service import Workbench
from workbench.text import printable, strip_controls

Case = Callable[[Path], list[str]]
"""Given a scratch folder, the arguments of one command (without --db)."""


def fifo(folder: Path) -> Path:
    path = folder / "pipe"
    os.mkfifo(path)
    return path


def reviews(folder: Path, *changes: dict) -> Path:
    """A ClaimReview file with one review per change (each a review with those fields replaced)."""
    return write(folder / "reviews.json", json.dumps([claimreview(**change) for change in changes]))


REFUSED: dict[str, tuple[Case, int]] = {
    "export onto a FIFO": (lambda f: ["export", "--format", "json", "--out", fifo(f), "--force"], 4),
    "export onto a device": (lambda f: ["export", "--format", "json", "--out", "/dev/null", "--force"], 4),
    "import of a FIFO with no writer": (lambda f: ["import", fifo(f)], 4),
    "import of /dev/zero": (lambda f: ["import", "/dev/zero"], 4),
    "claims CSV from /dev/zero": (lambda f: ["import", "--format", "claims-csv", "/dev/zero"], 4),
    "extract of /dev/zero": (lambda f: ["extract", "/dev/zero"], 4),
    "a javascript: article url": (lambda f: ["import", SEED_ARTICLE, "--url", "javascript:alert(1)"], 4),
    "a file: article url": (lambda f: ["import", SEED_ARTICLE, "--url", "file:///etc/passwd"], 4),
    "a source url with a newline": (lambda f: ["source", "add", "1", "https://example.org/a\nb"], 4),
    "a source url with a tab": (lambda f: ["source", "add", "1", "https://example.org/a\tb"], 4),
    "a source url of 100,000 characters": (lambda f: ["source", "add", "1", "https://example.org/" + "a" * 100_000], 4),
    "a verdict on an id beyond 64 bits": (lambda f: ["verdict", "99999999999999999999", "falso"], 2),
    "the history of an id beyond 64 bits": (lambda f: ["history", "99999999999999999999"], 2),
    "claims of an article beyond 64 bits": (lambda f: ["claims", "--article", "99999999999999999999"], 2),
    "a queue limit beyond 64 bits": (lambda f: ["claims", "--queue", "--limit", "99999999999999999999"], 2),
    "a publication date without dashes": (lambda f: ["import", SEED_ARTICLE, "--published", "20230913"], 4),
    "a publication date as a week day": (lambda f: ["import", SEED_ARTICLE, "--published", "2023-W37-3"], 4),
    "ClaimReview whose claimReviewed is a number": (
        lambda f: ["import", "--format", "claimreview", reviews(f, {"claimReviewed": 12345})],
        4,
    ),
    "ClaimReview whose claimReviewed is a list": (
        lambda f: ["import", "--format", "claimreview", reviews(f, {"claimReviewed": ["Uno dos tres.", "Cuatro."]})],
        4,
    ),
    "match - of binary bytes": (lambda f: ["match", "-"], 4),
    "match - of a line longer than a claim": (lambda f: ["match", "-"], 4),
}
STDIN = {"match - of binary bytes": b"\x00\xff\xfe" * 100, "match - of a line longer than a claim": b"palabra " * 2000}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_in_one_sentence_with_the_database_unchanged(name: str, seeded: Workbench, tmp_path: Path):
    make, exit_code = REFUSED[name]
    before = file_digest(seeded.db_path)
    result = invoke("--db", seeded.db_path, *make(tmp_path), input=STDIN.get(name))
    if exit_code == 2:  # click's usage errors: a usage line, then the one sentence
        assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
    else:
        assert_clean_failure(result, exit_code)
    assert file_digest(seeded.db_path) == before
    assert Path("/dev/null").is_char_device()


def test_stored_text_never_drives_the_terminal(seeded: Workbench, tmp_path: Path):
    archive = write(tmp_path / "a.csv", 'text\n"Corea del Norte lanzó \x1b[31mdos misiles\x07 hacia el mar."\n')
    assert_ok(invoke("import", "--format", "claims-csv", archive, "--db", seeded.db_path))
    stored = [c.text for c in seeded.claims() if "dos misiles hacia" in c.text]
    assert stored == ["Corea del Norte lanzó [31mdos misiles hacia el mar."]  # ESC and BEL never stored
    for command in (["claims"], ["claims", "--queue"], ["match", "Corea del Norte lanzó dos misiles"]):
        result = invoke(*command, "--db", seeded.db_path)
        assert_ok(result)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_controls_are_spelled_out_on_screen_and_dropped_from_the_store():
    assert printable("a\x1b[31mb\x07c\u2028d\te\nf") == "a\\x1b[31mb\\x07c\\x2028d\te\nf"
    # C1 controls are read as the Windows-1252 punctuation they almost always are.
    assert strip_controls("\x93Hola\x94 dijo\x85 \x00\x1b\x81fin") == "“Hola” dijo… fin"


def test_utf16_articles_are_read_not_refused_as_binary(seeded: Workbench, tmp_path: Path):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for encoding, name in (("utf-16", "bom.txt"), ("utf-16-le", "le.txt")):
        path = write(tmp_path / name, text.encode(encoding))
        result = invoke("import", path, "--lang", "es", "--published", "2023-09-13", "--db", seeded.db_path)
        assert_ok(result)
        assert "Already imported" in result.stdout  # the same text as the seed, so the same article


def test_a_nul_after_the_first_kilobytes_is_refused_not_stored(seeded: Workbench, tmp_path: Path):
    path = write(tmp_path / "late-nul.txt", ("Corea del Norte lanzó dos misiles. " * 400 + "\x00 fin.").encode())
    before = file_digest(seeded.db_path)
    assert_clean_failure(invoke("import", path, "--db", seeded.db_path), 4)
    assert file_digest(seeded.db_path) == before


def test_claimreview_export_cannot_break_out_of_its_script_tag(seeded: Workbench):
    claim = seeded.claims()[0]
    seeded.add_verdict(claim.id, "Falso", "</script><script>alert(1)</script> & <!--")
    settings = write(seeded.db_path.parent / "publisher.toml", '[organization]\nurl = "https://checks.example"\n')
    result = invoke(
        "export", "--format", "claimreview", "--db", seeded.db_path, env={"WORKBENCH_SETTINGS": str(settings)}
    )
    assert_ok(result)
    page = f'<html><script type="application/ld+json">{result.stdout}</script></html>'
    body = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    reviews = json.loads(body)  # the whole output is still inside the one tag
    assert reviews[0]["reviewBody"] == "</script><script>alert(1)</script> & <!--"


def test_an_export_the_disk_refuses_is_one_sentence(seeded: Workbench):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(seeded.db_path), "export", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 4, done.stderr
    assert done.stderr.splitlines() == ["Error: Cannot write the output: No space left on device."]


def claimreview(rating: dict | None = None, **extra: object) -> dict:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Corea del Norte lanzó dos misiles.",
    }
    if rating is not None:
        review["reviewRating"] = rating
    return review | extra


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


CLAIMREVIEW_REFUSED: dict[str, str] = {
    "JSON nested 5,000 levels": nested(5000),
    "a node whose @id refers to itself": json.dumps(
        [claimreview(itemReviewed={"@id": "#a"}), {"@id": "#a", "author": {"@id": "#a"}, "name": {"@id": "#a"}}]
    ),
    "a number of 5,000 digits": '[{"claimReviewed": "x", "reviewRating": {"ratingValue": ' + "9" * 5000 + "}}]",
}


@pytest.mark.parametrize("name", sorted(CLAIMREVIEW_REFUSED))
def test_claimreview_that_cannot_be_read_is_one_sentence(name: str, seeded: Workbench, tmp_path: Path):
    path = write(tmp_path / "reviews.json", CLAIMREVIEW_REFUSED[name])
    before = file_digest(seeded.db_path)
    result = invoke("import", "--format", "claimreview", path, "--db", seeded.db_path)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:  # read, with the cycle cut: then something sensible was stored
        assert name == "a node whose @id refers to itself"
    else:
        assert_clean_failure(result, 4)
        assert file_digest(seeded.db_path) == before


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e309", "-7"])
def test_ratings_that_are_no_number_on_their_scale_give_no_verdict(value: str, seeded: Workbench, tmp_path: Path):
    text = json.dumps([claimreview({"ratingValue": 0, "bestRating": 5, "worstRating": 1})]).replace(
        '"ratingValue": 0', f'"ratingValue": {value}'
    )
    result = invoke("import", "--format", "claimreview", write(tmp_path / "r.json", text), "--db", seeded.db_path)
    assert_ok(result)
    assert "kept without a verdict" in result.stderr
    [claim] = [c for c in seeded.claims() if c.text == "Corea del Norte lanzó dos misiles."]
    assert seeded.verdict_history(claim.id) == []


def test_an_id_that_is_not_a_string_is_no_reference(seeded: Workbench, tmp_path: Path):
    text = json.dumps([claimreview({"@id": ["x"]}, itemReviewed={"@id": ["x"]})])
    result = invoke("import", "--format", "claimreview", write(tmp_path / "r.json", text), "--db", seeded.db_path)
    assert "Traceback" not in result.stderr and result.exit_code == 0, result.stderr


def test_a_database_of_a_newer_workbench_is_refused_untouched(seeded: Workbench):
    import sqlite3

    with sqlite3.connect(seeded.db_path) as connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('workbench', 'm999_future', 'x')"
        )
    connection.close()
    before = file_digest(seeded.db_path)
    message = assert_clean_failure(invoke("claims", "--db", seeded.db_path), 6)
    assert "newer workbench" in message
    assert file_digest(seeded.db_path) == before


def test_a_database_path_that_is_a_fifo_is_refused_at_once(tmp_path: Path):
    assert_clean_failure(invoke("claims", "--db", fifo(tmp_path)), 6)


def test_claims_csv_problems_are_placed_counted_and_never_silent(seeded: Workbench, tmp_path: Path):
    repeated = write(tmp_path / "twice.csv", "text,text,rating\nuno dos tres,cuatro cinco seis,Falso\n")
    assert "twice" in assert_clean_failure(
        invoke("import", "--format", "claims-csv", repeated, "--db", seeded.db_path), 4
    )
    rows = "text,claimant\n" + ",\n" * 50 + '"Corea del Norte lanzó un misil,\nPutin recibió a Kim en Rusia.\n'
    result = invoke("import", "--format", "claims-csv", write(tmp_path / "a.csv", rows), "--db", seeded.db_path)
    assert_ok(result)
    warnings = result.stderr.splitlines()
    assert warnings[:3] == [f"Warning: {tmp_path / 'a.csv'}, line {n}: no text." for n in (2, 3, 4)]
    assert f"Warning: {tmp_path / 'a.csv'}, and 47 more rows: no text." in warnings
    assert any("line 52: the row runs on to line 53 (an unclosed quote?)" in w for w in warnings)


# -- valid or half-valid input, read right (issue 15) -----------------------------------------

UTF8_PART = "Corea del Norte lanzó dos misiles balísticos hacia el mar de Japón, según Tokio."
LATIN1_PART = "El año pasado, el régimen disparó más de setenta misiles, informó Seúl el miércoles."


def mixed_encoding_article(folder: Path) -> Path:
    """A UTF-8 paragraph, then a Latin-1 one: a file pasted together from two sources."""
    return write(folder / "mixed.txt", UTF8_PART.encode() + b"\n\n" + LATIN1_PART.encode("latin-1") + b"\n")


def deeply_nested_page(folder: Path, depth: int = 300) -> Path:
    body = "".join(f"<p>{sentence}</p>" for sentence in (UTF8_PART, LATIN1_PART) * 3)
    page = f"<html><head><title>Misiles</title></head><body>{'<div>' * depth}<article>{body}</article>"
    return write(folder / "deep.html", page + "</div>" * depth + "</body></html>")


def test_a_mixed_encoding_file_is_read_a_part_at_a_time(seeded: Workbench, tmp_path: Path):
    result = invoke("import", mixed_encoding_article(tmp_path), "--lang", "es", "--db", seeded.db_path)
    assert_ok(result)
    text = seeded.article_text(max(a.id for a in seeded.articles()))
    assert text == UTF8_PART + "\n\n" + LATIN1_PART  # neither part turned into mojibake ("lanzÃ³")


def test_a_claimreview_number_or_list_is_left_out_naming_the_review(seeded: Workbench, tmp_path: Path):
    path = reviews(tmp_path, {}, {"claimReviewed": 12345}, {"claimReviewed": ["Uno dos tres.", "Cuatro cinco."]})
    result = invoke("import", "--format", "claimreview", path, "--db", seeded.db_path)
    assert_ok(result)
    assert "review 2: claimReviewed is 12345, not the text of a claim" in result.stderr
    assert "review 3: claimReviewed holds 2 values, not one claim" in result.stderr
    archive = max(a.id for a in seeded.articles())
    assert [c.text for c in seeded.claims(archive)] == ["Corea del Norte lanzó dos misiles."]


def test_article_text_nested_in_300_elements_is_found(seeded: Workbench, tmp_path: Path):
    result = invoke("import", deeply_nested_page(tmp_path), "--lang", "es", "--db", seeded.db_path)
    assert_ok(result)
    text = seeded.article_text(max(a.id for a in seeded.articles()))
    assert UTF8_PART in text and LATIN1_PART in text


def test_a_database_another_program_holds_says_so_and_that_a_retry_may_help(seeded: Workbench):
    import sqlite3

    claim_id = seeded.claims()[0].id
    before = file_digest(seeded.db_path)
    holder = sqlite3.connect(seeded.db_path)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program's write, held past the busy timeout
        message = assert_clean_failure(invoke("verdict", str(claim_id), "falso", "--db", seeded.db_path), 6)
    finally:
        holder.rollback()
        holder.close()
    assert "Another program holds the database" in message and "try again" in message
    assert file_digest(seeded.db_path) == before
    assert seeded.verdict_history(claim_id) == []

"""An archive of earlier claims by CSV: stored in bulk, rated where the row says, matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import file_digest
from tests.helpers import assert_clean_failure, assert_ok, invoke, write
from tests.integrity import staged_rows, visible_dump
from workbench.service import Workbench

INVALID = 4
HEADER = "text,claimant,date,url,rating,language\n"
ROWS = (
    '"Corea del Norte disparó dos misiles balísticos hacia el mar de Japón",Ministerio de Defensa japonés,'
    "2023-09-13,https://www.mod.go.jp/,false,es\n"
    '"Kim Jong Un arrived in Russia by armoured train",,2023-09-12,,True,en\n'
)


def archive(tmp_path: Path, body: str, name: str = "archive.csv") -> Path:
    return write(tmp_path / name, body)


@pytest.mark.slow
def test_rows_become_claims_with_verdicts_and_appearances(tmp_path: Path):
    db = tmp_path / "claims.db"
    result = invoke("import", archive(tmp_path, HEADER + ROWS), "--format", "claims-csv", "--db", db)
    assert_ok(result)
    assert "(2 claims, " in result.stdout
    workbench = Workbench(db)
    first, second = workbench.claims()
    assert (first.rating, first.claimant_canonical) == ("False", "Japan Ministry of Defense")
    assert [(f.value, f.unit) for f in first.figures] == [(2.0, "misiles")]
    assert first.dates == ("2023-09-13",)
    assert workbench.sources(first.id)[0]["url"] == "https://www.mod.go.jp/"
    assert second.rating == "True" and second.status == "checked"
    article = workbench.article_text(first.article_id)
    assert all(article[c.start : c.end] == c.text for c in (first, second))


@pytest.mark.slow
def test_unreadable_rows_are_reported_by_line_and_skipped(tmp_path: Path):
    body = (
        HEADER
        + ROWS
        + ",,,,,\n"
        + '"Putin dijo que ayudará con satélites",Putin,2023-13-13,javascript:alert(1),Maybe,xx\n'
    )
    result = invoke("import", archive(tmp_path, body), "--format", "claims-csv", "--db", tmp_path / "c.db")
    assert_ok(result)
    warnings = result.stderr.splitlines()
    assert "line 4: no text" in warnings[0]
    assert any("line 5: date '2023-13-13'" in w for w in warnings)
    assert any("line 5: rating 'Maybe' is not on the scale" in w for w in warnings)
    assert any("line 5: url 'javascript:alert(1)' is not a web address" in w for w in warnings)
    assert "(3 claims, " in result.stdout


@pytest.mark.slow
def test_reimporting_an_archive_adds_nothing(tmp_path: Path):
    path, db = archive(tmp_path, HEADER + ROWS), tmp_path / "claims.db"
    assert_ok(invoke("import", path, "--format", "claims-csv", "--db", db))
    again = invoke("import", path, "--format", "claims-csv", "--db", db)
    assert_ok(again)
    assert again.stdout.startswith("Already imported as article 1")
    assert len(Workbench(db).claims()) == 2


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("claim,date\nNorth Korea fired a missile,2023-09-13\n", id="no-text-column"),
        pytest.param(HEADER + ",,,,,\n,Putin,,,,\n", id="no-usable-row"),
        pytest.param("", id="empty"),
    ],
)
def test_a_file_without_usable_claims_is_refused_whole(seeded: Workbench, tmp_path: Path, body: str):
    before = file_digest(seeded.db_path)
    assert_clean_failure(
        invoke("import", archive(tmp_path, body), "--format", "claims-csv", "--db", seeded.db_path), INVALID
    )
    assert file_digest(seeded.db_path) == before


@pytest.mark.slow
def test_an_archived_claim_is_matched_by_a_new_article(tmp_path: Path):
    from tests.conftest import SEEDS

    db = tmp_path / "claims.db"
    assert_ok(invoke("import", archive(tmp_path, HEADER + ROWS), "--format", "claims-csv", "--db", db))
    result = invoke("import", SEEDS / "d1-cumbre-vostochni.es.txt", "--published", "2023-09-14", "--db", db)
    assert_ok(result)
    assert "0 matching" not in result.stdout
    matches = Workbench(db).match("Japón habló del lanzamiento de dos misiles balísticos", limit=3)
    assert any(m.text.startswith("Corea del Norte disparó dos misiles") for m in matches)


@pytest.mark.slow
def test_rows_of_one_archive_can_duplicate_each_other(tmp_path: Path):
    body = (
        HEADER
        + ROWS
        + (
            '"Corea del Norte disparó dos misiles balísticos hacia el mar de Japón el miércoles",'
            "Ministerio de Defensa japonés,2023-09-13,,,es\n"
        )
    )
    db = tmp_path / "claims.db"
    assert_ok(invoke("import", archive(tmp_path, body), "--format", "claims-csv", "--db", db))
    made, confirmed = Workbench(db).dedupe(apply=True)
    assert {(c.claim_a, c.claim_b) for c in confirmed} == {(1, 3)}


@pytest.mark.slow
def test_different_actors_counting_the_same_thing_are_no_conflict(tmp_path: Path):
    body = HEADER + (
        '"Egipto movilizó tres buques de guerra en el mar Rojo",,2023-09-13,,,es\n'
        '"Venezuela movilizó treinta buques en el Caribe",,2023-09-13,,,es\n'
    )
    db = tmp_path / "claims.db"
    assert_ok(invoke("import", archive(tmp_path, body), "--format", "claims-csv", "--db", db))
    made, _ = Workbench(db).dedupe()
    assert [s.relation for s in made] == []


def test_the_archive_hash_is_the_content_hash_of_its_lines() -> None:
    from workbench.archive import archive_hash
    from workbench.service import content_hash

    lines = ["Corea del Norte  disparó\tdos misiles", " ", "Kim arrived by train "]
    assert archive_hash(lines) == (3, content_hash("\n".join(lines)))


@pytest.mark.slow
def test_an_archive_stored_in_chunks_keeps_its_spans(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    import workbench.archive

    monkeypatch.setattr(workbench.archive, "ARCHIVE_CHUNK", 1)
    workbench = Workbench(tmp_path / "claims.db")
    result = workbench.import_claims_csv(HEADER + ROWS, "archive.csv")
    claims = workbench.claims()
    article = workbench.article_text(result.article_id)
    assert [c.id for c in claims] == [1, 2] and all(article[c.start : c.end] == c.text for c in claims)
    assert article == "\n".join(c.text for c in claims)
    assert [a.language for a in workbench.articles()] == ["es"]


@pytest.mark.slow
def test_a_failure_in_a_later_chunk_leaves_nothing_visible_and_a_rerun_resumes(
    seeded: Workbench, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    import workbench.archive
    from workbench.store.archive_staging import ArchiveStaging

    monkeypatch.setattr(workbench.archive, "ARCHIVE_CHUNK", 1)
    calls = []
    original = ArchiveStaging.stage_rows

    def failing(self, staged, rows, offset):  # noqa: ANN001, ANN202
        calls.append(len(rows))
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, staged, rows, offset)

    monkeypatch.setattr(ArchiveStaging, "stage_rows", failing)
    before = visible_dump(seeded.db_path)
    with pytest.raises(OSError):
        seeded.import_claims_csv(HEADER + ROWS, "archive.csv")
    assert visible_dump(seeded.db_path) == before
    assert staged_rows(seeded.db_path) == 1  # the first chunk waits, committed and unseen

    calls.clear()
    monkeypatch.setattr(
        ArchiveStaging, "stage_rows", lambda self, *args: (calls.append(len(args[1])), original(self, *args))
    )
    result = seeded.import_claims_csv(HEADER + ROWS, "archive.csv")
    assert calls == [1]  # only the row not staged before is extracted again
    assert staged_rows(seeded.db_path) == 0
    claims = seeded.claims(result.article_id)
    clean = Workbench(tmp_path / "clean.db")
    expected = clean.claims(clean.import_claims_csv(HEADER + ROWS, "archive.csv").article_id)
    assert [(c.text, c.start, c.end, c.rating, c.entities) for c in claims] == [
        (c.text, c.start, c.end, c.rating, c.entities) for c in expected
    ]
    assert seeded.article_text(result.article_id) == clean.article_text(expected[0].article_id)


@pytest.mark.slow
def test_an_archive_is_searched_by_its_claims_and_title_not_its_text(tmp_path: Path):
    workbench = Workbench(tmp_path / "claims.db")
    workbench.import_claims_csv(HEADER + ROWS, "archive.csv")
    hits = workbench.search("misiles")
    assert hits and all(h.kind == "claim" for h in hits)
    assert [h.kind for h in workbench.search("archive")] == ["article"]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_rows_are_read_whatever_the_line_endings(ending: str) -> None:
    from workbench.ingest.claims_csv import ClaimsCsv

    body = (
        ending.join(["text,claimant", '"Kim llegó en tren,\r\nblindado",Putin', "Corea del Norte disparó un misil,"])
        + ending
    )
    problems: list[str] = []
    rows = list(ClaimsCsv(body, "archive.csv").rows(problems))
    assert [(row.line, row.text, row.claimant) for row in rows] == [
        (2, "Kim llegó en tren, blindado", "Putin"),  # a row is placed where it starts
        (4, "Corea del Norte disparó un misil", None),
    ] and problems == []


def test_rows_longer_than_the_claim_limit_are_left_out_by_line(tmp_path: Path):
    from workbench.config import settings_from_dict

    body = "text\nCorea del Norte disparó un misil balístico el miércoles.\n" + "Kim " * 30 + "\n"
    strict = Workbench(
        tmp_path / "claims.db", actor="tester", settings=settings_from_dict({"limits": {"max_claim_chars": 100}}, "t")
    )
    result = strict.import_claims_csv(body, "archive.csv")
    assert result.claim_count == 1
    assert result.problems == ["line 3: the claim is longer than 100 characters"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_archives_are_read(separator: str) -> None:
    """Spanish spreadsheets write semicolons: the comma is their decimal mark."""
    from workbench.ingest.claims_csv import ClaimsCsv

    body = separator.join(["text", "claimant", "rating"]) + "\n"
    body += separator.join(["El paro bajó al 11,6 % en marzo, según el INE", "INE", "Verdadero"]) + "\n"
    rows = list(ClaimsCsv(body, "archivo.csv").rows([]))
    assert [(r.text, r.claimant, r.rating) for r in rows] == [
        ("El paro bajó al 11,6 % en marzo, según el INE", "INE", "Verdadero")
    ]


def test_a_large_archive_leaves_the_match_index_in_one_segment_and_a_small_one_does_not(tmp_path: Path):
    """An archive that brings a quarter of the index or more merges its FTS5 index (posting reads
    probe one segment); a small one added to a larger index leaves the merging to FTS5. Either
    way the index finds what it held."""
    workbench = Workbench(tmp_path / "claims.db", actor="tester")

    def segments() -> int:
        with workbench.store() as store:
            return store.db.execute("SELECT count(DISTINCT segid) FROM claim_terms_fts_idx").fetchone()[0]

    def found(term: str) -> list[int]:
        with workbench.store() as store:
            return store.index.postings(term).tolist()

    rows = "".join(
        f'"El puerto {n} cerró por la huelga de estibadores",,2023-03-{1 + n % 28:02d},,,es\n' for n in range(40)
    )
    workbench.import_claims_csv(HEADER + rows, "first.csv")
    more = "".join(f'"Kim Jong Un visited factory {n} in Pyongyang",,2023-09-12,,,en\n' for n in range(40))
    workbench.import_claims_csv(HEADER + more, "second.csv")  # as many claims again: merged
    assert segments() == 1
    assert len(found("huelg")) == 40 and len(found("pyongyang")) == 40
    workbench.import_claims_csv(HEADER + '"Un apagón dejó sin luz a tres barrios",,2024-01-02,,,es\n', "small.csv")
    assert segments() == 2
    assert len(found("huelg")) == 40 and len(found("apagon")) == 1

"""The match index's posting lists (m018, workbench/store/postings.py) say what a scan of
claim_terms says, through every kind of write, folded or not yet, and BM25 reads them whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlite_utils import Database

from workbench.matching.lexical import bm25
from workbench.store.match_index import MatchIndex
from workbench.store.migrations import migrations


def scanned(db: Database) -> tuple[dict[str, list[int]], dict[int, int]]:
    """Each term's claims and each claim's count of terms, read from claim_terms row by row."""
    lists: dict[str, list[int]] = {}
    lengths = {}
    for claim_id, terms in db.execute("SELECT claim_id, terms FROM claim_terms ORDER BY claim_id"):
        lengths[claim_id] = len(terms.split()) if terms else 0
        for term in sorted(set(terms.split())) if terms else ():
            lists.setdefault(term, []).append(claim_id)
    return lists, lengths


def assert_lists_match_a_scan(db: Database, gone: set[str]) -> None:
    """A fresh MatchIndex (nothing kept from before) reads what the scan reads; the terms in
    `gone` no longer index any claim."""
    lists, lengths = scanned(db)
    index = MatchIndex(db)
    for term in set(lists) | gone:
        assert index.postings(term).tolist() == lists.get(term, []), term
    assert index.all_document_frequencies() == {t: len(ids) for t, ids in lists.items()}
    assert index.document_frequencies([*lists, *gone]) == {t: len(ids) for t, ids in lists.items()}
    held, mean, size = index.lengths()
    assert {c: int(held[c]) for c in lengths} == lengths
    assert size == len(lengths) and mean == sum(lengths.values()) / len(lengths)


def stale(db: Database) -> int:
    return db.execute("SELECT count(*) FROM claim_postings_stale").fetchone()[0]


def claims_db(path: Path, count: int, stop_before: str | None = None) -> Database:
    db = Database(path)
    migrations.apply(db, stop_before=stop_before)
    db["articles"].insert({"id": 1, "title": "T", "language": "es", "text": "x", "content_hash": "h"})
    for claim_id in range(1, count + 1):
        db["claims"].insert({"id": claim_id, "article_id": 1, "text": f"c{claim_id}", "kind": "event", "status": "new"})
    return db


def test_posting_lists_follow_every_write_to_the_index(db_path: Path) -> None:
    db = claims_db(db_path, 40)
    index = MatchIndex(db)
    index.add([(c, 1, ["dron", f"e_{c % 3}", "y_2024"] + (["puent"] if c % 7 == 0 else [])) for c in range(1, 31)])
    assert stale(db) == 0  # a write folds what it changed into the lists
    assert_lists_match_a_scan(db, set())
    index.add([(7, 1, ["misil", "y_2023"]), (35, 1, ["misil", "dron", "dron"])])  # replaced, new, a term twice
    index.remove([14, 3])
    assert stale(db) == 0
    assert_lists_match_a_scan(db, set())
    # a writer that has not folded yet (another process mid-write): readers lay its changes over the lists
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (36, 1, 'apagon y_2024')")
    db.execute("UPDATE claim_terms SET terms = 'apagon' WHERE claim_id = 21")
    db.execute("DELETE FROM claim_terms WHERE claim_id IN (28, 35)")
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (37, 1, NULL)")
    assert stale(db) == 5
    assert_lists_match_a_scan(db, {"puent"})  # its last claims changed and went
    index.fold_changes()
    assert stale(db) == 0
    assert_lists_match_a_scan(db, {"puent"})


def test_many_changed_claims_are_written_afresh_and_a_few_term_by_term(db_path: Path) -> None:
    """Both ways of folding leave the same lists: all afresh when many claims changed (an archive
    import), term by term when a few did (an article)."""
    db = claims_db(db_path, 200)
    index = MatchIndex(db)
    index.add([(c, 1, [f"t{c % 11}", f"u{c % 5}"]) for c in range(1, 181)])  # all afresh
    assert_lists_match_a_scan(db, set())
    index.add([(c, 1, [f"t{c % 13}", "nuevo"]) for c in (5, 190, 191)])  # term by term
    assert_lists_match_a_scan(db, set())
    assert MatchIndex(db).postings("nuevo").tolist() == [5, 190, 191]


def test_a_database_indexed_before_the_posting_lists_gets_them_when_migrated(db_path: Path) -> None:
    db = claims_db(db_path, 3, stop_before="m018_claim_postings")
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (1, 1, 'misil e_north_korea y_2023')")
    db.execute("INSERT INTO claim_terms (claim_id, article_id, terms) VALUES (3, 1, 'misil y_2024')")
    migrations.apply(db)
    assert stale(db) == 0
    assert_lists_match_a_scan(db, set())
    assert MatchIndex(db).postings("misil").tolist() == [1, 3]


def test_a_query_is_scored_on_its_rare_terms_alone(db_path: Path) -> None:
    """Six rare terms make the candidates and the score; a common term the query shares adds
    neither a candidate nor a score (on CheckThat! 2020 dev, counting it cost 0.014 MAP@5)."""
    rare = ["alfa", "bravo", "charlie", "delta", "echo", "foxtrot"]
    db = claims_db(db_path, 60)
    index = MatchIndex(db)
    rows = [(1, 1, rare), (2, 1, [*rare, "e_zulu"])]
    filler = [f"filler{i}" for i in range(5)]
    rows += [(c, 1, ["e_zulu", *filler]) for c in range(3, 61)]
    index.add(rows)
    frequencies = index.all_document_frequencies()
    claims, scores = bm25(index, [*rare, "e_zulu"], frequencies, 10, 0.9, 0.5)
    assert sorted(claims.tolist()) == [1, 2]
    size, mean = 60, np.mean([len(r[2]) for r in rows])
    idf = sum(np.log(1 + (size - 2 + 0.5) / (2 + 0.5)) for _ in rare)
    for claim, score in zip(claims.tolist(), scores.tolist()):
        length = 6 if claim == 1 else 7
        assert np.isclose(score, idf * 1.9 / (1 + 0.9 * (0.5 + 0.5 * length / mean)))

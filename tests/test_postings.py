"""The match index's posting lists (m018, workbench/store/postings.py) say what a scan of
claim_terms says, through every kind of write, folded or not yet, and BM25 reads them whole."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from sqlite_utils import Database

from workbench.matching.lexical import bm25
from workbench.matching.retrieval import top
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


def test_a_common_term_the_query_shares_ranks_the_claim_that_holds_it_first(db_path: Path) -> None:
    """Three copies of a template share the query's six rare terms; only the source also holds
    the query's common term (an actor in a third of the archive). Candidates come from the rare
    terms' lists; the common one counts in their scores, so the source is first although it is
    the longest of the three, and a claim with the common term alone is no candidate."""
    rare = ["alfa", "bravo", "charlie", "delta", "echo", "foxtrot"]
    db = claims_db(db_path, 60)
    index = MatchIndex(db)
    rows = [(1, 1, rare), (2, 1, rare), (3, 1, [*rare, "e_zulu"])]
    filler = [f"filler{i}" for i in range(5)]
    rows += [(c, 1, ["e_zulu", *filler]) for c in range(4, 24)] + [
        (c, 1, [f"other{c}", *filler]) for c in range(24, 61)
    ]
    index.add(rows)
    frequencies = index.all_document_frequencies()
    claims, scores = bm25(index, [*rare, "e_zulu"], frequencies, 10, 0.9, 0.5)
    assert sorted(claims.tolist()) == [1, 2, 3]
    assert top(claims, scores, 3, set())[0].tolist() == [3, 1, 2]
    # the same scores as BM25 over every term, reckoned by hand
    size, mean = 60, np.mean([len(r[2]) for r in rows])
    idf = {t: np.log(1 + (size - n + 0.5) / (n + 0.5)) for t, n in Counter(t for r in rows for t in r[2]).items()}
    own = {1: 6, 2: 6, 3: 7}
    expected = {c: sum(idf[t] for t in [*rare, "e_zulu"] if t in dict((r[0], r[2]) for r in rows)[c]) for c in own}
    for claim, score in zip(claims.tolist(), scores.tolist()):
        assert np.isclose(score, expected[claim] * 1.9 / (1 + 0.9 * (0.5 + 0.5 * own[claim] / mean)))


def test_pruning_keeps_the_best_depth_exactly_as_scoring_every_candidate(db_path: Path) -> None:
    """Max-score pruning drops only candidates that cannot be among the best `depth`: on an
    archive of words drawn with Zipf's law (common words in a third of the claims, rare ones in
    a few), the best 10 and their scores are those of every candidate scored."""
    rng = np.random.default_rng(3)
    db = claims_db(db_path, 3000)
    words = [f"w{i}" for i in range(400)]
    weights = 1 / np.arange(1, len(words) + 1)
    weights /= weights.sum()
    rows = [(c, 1, sorted(set(rng.choice(words, rng.integers(6, 20), p=weights)))) for c in range(1, 3001)]
    index = MatchIndex(db)
    index.add(rows)
    frequencies = index.all_document_frequencies()
    pruned_any = False
    for _, _, terms in rows[:60]:
        query = [*terms[: len(terms) // 2], *rng.choice(words[:30], 6)]
        every = top(*bm25(index, query, frequencies, 60, 0.9, 0.5), 10, set())
        claims, scores = bm25(index, query, frequencies, 60, 0.9, 0.5, depth=10)
        best = top(claims, scores, 10, set())
        assert best[0].tolist() == every[0].tolist() and np.allclose(best[1], every[1])
        pruned_any |= len(claims) < len(bm25(index, query, frequencies, 60, 0.9, 0.5)[0])
    assert pruned_any

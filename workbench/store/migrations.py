"""Numbered schema migrations, applied in order every time a database is opened.

Never edit a migration that has shipped: add the next number instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.store import connection


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


@dataclass(frozen=True)
class Applied:
    name: str
    applied_at: str


class Migrations:
    """The schema steps in order, kept without importing sqlite-utils: every command opens its
    database and asks what is pending (one SELECT of sqlite-utils' own record), and only applying
    steps loads sqlite-utils' Migrations, which runs them and keeps that record as it always has."""

    TABLE = "_sqlite_migrations"

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Step] = []

    def __call__(
        self, *, name: str | None = None, transactional: bool = True
    ) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            self._migrations.append(Step(name or fn.__name__, fn, transactional))
            return fn

        return register

    def applied(self, db: Database | connection.Database) -> list[Applied]:
        """The steps applied to the database, in the order they were."""
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.TABLE]).fetchone():
            return []
        rows = db.execute(
            f"SELECT name, applied_at FROM {self.TABLE} WHERE migration_set = ? ORDER BY rowid", [self.name]
        )
        return [Applied(name, applied_at) for name, applied_at in rows]

    def pending(self, db: Database | connection.Database) -> list[Step]:
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def apply(self, db: Database | connection.Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending steps through sqlite-utils' Migrations (each in a transaction with
        its record), stopping before `stop_before`."""
        import sqlite_utils

        runner = sqlite_utils.Migrations(self.name)
        for step in self._migrations:
            runner(name=step.name, transactional=step.transactional)(step.fn)
        runner.apply(db if isinstance(db, sqlite_utils.Database) else db.utils, stop_before=stop_before)


migrations = Migrations("workbench")

TABLES = {
    "meta",
    "articles",
    "claims",
    "entities",
    "sources",
    "claim_sources",
    "verdicts",
    "links",
    "audit",
    "claim_terms",
    "claim_vectors",
    "archive_imports",
    "archive_staged_claims",
    "archive_staged_entities",
    "archive_staged_sources",
    "claim_context",
    "claim_terms_totals",
    "claim_postings",
    "claim_postings_lengths",
    "claim_postings_stale",
    "vector_lists",
}
STAGING_TABLES = {"archive_imports", "archive_staged_claims", "archive_staged_entities", "archive_staged_sources"}
"""Where an archive import waits until it is complete: no read of claims looks here."""


@migrations()
def m001_initial(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("articles").create(
        {
            "id": int,
            "title": str,
            "url": str,
            "outlet": str,
            "language": str,
            "published": str,
            "text": str,
            "content_hash": str,
            "origin": str,
            "imported_at": str,
            "imported_by": str,
        },
        pk="id",
        not_null={"title", "language", "text", "content_hash"},
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("claims").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "checkable": int,
            "score": float,
            "claimant": str,
            "dates": str,
            "status": str,
            "version": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "text", "kind", "status"},
        defaults={"status": "new", "version": 1, "checkable": 1, "dates": "[]"},
    )
    db.table("claims").create_index(["article_id"])
    db.table("entities").create(
        {"id": int, "claim_id": int, "text": str, "label": str, "canonical": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("entities").create_index(["claim_id"])
    db.table("entities").create_index(["canonical"])
    db.table("sources").create(
        {"id": int, "url": str, "title": str, "publisher": str, "date": str, "excerpt": str, "created_at": str},
        pk="id",
        not_null={"url"},
    )
    db.table("claim_sources").create(
        {"id": int, "claim_id": int, "source_id": int, "stance": str, "attached_by": str, "attached_at": str},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id"), ("source_id", "sources", "id")],
        not_null={"claim_id", "source_id", "stance"},
    )
    db.table("claim_sources").create_index(["claim_id"])
    db.table("verdicts").create(
        {"id": int, "claim_id": int, "rating": str, "rationale": str, "reviewer": str, "at": str},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"claim_id", "rating", "reviewer", "at"},
    )
    db.table("verdicts").create_index(["claim_id"])
    db.table("links").create(
        {
            "id": int,
            "claim_a": int,
            "claim_b": int,
            "relation": str,
            "score": float,
            "state": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
        not_null={"claim_a", "claim_b", "relation", "state"},
    )
    db.table("links").create_index(["claim_a", "claim_b"], unique=True)
    db.table("links").create_index(["claim_b"])
    db.table("audit").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "table_name": str,
            "row_id": int,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"at", "actor", "action"},
    )
    db.table("audit").create_index(["table_name", "row_id"])
    db.table("claims").enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.table("articles").enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


@migrations()
def m002_claimant_canonical(db: Database) -> None:
    """The canonical actor behind a claimant ("el líder norcoreano" -> "Kim Jong-un"), for matching."""
    db.table("claims").add_column("claimant_canonical", str)


@migrations()
def m003_figures_and_reasons(db: Database) -> None:
    """Figures a claim states, for comparing claims, and the reasons behind its score."""
    db.table("claims").add_column("figures", str, not_null_default="[]")
    db.table("claims").add_column("reasons", str, not_null_default="[]")


@migrations()
def m004_match_index(db: Database) -> None:
    """Index terms per claim (stems, concepts, actors, figures, dates) under FTS5, for candidate search.

    Terms keep their underscores ("e_north_korea"); the vocabulary table gives document
    frequencies for TF-IDF without a scan.
    """
    db.table("claim_terms").create(
        {"claim_id": int, "article_id": int, "terms": str},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id"), ("article_id", "articles", "id")],
    )
    db.table("claim_terms").enable_fts(["terms"], create_triggers=True, tokenize="unicode61 tokenchars '_'")
    db.execute("CREATE VIRTUAL TABLE claim_terms_vocab USING fts5vocab(claim_terms_fts, 'row')")


@migrations()
def m005_archive_articles(db: Database) -> None:
    """Archives (CSV, ClaimReview) hold claims from many sources: matching must not treat them
    as claims of one article, which are never duplicates of each other."""
    db.table("articles").add_column("is_archive", int, not_null_default=0)


@migrations()
def m006_archive_text_out_of_search(db: Database) -> None:
    """An archive's text is its claims joined by lines, which claims_fts already indexes; in
    articles_fts it would double the index and, as one document of a million lines, make the
    import hold every token of it in memory. Archives keep only their title searchable."""
    indexed_text = "CASE WHEN {row}.is_archive THEN '' ELSE {row}.\"text\" END"
    delete = (
        'INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") '
        f"VALUES('delete', old.rowid, old.\"title\", {indexed_text.format(row='old')});"
    )
    insert = f'INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", {indexed_text.format(row="new")});'
    for name in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f'DROP TRIGGER "{name}"')
    db.execute(f'CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN\n  {insert}\nEND')
    db.execute(f'CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN\n  {delete}\nEND')
    db.execute(f'CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN\n  {delete}\n  {insert}\nEND')
    db.execute(
        'INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") '
        "SELECT 'delete', id, title, text FROM articles WHERE is_archive"
    )
    db.execute(
        'INSERT INTO "articles_fts" (rowid, "title", "text") SELECT id, title, \'\' FROM articles WHERE is_archive'
    )


@migrations()
def m007_claims_search_follows_text(db: Database) -> None:
    """claims_fts re-indexes a claim only when its text changes: a verdict or a status change
    (40% of an archive's rows arrive rated) rewrote the claim's search entry for nothing."""
    db.execute('DROP TRIGGER "claims_au"')
    db.execute(
        'CREATE TRIGGER "claims_au" AFTER UPDATE OF "text" ON "claims" BEGIN\n'
        '  INSERT INTO "claims_fts" ("claims_fts", rowid, "text") VALUES(\'delete\', old.rowid, old."text");\n'
        '  INSERT INTO "claims_fts" (rowid, "text") VALUES (new.rowid, new."text");\n'
        "END"
    )


@migrations()
def m008_take_back(db: Database) -> None:
    """A reviewer can take back a verdict or a source (undo, remove) without deleting it:
    the row stays, marked with who took it back and when, and reads skip it."""
    db.table("verdicts").add_column("retracted_at", str)
    db.table("verdicts").add_column("retracted_by", str)
    db.table("claim_sources").add_column("removed_at", str)
    db.table("claim_sources").add_column("removed_by", str)


@migrations()
def m009_claim_vectors(db: Database) -> None:
    """A sentence embedding per claim, for matching across wording and languages: the model's
    name beside it (vectors of two models are never compared), int8 components and the scale
    that turns them back into the normalised float vector (see workbench/store/vectors.py)."""
    db.table("claim_vectors").create(
        {"claim_id": int, "model": str, "scale": float, "vector": bytes},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"model", "scale", "vector"},
    )
    db.table("claim_vectors").create_index(["model"])


@migrations()
def m010_checkworthy(db: Database) -> None:
    """Whether a claim is worth a fact-checker's time, beside whether it is checkable at all.
    Claims stored before the learned model get it from their hand-weighted score: checkable and
    0.5 or more, which that score reached only with a figure, a date or a named actor on top of
    the clause itself. Re-extracting or editing a claim scores it with the model."""
    db.table("claims").add_column("checkworthy", int, not_null_default=0)
    db.execute("UPDATE claims SET checkworthy = 1 WHERE checkable AND score >= 0.5")


@migrations(transactional=False)
def m011_ids_never_reused(db: Database) -> None:
    """Claims and links get AUTOINCREMENT: an id once given (a claim added and then undone, a
    link dropped with it) is never given again, so a claim's history and a link's audit rows
    stay their own. SQLite cannot add AUTOINCREMENT to a table, so each is rebuilt keeping every
    row, index, trigger (the FTS ones included) and the foreign keys pointing at it.

    Foreign keys must be off while a parent table is dropped and renamed, which SQLite allows
    only outside a transaction: the rebuild runs in its own IMMEDIATE transaction, checks the
    keys before committing, and is skipped for a table already rebuilt (a run killed between
    its commit and the migration's record is then finished, not repeated)."""
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("claims", "links"):
                _rebuild_with_autoincrement(db, table)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"foreign keys broken by the rebuild: {broken[:3]}")
        except BaseException:
            db.conn.rollback()
            raise
        db.execute("COMMIT")
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    """Rebuild `table` with `id INTEGER PRIMARY KEY AUTOINCREMENT`, rows and rowids unchanged.

    Its id sequence starts above every id the table or its audit rows ever named, so an id a
    deleted row had before this migration is not given again either."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    if "AUTOINCREMENT" in sql.upper():
        return
    rebuilt = f"{table}_rebuilt"
    create, found = re.subn(
        r"^CREATE TABLE\s+(\[\w+\]|\"\w+\"|\w+)\s*\((\s*)(\[id\]|\"id\"|id)\s+INTEGER\s+PRIMARY\s+KEY",
        f'CREATE TABLE "{rebuilt}" (\\2\\3 INTEGER PRIMARY KEY AUTOINCREMENT',
        sql,
        count=1,
        flags=re.IGNORECASE,
    )
    if not found:
        raise sqlite3.DatabaseError(f"cannot read the schema of {table}: {sql[:80]}")
    dependents = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
            "ORDER BY type, name",
            [table],
        ).fetchall()
    ]
    audited = db.execute(
        f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), '
        "coalesce((SELECT max(row_id) FROM audit WHERE table_name = ?), 0))",
        [table],
    ).fetchone()[0]
    db.execute(create)
    db.execute(f'INSERT INTO "{rebuilt}" SELECT * FROM "{table}" ORDER BY id')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{rebuilt}" RENAME TO "{table}"')
    for statement in dependents:
        db.execute(statement)
    db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
    db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, audited])


@migrations()
def m012_archive_imports(db: Database) -> None:
    """An archive import is staged in chunks, each committed on its own, so a reviewer's write
    never waits behind a whole archive; nothing staged is read as a claim. The last step moves
    the staged rows into claims, entities, the index, verdicts and sources in one short
    transaction: a killed import leaves no visible partial archive, and a re-run resumes after
    the rows already staged. Claim ids are reserved when the import starts, so staged rows keep
    theirs and nobody else is given them."""
    db.table("archive_imports").create(
        {
            "id": int,
            "content_hash": str,
            "origin": str,
            "title": str,
            "row_count": int,
            "first_claim": int,
            "staged": int,
            "next_offset": int,
            "languages": str,
            "started_at": str,
            "started_by": str,
        },
        pk="id",
        not_null={"content_hash", "title", "row_count", "first_claim", "staged", "next_offset", "languages"},
        defaults={"staged": 0, "next_offset": 0, "languages": "{}"},
    )
    db.table("archive_imports").create_index(["content_hash"], unique=True)
    db.table("archive_staged_claims").create(
        {
            "id": int,
            "import_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "checkable": int,
            "checkworthy": int,
            "score": float,
            "claimant": str,
            "claimant_canonical": str,
            "dates": str,
            "figures": str,
            "reasons": str,
            "terms": str,
            "rating": str,
            "rationale": str,
            "reviewer": str,
            "reviewed_at": str,
        },
        pk="id",
        foreign_keys=[("import_id", "archive_imports", "id")],
        not_null={"import_id", "text", "kind"},
    )
    db.table("archive_staged_claims").create_index(["import_id"])
    db.table("archive_staged_entities").create(
        {"import_id": int, "claim_id": int, "text": str, "label": str, "canonical": str, "start": int, "end": int},
        foreign_keys=[("import_id", "archive_imports", "id")],
        not_null={"import_id", "claim_id"},
    )
    db.table("archive_staged_entities").create_index(["import_id"])
    db.table("archive_staged_sources").create(
        {
            "import_id": int,
            "claim_id": int,
            "url": str,
            "title": str,
            "publisher": str,
            "date": str,
            "excerpt": str,
            "stance": str,
        },
        foreign_keys=[("import_id", "archive_imports", "id")],
        not_null={"import_id", "claim_id", "url", "stance"},
    )
    db.table("archive_staged_sources").create_index(["import_id"])


@migrations()
def m013_latest_verdicts(db: Database) -> None:
    """A view of the verdict in force for each claim (the last given and not taken back, as the
    store reads it), so Datasette, a spreadsheet or plain SQL need not repeat the subquery."""
    db.execute(
        """
        CREATE VIEW IF NOT EXISTS latest_verdicts AS
        SELECT c.id AS claim_id, c.article_id, c.text, c.status, v.id AS verdict_id, v.rating,
               v.rationale, v.reviewer, v.at
        FROM claims c
        JOIN verdicts v ON v.id = (
            SELECT w.id FROM verdicts w
            WHERE w.claim_id = c.id AND w.retracted_at IS NULL
            ORDER BY w.id DESC LIMIT 1
        )
        """
    )


@migrations()
def m014_claim_context(db: Database) -> None:
    """An archived claim's context (a fact-check's headline: claims-csv `title`, ClaimReview `name`),
    which matching indexes and embeds beside the claim's text: a tweet often repeats the headline's
    words, not the claim's. Kept apart from the match index so a text edit, which indexes the claim
    afresh, keeps it; a trigger forgets it with its claim, so a reused id never inherits it."""
    db.table("claim_context").create({"claim_id": int, "context": str}, pk="claim_id", not_null={"context"})
    db.execute(
        "CREATE TRIGGER claim_context_forget AFTER DELETE ON claims BEGIN "
        "DELETE FROM claim_context WHERE claim_id = old.id; END"
    )
    # An archive staged in chunks keeps each row's headline until it is published (m012).
    db.table("archive_staged_claims").add_column("context", str)


@migrations()
def m015_claim_terms_totals(db: Database) -> None:
    """The match index's claim count and total of index terms, kept by triggers on claim_terms:
    BM25's mean claim length without reading every claim's terms, which took a one-shot match
    80 ms at 100,000 claims (a scan that grows with the archive). A claim's terms count as
    MatchIndex's LENGTH counts them (spaces + 1); a row without terms counts as a claim of none."""
    length = "coalesce(length({row}.terms) - length(replace({row}.terms, ' ', '')) + 1, 0)"
    db.execute(
        "CREATE TABLE claim_terms_totals (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "claims INTEGER NOT NULL, terms INTEGER NOT NULL)"
    )
    db.execute(
        "INSERT INTO claim_terms_totals (id, claims, terms) "
        f"SELECT 1, count(*), coalesce(sum({length.format(row='claim_terms')}), 0) FROM claim_terms"
    )
    db.execute(
        "CREATE TRIGGER claim_terms_totals_ai AFTER INSERT ON claim_terms BEGIN UPDATE claim_terms_totals "
        f"SET claims = claims + 1, terms = terms + {length.format(row='new')}; END"
    )
    db.execute(
        "CREATE TRIGGER claim_terms_totals_ad AFTER DELETE ON claim_terms BEGIN UPDATE claim_terms_totals "
        f"SET claims = claims - 1, terms = terms - {length.format(row='old')}; END"
    )
    db.execute(
        "CREATE TRIGGER claim_terms_totals_au AFTER UPDATE OF terms ON claim_terms BEGIN UPDATE claim_terms_totals "
        f"SET terms = terms - {length.format(row='old')} + {length.format(row='new')}; END"
    )


@migrations()
def m016_staged_warnings(db: Database) -> None:
    """What a staged archive row warned of (a rating off the scale), kept with the row until the
    archive is published: a run that resumes after a killed one reports the warnings of the rows
    already staged, which it does not read again, beside its own (issue 15)."""
    db.table("archive_staged_claims").add_column("warnings", str)


@migrations()
def m017_vector_lists(db: Database) -> None:
    """Inverted lists of the claim vectors (workbench/store/vector_lists.py): each vector's list,
    NULL until `workbench index` files it (an unfiled vector is read by every query, so none is
    ever out of reach), indexed so a query reads only the lists it probes; and per model the
    lists' centroids (float32 rows in one BLOB), their generation (a new one each time they are
    trained) and how many vectors they were trained on."""
    db.execute("ALTER TABLE claim_vectors ADD COLUMN list_id INTEGER")
    db.execute("CREATE INDEX claim_vectors_lists ON claim_vectors (model, list_id)")
    db.execute(
        "CREATE TABLE vector_lists (model TEXT PRIMARY KEY, generation INTEGER NOT NULL, "
        "trained_on INTEGER NOT NULL, lists INTEGER NOT NULL, centroids BLOB NOT NULL)"
    )


@migrations()
def m018_claim_postings(db: Database) -> None:
    """The match index's posting lists as one BLOB of sorted int32 claim ids a term (with its
    count of claims), and every
    claim's count of terms as one BLOB (workbench/store/postings.py): reading a term's claims
    through FTS5's group_concat cost most of a lexical match at a million claims. Claims whose
    terms changed since the lists were written are noted by triggers on claim_terms (with the
    terms they had then), read over the lists until the next write folds them in."""
    from workbench.store.connection import Database as Connection
    from workbench.store.postings import rebuild

    db.execute("CREATE TABLE claim_postings (term TEXT PRIMARY KEY, doc INTEGER NOT NULL, ids BLOB NOT NULL)")
    db.execute("CREATE TABLE claim_postings_lengths (id INTEGER PRIMARY KEY CHECK (id = 1), lengths BLOB NOT NULL)")
    db.execute("CREATE TABLE claim_postings_stale (claim_id INTEGER PRIMARY KEY, old_terms TEXT)")
    db.execute(
        "CREATE TRIGGER claim_postings_stale_ai AFTER INSERT ON claim_terms BEGIN "
        "INSERT OR IGNORE INTO claim_postings_stale (claim_id, old_terms) VALUES (new.claim_id, NULL); END"
    )
    for suffix, event in (("ad", "DELETE"), ("au", "UPDATE OF terms")):
        db.execute(
            f"CREATE TRIGGER claim_postings_stale_{suffix} AFTER {event} ON claim_terms BEGIN "
            "INSERT OR IGNORE INTO claim_postings_stale (claim_id, old_terms) VALUES (old.claim_id, old.terms); END"
        )
    rebuild(Connection(db.conn))

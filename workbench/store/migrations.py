"""Numbered schema migrations, applied in order every time a database is opened.

Never edit a migration that has shipped: add the next number instead.
"""

from sqlite_utils import Database, Migrations

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
    "claim_context",
}


@migrations()
def m001_initial(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["articles"].create(
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
    db["articles"].create_index(["content_hash"], unique=True)
    db["claims"].create(
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
    db["claims"].create_index(["article_id"])
    db["entities"].create(
        {"id": int, "claim_id": int, "text": str, "label": str, "canonical": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db["entities"].create_index(["claim_id"])
    db["entities"].create_index(["canonical"])
    db["sources"].create(
        {"id": int, "url": str, "title": str, "publisher": str, "date": str, "excerpt": str, "created_at": str},
        pk="id",
        not_null={"url"},
    )
    db["claim_sources"].create(
        {"id": int, "claim_id": int, "source_id": int, "stance": str, "attached_by": str, "attached_at": str},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id"), ("source_id", "sources", "id")],
        not_null={"claim_id", "source_id", "stance"},
    )
    db["claim_sources"].create_index(["claim_id"])
    db["verdicts"].create(
        {"id": int, "claim_id": int, "rating": str, "rationale": str, "reviewer": str, "at": str},
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"claim_id", "rating", "reviewer", "at"},
    )
    db["verdicts"].create_index(["claim_id"])
    db["links"].create(
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
    db["links"].create_index(["claim_a", "claim_b"], unique=True)
    db["links"].create_index(["claim_b"])
    db["audit"].create(
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
    db["audit"].create_index(["table_name", "row_id"])
    db["claims"].enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


@migrations()
def m002_claimant_canonical(db: Database) -> None:
    """The canonical actor behind a claimant ("el líder norcoreano" -> "Kim Jong-un"), for matching."""
    db["claims"].add_column("claimant_canonical", str)


@migrations()
def m003_figures_and_reasons(db: Database) -> None:
    """Figures a claim states, for comparing claims, and the reasons behind its score."""
    db["claims"].add_column("figures", str, not_null_default="[]")
    db["claims"].add_column("reasons", str, not_null_default="[]")


@migrations()
def m004_match_index(db: Database) -> None:
    """Index terms per claim (stems, concepts, actors, figures, dates) under FTS5, for candidate search.

    Terms keep their underscores ("e_north_korea"); the vocabulary table gives document
    frequencies for TF-IDF without a scan.
    """
    db["claim_terms"].create(
        {"claim_id": int, "article_id": int, "terms": str},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id"), ("article_id", "articles", "id")],
    )
    db["claim_terms"].enable_fts(["terms"], create_triggers=True, tokenize="unicode61 tokenchars '_'")
    db.execute("CREATE VIRTUAL TABLE claim_terms_vocab USING fts5vocab(claim_terms_fts, 'row')")


@migrations()
def m005_archive_articles(db: Database) -> None:
    """Archives (CSV, ClaimReview) hold claims from many sources: matching must not treat them
    as claims of one article, which are never duplicates of each other."""
    db["articles"].add_column("is_archive", int, not_null_default=0)


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
    db["verdicts"].add_column("retracted_at", str)
    db["verdicts"].add_column("retracted_by", str)
    db["claim_sources"].add_column("removed_at", str)
    db["claim_sources"].add_column("removed_by", str)


@migrations()
def m009_claim_vectors(db: Database) -> None:
    """A sentence embedding per claim, for matching across wording and languages: the model's
    name beside it (vectors of two models are never compared), int8 components and the scale
    that turns them back into the normalised float vector (see workbench/store/vectors.py)."""
    db["claim_vectors"].create(
        {"claim_id": int, "model": str, "scale": float, "vector": bytes},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"model", "scale", "vector"},
    )
    db["claim_vectors"].create_index(["model"])


@migrations()
def m010_checkworthy(db: Database) -> None:
    """Whether a claim is worth a fact-checker's time, beside whether it is checkable at all.
    Claims stored before the learned model get it from their hand-weighted score: checkable and
    0.5 or more, which that score reached only with a figure, a date or a named actor on top of
    the clause itself. Re-extracting or editing a claim scores it with the model."""
    db["claims"].add_column("checkworthy", int, not_null_default=0)
    db.execute("UPDATE claims SET checkworthy = 1 WHERE checkable AND score >= 0.5")


@migrations()
def m011_claim_context(db: Database) -> None:
    """An archived claim's context (a fact-check's headline: claims-csv `title`, ClaimReview `name`),
    which matching indexes and embeds beside the claim's text: a tweet often repeats the headline's
    words, not the claim's. Kept apart from the match index so a text edit, which indexes the claim
    afresh, keeps it; a trigger forgets it with its claim, so a reused id never inherits it."""
    db["claim_context"].create({"claim_id": int, "context": str}, pk="claim_id", not_null={"context"})
    db.execute(
        "CREATE TRIGGER claim_context_forget AFTER DELETE ON claims BEGIN "
        "DELETE FROM claim_context WHERE claim_id = old.id; END"
    )

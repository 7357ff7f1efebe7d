"""The one API the CLI and the TUI call: import, read, review, search and export.

Each call opens its own connection, so the TUI can run it from a worker thread.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from workbench.config import Settings, default_reviewer
from workbench.domain.changes import AttachUndo, EditSourceUndo, LinkUndo, RemoveSourceUndo, VerdictUndo
from workbench.domain.records import Article, AttachedSource, AuditRow, Verdict
from workbench.domain.vocab import ChangeAction, ClaimKind, ClaimStatus, LinkRelation, LinkState, Stance
from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.i18n import _, rating_label, vocabulary_label
from workbench.models import (
    ArchiveImport,
    ArticleInput,
    ArticleSummary,
    Change,
    ClaimDraft,
    ClaimFilter,
    ClaimReview,
    ClaimRow,
    ImportResult,
    SearchHit,
)
from workbench.nlp.language import resolve_language
from workbench.store import Store, session
from workbench.text import strip_controls
from workbench.urls import validate_url

if TYPE_CHECKING:
    from workbench.editing import ClaimEditor
    from workbench.matching.embedding import Embedder
    from workbench.matching.engine import Match
    from workbench.matching.links import Suggestion

SEEDED_KEY = "seeded"
INDEX_BATCH = 64
"""Claims `workbench index` embeds per transaction: a few seconds of the model on a busy machine,
so a stopped run loses little and progress moves often."""
QUEUE_LIMIT = 200
"""Claims the review queue lists at once: a day's work, read in a blink even beside a large archive."""
PASTED = "Pasted text"
"""The origin of an article pasted into the TUI, as messages name it."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def content_hash(text: str) -> str:
    """Identity of an article's text: white space folded, so a re-flowed copy is the same article."""
    folded = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Workbench:
    """The headless core, bound to one database file and one acting reviewer."""

    def __init__(self, db_path: Path, actor: str | None = None, settings: Settings | None = None):
        self.db_path = Path(db_path)
        self.settings = settings or Settings()
        self.actor = default_reviewer(actor, self.settings.reviewer)

    @contextmanager
    def store(self, *, create: bool = False) -> Iterator[Store]:
        """A store on a fresh connection, closed afterwards; a SQLite failure inside leaves as StoreUnavailable."""
        with session(self.db_path, self.actor, create=create) as store:
            yield store

    def ensure_database(self) -> None:
        """Create and migrate the database file if needed, so a new user's TUI opens on an empty list."""
        with self.store(create=True):
            pass

    # -- import ---------------------------------------------------------------

    def import_articles(
        self,
        articles: list[ArticleInput],
        progress: Callable[[ImportResult], None] | None = None,
    ) -> list[ImportResult]:
        """Extract and store articles, one transaction each; an already stored text is reported, not added.

        Every article is extracted before the first is written, so an article the workbench
        refuses (no claims in it) leaves the database as it was; a language it cannot read is
        refused before the database is even opened (or made).
        """
        articles = [self.resolve_language(article) for article in articles]
        with self.store(create=True) as store:
            prepared = [self._prepare(store, article) for article in articles]
            results = []
            stored_now: dict[str, ImportResult] = {}
            for article, digest, claims, existing in prepared:
                if existing is None and digest in stored_now:
                    first = stored_now[digest]
                    existing = replace(first, created=False, origin=article.origin)
                if existing is None:
                    article_id, matched = self._store_article(store, article, digest, claims)
                    if matched is None:  # another process stored the same text since it was read
                        count = len(store.claims(article_id=article_id))
                        result = ImportResult(
                            article_id, store.article(article_id)["title"], count, False, article.origin
                        )
                    else:
                        result = ImportResult(article_id, article.title, len(claims), True, article.origin, matched)
                    stored_now[digest] = result
                else:
                    result = existing
                results.append(result)
                if progress:
                    progress(result)
        return results

    def _store_article(
        self, store: Store, article: ArticleInput, digest: str, claims: list[ClaimDraft]
    ) -> tuple[int, int | None]:
        """Article, claims, index terms and suggested links in one transaction; returns (id, claims
        matched), or (the stored id, None) when another process stored the same text meanwhile:
        the check runs under the write lock, so two imports of one article never both write."""
        from workbench.matching.engine import Matcher
        from workbench.matching.links import matched_count

        with store.transaction():
            stored = store.article_id_by_hash(digest)
            if stored is not None:
                return stored, None
            article_id, claim_ids = store.insert_article(article, digest, claims)
            matcher = Matcher(store, self.embedder())
            matcher.index(matcher.features(claim_ids), dict.fromkeys(claim_ids, article_id))
            matcher.embed(claim_ids)  # tens of claims: under a second, so matching sees them at once
            made = matcher.link(claim_ids)
        return article_id, matched_count(made, claim_ids)

    def _prepare(
        self, store: Store, article: ArticleInput
    ) -> tuple[ArticleInput, str, list[ClaimDraft], ImportResult | None]:
        """The article with its language resolved and claims extracted, or the stored copy of it."""
        digest = content_hash(article.text)
        existing_id = store.article_id_by_hash(digest)
        if existing_id is not None:
            stored = store.article(existing_id)
            count = len(store.claims(article_id=existing_id))
            return article, digest, [], ImportResult(existing_id, stored["title"], count, False, article.origin)
        claims = self.extract(article.text, article.language, article.published)
        if article.outlet:
            # Nobody named in the text: the article itself (its outlet) asserts the claim.
            claims = [c if c.claimant else replace(c, claimant=article.outlet) for c in claims]
        if not claims:
            name = "Standard input" if article.origin == "-" else article.origin
            raise InvalidInput(f"{name} has no sentences the workbench can read as claims.")
        return article, digest, claims, None

    def import_claims_csv(self, data: str, origin: str, progress: Callable[[int], None] | None = None) -> ArchiveImport:
        """Store an archive of earlier claims (one article per file), with verdicts where rated.

        Rows are cut already, so they go through the light pipeline (entities, figures, dates;
        no parse). Every row is indexed for matching; suggestions against earlier claims are made
        at once for archives up to archive.LINK_ON_IMPORT rows, and by `dedupe` for larger ones.
        """
        from workbench.archive import ArchiveImporter, archive_hash
        from workbench.ingest.claims_csv import ClaimsCsv

        name = "Standard input" if origin == "-" else origin
        archive = ClaimsCsv(data, name, self.settings.max_claim_chars)
        problems: list[str] = []
        count, digest = archive_hash(row.text for row in archive.rows(problems))
        if not count:
            raise InvalidInput(f"{name} has no usable row; nothing was imported.")
        return ArchiveImporter(self.store, self.settings, self.actor).run(
            archive.rows, count, digest, problems, origin, progress
        )

    def import_claimreview(
        self, data: str, origin: str, progress: Callable[[int], None] | None = None
    ) -> ArchiveImport:
        """Store ClaimReview JSON-LD (one review, a list, or an @graph) as an archive of earlier claims.

        Each review becomes a claim with its verdict (foreign labels mapped onto the scale by the
        settings), its sources (citations, appearances and the review's own url), matched against
        earlier claims exactly as a CSV archive is.
        """
        from workbench.archive import ArchiveImporter, archive_hash
        from workbench.ingest.claimreview import read_claimreview

        rows, problems = read_claimreview(data, "Standard input" if origin == "-" else origin, self.settings)
        count, digest = archive_hash(row.text for row in rows)
        return ArchiveImporter(self.store, self.settings, self.actor).run(
            lambda: iter(rows), count, digest, problems, origin, progress, note_origin=False
        )

    def resolve_language(self, article: ArticleInput) -> ArticleInput:
        return replace(
            article, language=resolve_language(article.language, article.text, self.settings.languages, article=True)
        )

    def load_models(self, languages: tuple[str, ...] = ("es", "en")) -> None:
        """Load the extraction pipelines now (seconds for Spanish), so the first edit or import
        does not wait for them; the TUI calls this in a worker after its first paint."""
        from workbench.nlp.pipeline import load_nlp

        for language in languages:
            load_nlp(language)

    def extract(self, text: str, language: str, published: str | None = None) -> list[ClaimDraft]:
        """Claims of a text, without storing anything."""
        from workbench.nlp.extract import extract_claims

        return extract_claims(text, language, published)

    def read_article(
        self,
        path: str,
        *,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        language: str = "auto",
    ) -> ArticleInput:
        """An article file (text, Markdown or HTML; '-' for stdin) read and checked, not yet stored.

        The CLI and the TUI both read files through here, so both refuse the same files the same way.
        """
        from workbench.ingest.reader import parse_article, read_bytes

        return parse_article(
            read_bytes(path, self.settings.max_article_bytes),
            origin=path,
            title=title,
            url=url,
            outlet=outlet,
            published=published,
            language=language,
        )

    def pasted_article(
        self, text: str, *, title: str | None = None, published: str | None = None, language: str = "auto"
    ) -> ArticleInput:
        """An article from text pasted into the TUI, checked as a file would be; `PASTED` names it in messages."""
        from workbench.ingest.reader import parse_article

        data = text.encode("utf-8")
        if len(data) > self.settings.max_article_bytes:
            size = self.settings.max_article_bytes / (1024 * 1024)
            raise InvalidInput(f"The pasted text is larger than the {size:g} MB limit for an article.")
        return parse_article(data, origin=PASTED, title=title or None, published=published or None, language=language)

    def seed(self, seeds_dir: Path, *, again: bool = False) -> list[ImportResult]:
        """Import the articles a folder's manifest.json lists, with the language, date and title it
        gives each. A new database is seeded once (the TUI's first run); `again` imports the folder
        whatever was seeded before (already stored articles are reported, not added)."""
        with self.store(create=True) as store:
            if store.get_meta(SEEDED_KEY) and not again:
                return []
        manifest_path = Path(seeds_dir) / "manifest.json"
        if not manifest_path.is_file():
            raise NotFound(f"There is no manifest.json in {seeds_dir}; it lists the articles to import.")
        try:
            entries = json.loads(manifest_path.read_text(encoding="utf-8"))["articles"]
            articles = [
                self.read_article(
                    str(Path(seeds_dir) / entry["path"]),
                    title=entry.get("title"),
                    url=entry.get("url"),
                    outlet=entry.get("outlet"),
                    published=entry.get("published"),
                    language=entry.get("language", "auto"),
                )
                for entry in entries
            ]
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidInput(f"{manifest_path} is not a seed manifest ({error}).") from None
        results = self.import_articles(articles)
        with self.store() as store:
            store.set_meta(SEEDED_KEY, str(seeds_dir))
        return results

    # -- read -----------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        with self.store() as store:
            return store.article_summaries()

    def article_text(self, article_id: int) -> str:
        with self.store() as store:
            return store.article(article_id)["text"]

    def claims(
        self,
        article_id: int | None = None,
        *,
        status: str | None = None,
        rating: str | None = None,
        kind: str | None = None,
        entity: str | None = None,
    ) -> list[ClaimRow]:
        """Stored claims in article and text order, all of them or those the filters let through.

        :param status: new, in_review or checked.
        :param rating: the latest verdict's rating, in any spelling the settings map onto the scale.
        :param kind: event, quantity, statement, prediction or opinion.
        :param entity: an entity's canonical name or its text in the claim, case and accents ignored.
        """
        filters = self.claim_filter(article_id=article_id, status=status, rating=rating, kind=kind, entity=entity)
        with self.store() as store:
            if filters == ClaimFilter(article_id=article_id):
                return store.claims(article_id=article_id)
            ids = store.filtered_claim_ids(filters)
            return store.claims(claim_ids=ids) if ids else []

    def queue(
        self,
        *,
        article_id: int | None = None,
        status: str | None = None,
        rating: str | None = None,
        kind: str | None = None,
        entity: str | None = None,
        limit: int = QUEUE_LIMIT,
    ) -> list[ClaimRow]:
        """Checkable claims awaiting review across articles, highest check-worthiness score first.

        Without a status or rating, claims already checked are left out; archived earlier claims
        are reference, not work, so they are left out unless `article_id` names their archive.
        Filters are as for `claims`.
        """
        if limit < 1:
            raise InvalidInput("The queue limit must be at least 1.")
        filters = replace(
            self.claim_filter(article_id=article_id, status=status, rating=rating, kind=kind, entity=entity),
            checkable=True,
            open_only=status is None and rating is None,
            exclude_archives=article_id is None,
        )
        with self.store() as store:
            ids = store.filtered_claim_ids(filters, by_score=True, limit=limit)
            rows = {row.id: row for row in store.claims(claim_ids=ids)} if ids else {}
        return [rows[claim_id] for claim_id in ids]

    def claim_filter(
        self,
        *,
        article_id: int | None = None,
        status: str | None = None,
        rating: str | None = None,
        kind: str | None = None,
        entity: str | None = None,
    ) -> ClaimFilter:
        """Filter values as a user types them, checked and spelled as stored; one that cannot match is refused."""
        status_value = (
            None if status is None else ClaimStatus.parse("_".join(status.strip().lower().replace("-", " ").split()))
        )
        kind_value = None if kind is None else ClaimKind.parse(kind.strip().lower())
        if rating is not None:
            found = self.settings.foreign_rating(rating)
            if found is None:
                raise InvalidInput(f"{rating!r} is not a rating; use one of: {', '.join(self.settings.ratings)}.")
            rating = found
        if entity is not None:
            entity = " ".join(entity.split())
            if not entity:
                raise InvalidInput("The entity to filter by is empty.")
        return ClaimFilter(article_id=article_id, status=status_value, rating=rating, kind=kind_value, entity=entity)

    def entity_names(self, limit: int = 500) -> list[str]:
        """Names the entity filter knows, most frequent first: for completing what a reviewer types."""
        with self.store() as store:
            return store.entity_names(limit)

    def claim(self, claim_id: int) -> ClaimRow:
        with self.store() as store:
            return store.claim(claim_id)

    def claims_by_id(self, claim_ids: list[int]) -> dict[int, ClaimRow]:
        """Stored claims by id; ids with no claim are left out."""
        with self.store() as store:
            return {claim.id: claim for claim in store.claims(claim_ids=list(claim_ids))}

    def review(self, claim_id: int) -> ClaimReview:
        """A claim with its verdicts, sources and links, and what it inherits from its duplicate cluster."""
        from workbench.matching.links import duplicate_clusters

        with self.store() as store:
            claim = store.claim(claim_id)
            verdicts = store.verdict_history(claim_id)
            canonical = duplicate_clusters(store).get(claim_id)
            canonical = canonical if canonical != claim_id else None
            inherited = None
            inherited_sources: list[AttachedSource] = []
            if canonical is not None:
                inherited_sources = store.sources(canonical)
                if not verdicts:
                    history = store.verdict_history(canonical)
                    inherited = history[-1] if history else None
            return ClaimReview(
                claim, verdicts, store.sources(claim_id), store.links(claim_id), canonical, inherited, inherited_sources
            )

    def history(self, claim_id: int) -> list[AuditRow]:
        """Who changed what about a claim, and when: its import, verdicts, sources, status, links."""
        with self.store() as store:
            return store.claim_history(claim_id)

    def verdict_history(self, claim_id: int) -> list[Verdict]:
        with self.store() as store:
            store.claim(claim_id)
            return store.verdict_history(claim_id)

    def sources(self, claim_id: int) -> list[AttachedSource]:
        with self.store() as store:
            store.claim(claim_id)
            return store.sources(claim_id)

    def search(self, query: str) -> list[SearchHit]:
        query = _CONTROL.sub(" ", query)
        if not query.strip():
            raise InvalidInput("The search query is empty.")
        if not re.search(r"\w", query):
            return []  # punctuation alone matches nothing, and FTS5 refuses an empty phrase
        from workbench.matching.terms import stems

        # Quotes ask for the words as written; otherwise other forms of each word count too.
        groups = set() if '"' in query else {tuple(stems(query, language)) for language in self.settings.languages}
        with self.store() as store:
            return store.search(query, stem_groups=sorted(groups))

    # -- review ---------------------------------------------------------------

    def add_source(
        self,
        claim_id: int,
        url: str,
        *,
        stance: str = Stance.CONTEXT,
        title: str | None = None,
        publisher: str | None = None,
        excerpt: str | None = None,
        date: str | None = None,
        version: int | None = None,
    ) -> Change:
        """Attach a source; with `version`, refused if the claim changed since the reviewer read it."""
        from workbench.ingest.reader import validate_date

        stance = _stance(stance)
        validate_url(url)
        date = validate_date(date) if date else None
        with self.store() as store:
            attachment = store.add_source(
                claim_id,
                url.strip(),
                stance=stance,
                title=title,
                publisher=publisher,
                excerpt=excerpt,
                date=date,
                version=version,
            )
        return Change(
            ChangeAction.SOURCE,
            claim_id,
            _("Source {attachment} attached to claim {claim}.").format(attachment=attachment, claim=claim_id),
            AttachUndo(attachment),
        )

    def edit_source(self, attachment: int, **fields: str | None) -> Change:
        """Change an attached source's url, title, publisher, date, excerpt or stance."""
        if "stance" in fields:
            fields["stance"] = _stance(fields["stance"] or "")
        if "url" in fields:
            validate_url(fields["url"] or "")
        if date := fields.get("date"):
            from workbench.ingest.reader import validate_date

            fields["date"] = validate_date(date)
        with self.store() as store:
            before = store.review.edit_source(attachment, fields)
        undo = EditSourceUndo(attachment, {k: before[k] for k in fields})
        return Change(
            ChangeAction.EDIT_SOURCE,
            before["claim_id"],
            _("Source {attachment} of claim {claim} edited.").format(attachment=attachment, claim=before["claim_id"]),
            undo,
        )

    def remove_source(self, attachment: int) -> Change:
        """Take a source off its claim; it stays in the database, marked removed, and undo puts it back."""
        with self.store() as store:
            store.review.source(attachment)
            claim_id = store.review.set_source_removed(attachment, True)
        return Change(
            ChangeAction.REMOVE_SOURCE,
            claim_id,
            _("Source {attachment} removed from claim {claim}.").format(attachment=attachment, claim=claim_id),
            RemoveSourceUndo(attachment),
        )

    def add_verdict(
        self,
        claim_id: int,
        rating: str,
        rationale: str | None = None,
        reviewer: str | None = None,
        version: int | None = None,
    ) -> Change:
        """Append a verdict; with `version`, refused if the claim changed since the reviewer read it."""
        canonical = self.rating(rating)
        with self.store() as store:
            status = store.claim(claim_id).status
            verdict = store.add_verdict(claim_id, canonical, rationale, reviewer or self.actor, version)
        note = _("Claim {claim}: {rating}.").format(claim=claim_id, rating=rating_label(canonical))  # i18n (issue 17)
        return Change(ChangeAction.VERDICT, claim_id, note, VerdictUndo(verdict, status))

    # -- editing claims ---------------------------------------------------------

    def edit_claim(self, claim_id: int, text: str, version: int | None = None) -> Change:
        """Rewrite a claim's text; its entities, dates and figures are read again from the new text."""
        with self.store() as store:
            return self._editor(store).edit_text(claim_id, text, version)

    def set_article(
        self,
        article_id: int,
        *,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        language: str | None = None,
    ) -> tuple[dict[str, Any], list[int]]:
        """Correct an article's metadata after import (a re-import is "Already imported"); a new
        date or language resolves its claims' dates again. Returns the fields changed and the claims
        whose dates changed; each write is audited. An empty string clears url, outlet or published.
        """
        from workbench.ingest.reader import validate_date

        fields: dict[str, Any] = {}
        if title is not None:
            fields["title"] = " ".join(strip_controls(title).split())
            if not fields["title"]:
                raise InvalidInput("An article's title cannot be empty.")
        if url is not None:
            fields["url"] = validate_url(url) if url.strip() else None
        if outlet is not None:
            fields["outlet"] = " ".join(strip_controls(outlet).split()) or None
        if published is not None:
            fields["published"] = validate_date(published) if published.strip() else None
        if language is not None:
            if language not in self.settings.languages:
                raise InvalidInput(f"Unknown language {language!r}; use one of: {', '.join(self.settings.languages)}.")
            fields["language"] = language
        if not fields:
            raise InvalidInput("Nothing to change: give --title, --url, --outlet, --published or --lang.")
        with self.store() as store:
            article = store.article(article_id)
            current: dict[str, Any] = dict(article)
            changed = {k: v for k, v in fields.items() if current[k] != v}
            editor = self._editor(store)
            corrected = cast(Article, current | changed)
            dates = editor.dates_for(corrected) if {"published", "language"} & set(changed) else {}
            with store.transaction():  # one write: a failure above leaves the article as it was
                if store.article(article_id) != article:
                    raise Conflict(f"Article {article_id} was changed meanwhile; run the command again.")
                store.update_article(article_id, changed)
                editor.redate(dates)
        return changed, sorted(dates)

    def split_claim(self, claim_id: int, at: int, version: int | None = None) -> Change:
        """Cut a claim in two at character `at` of its text; the second part becomes a new claim."""
        with self.store() as store:
            return self._editor(store).split(claim_id, at, version)

    def merge_next(self, claim_id: int, version: int | None = None) -> Change:
        """Join a claim with the next claim of its article."""
        with self.store() as store:
            return self._editor(store).merge_next(claim_id, version)

    def set_checkable(self, claim_id: int, checkable: bool, version: int | None = None) -> Change:
        """Mark a claim not checkable (an opinion, a description), or restore it."""
        with self.store() as store:
            return self._editor(store).set_checkable(claim_id, checkable, version)

    def add_claim(self, article_id: int, start: int, end: int) -> Change:
        """A claim from the passage text[start:end] of an article, which extraction missed."""
        with self.store() as store:
            return self._editor(store).add_from_span(article_id, start, end)

    def undo(self, change: Change) -> str:
        """Take back a review write (any Change this class returned) as a new, audited write."""
        with self.store() as store:
            return self._editor(store).undo(change)

    def last_change(self) -> int:
        """A number that grows with every write to the database, by anyone: a screen that saw
        a smaller one shows data another reviewer may have changed since."""
        with self.store() as store:
            return store.last_audit_id()

    def _editor(self, store: Store) -> ClaimEditor:
        from workbench.editing import ClaimEditor

        return ClaimEditor(store, self.settings.max_claim_chars)

    def rating(self, value: str) -> str:
        """The scale's spelling of a rating given in any case, in English or Spanish; anything else is refused."""
        return self.settings.rating(value)

    def backup(self, target: Path) -> None:
        """Copy the database with SQLite's online backup API; readers and writers carry on."""
        target = Path(target)
        if target.exists():
            raise InvalidInput(f"{target} already exists; choose a new backup file.")
        if not target.parent.exists():
            raise InvalidInput(f"Cannot write {target}: the folder {target.parent} does not exist.")
        with self.store() as store:
            store.backup(target)

    # -- matching -------------------------------------------------------------

    def match(self, text: str, limit: int = 10, language: str = "auto") -> list[Match]:
        """Earlier claims ranked by similarity to a text, each with the relation it would have."""
        return self.match_many([text], limit, language)[0]

    def match_many(self, texts: list[str], limit: int = 10, language: str = "auto") -> list[list[Match]]:
        """Matches for many query texts, read as archived claims are (the light pipeline's entities,
        figures and dates): both sides get their features the same way. The query side reads them
        without importing spaCy (nlp/query_analysis.py, the same terms), so a one-shot match starts
        in a blink."""
        from workbench.matching.engine import Matcher, query_features
        from workbench.nlp.query_analysis import query_draft

        if limit < 1:
            raise InvalidInput("--limit must be at least 1.")
        languages = [resolve_language(language, text, self.settings.languages) for text in texts]
        extracted = {i: [query_draft(text, languages[i])] for i, text in enumerate(texts)}
        with self.store() as store:
            self._ensure_indexed(store)
            matcher = Matcher(store, self.embedder())
            asked = [i for i, text in enumerate(texts) if text.strip()]
            vectors = dict(zip(asked, matcher.query_vectors([texts[i] for i in asked])))
            matcher.prepare(list(vectors.values()), limit)
            return [
                matcher.match(query_features(text, extracted[i], languages[i], None), limit, vector=vectors[i])
                if i in vectors
                else []
                for i, text in enumerate(texts)
            ]

    def matches_for(self, claim_id: int, limit: int = 10) -> list[Match]:
        """Other claims ranked by similarity to a stored claim, each with its relation."""
        from workbench.matching.engine import Matcher

        with self.store() as store:
            self._ensure_indexed(store)
            matcher = Matcher(store, self.embedder())
            query = matcher.features([claim_id]).get(claim_id)
            if query is None:
                raise NotFound(f"There is no claim with id {claim_id}.")
            vector = matcher.stored_vectors([claim_id]).get(claim_id)
            return matcher.match(query, limit, exclude={claim_id}, vector=vector, query_claim=claim_id)

    def embedder(self) -> Embedder | None:
        """The sentence-embedding model matching uses, or None: semantic matching turned off in
        the settings, or no model that runs on this machine (matching is lexical then)."""
        if not self.settings.semantic:
            return None
        from workbench.matching.embedding import default_embedder

        return default_embedder()

    def index_vectors(self, batch: int = INDEX_BATCH, progress: Callable[[int, int], None] | None = None) -> int:
        """Embed every claim with no vector yet, `batch` claims a transaction, oldest first; returns
        how many were embedded. Stopped and run again, it resumes where it stopped: only what a
        committed batch stored is skipped. progress(done, total) follows each batch."""
        embedder = self.embedder()
        if embedder is None:
            raise InvalidInput(
                "Semantic matching is off ([matching] semantic = false) or the embedding model cannot run here; "
                "there is nothing to index."
            )
        done = 0
        with self.store() as store:
            total = store.vectors.pending_count(embedder.name)
            if progress:
                progress(0, total)
            while pending := store.vectors.pending(embedder.name, batch):
                rows = embedder.passages([text for _, text in pending])
                with store.transaction():
                    store.vectors.put(embedder.name, [claim_id for claim_id, _ in pending], rows)
                done += len(pending)
                if progress:
                    progress(done, max(total, done))
        return done

    def dedupe(
        self, apply: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Suggestion], list[Suggestion]]:
        """Suggest links between all stored claims; with apply, confirm duplicates above the threshold.

        Returns (suggested, confirmed). Rejected pairs stay rejected; conflicts are never confirmed.
        """
        from workbench.matching.engine import Matcher

        with self.store() as store, store.transaction():
            self._ensure_indexed(store)
            matcher = Matcher(store, self.embedder())
            made = matcher.link_all(progress)
            confirmed = matcher.confirm_duplicates(made) if apply else []
        return made, confirmed

    def set_link(self, claim_a: int, claim_b: int, state: str, relation: str | None = None) -> Change:
        """A reviewer confirms (as duplicate, related, near-miss or conflict) or rejects a pair."""
        if claim_a == claim_b:
            raise InvalidInput("A claim cannot be linked to itself.")
        decided = LinkState.parse(state)
        kind = None if relation is None else LinkRelation.parse(relation)
        with self.store() as store, store.transaction():
            if decided == LinkState.CONFIRMED and (kind or LinkRelation.DUPLICATE) == LinkRelation.DUPLICATE:
                _refuse_chaining(store, claim_a, claim_b)
            before = store.set_link_state(claim_a, claim_b, decided, kind)
        if decided == LinkState.REJECTED:  # i18n: notes are shown (issue 17)
            note = _("Claims {first} and {second}: rejected.").format(first=claim_a, second=claim_b)
        else:
            note = _("Claims {first} and {second}: confirmed as {relation}.").format(
                first=claim_a, second=claim_b, relation=vocabulary_label("relation", kind or LinkRelation.DUPLICATE)
            )
        return Change(ChangeAction.LINK, claim_a, note, LinkUndo(claim_a, claim_b, before))

    @staticmethod
    def _ensure_indexed(store: Store) -> None:
        """Index claims stored before the match index existed (counted first: cheap when none are)."""
        from workbench.matching.engine import Matcher

        if store.index.size() == store.claim_count():
            return
        missing = sorted(set(store.claim_ids()) - set(store.index.indexed_ids()))
        if missing:
            matcher = Matcher(store)
            found = matcher.features(missing)
            matcher.index(found, {c.id: c.article_id for c in store.matchable_claims(missing)})

    # -- export ---------------------------------------------------------------

    def export(
        self,
        fmt: str,
        article_id: int | None = None,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        status: str | None = None,
        cluster: int | None = None,
        warnings: list[str] | None = None,
        unreviewed: bool = False,
    ) -> str:
        """A report in a format (json, md, html, csv, claimreview) of everything, or of the claims in scope.

        :param article_id: only this article.
        :param date_from: only articles published on or after this date (YYYY-MM-DD).
        :param date_to: only articles published on or before this date.
        :param status: only claims with this review status (new, in_review, checked).
        :param cluster: only the confirmed duplicate cluster of this claim.
        :param warnings: a list the writer's warnings are added to (a long claimReviewed, say).
        :param unreviewed: Markdown and HTML list unreviewed claims too, instead of counting them.
        """
        from workbench.export import check_format, render
        from workbench.export.document import Scope

        check_format(fmt)
        if fmt == "claimreview" and not self.settings.organization.configured:
            raise InvalidInput(
                "ClaimReview names your organisation as the author of every review: set name, url and "
                "review_url under [organization] in the settings file (workbench.toml) first."
            )
        scope = Scope.checked(article_id, date_from, date_to, status, cluster)
        with self.store() as store:
            # A cluster's report is about those few claims: all of them are listed.
            listed = unreviewed or cluster is not None
            return render(fmt, store, scope, self.settings, warnings, list_unreviewed=listed)

    def export_to(
        self,
        out: Path,
        fmt: str,
        article_id: int | None = None,
        *,
        force: bool = False,
        warnings: list[str] | None = None,
        **scope: Any,
    ) -> Path:
        """Write a report to a file: refused before any work if the file exists (unless force),
        its folder is missing or it is the database; written beside and renamed into place."""
        from workbench.export import check_format

        check_format(fmt)
        out = Path(out)
        _check_out(out, force, self.db_path)
        _write_atomically(out, self.export(fmt, article_id, warnings=warnings, **scope))
        return out


def _check_out(out: Path, force: bool, db_path: Path) -> None:
    """Refuse a report file that cannot or should not be written, before any work is done."""
    if out.is_dir():
        raise InvalidInput(f"Cannot write {out}: it is a folder.")
    if not out.parent.exists():
        raise InvalidInput(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.exists() and not out.is_file():
        raise InvalidInput(f"Cannot write {out}: it is not a regular file (a pipe or a device); reports go to files.")
    database = db_path.resolve()
    if out.resolve() in {
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    }:
        raise InvalidInput(f"Cannot write {out}: it is the database itself.")
    if out.exists() and not force:
        raise InvalidInput(f"{out} already exists; choose a new file or add --force to replace it.")


def _write_atomically(out: Path, text: str) -> None:
    """Write beside the target and rename over it, so a reader never sees half a report.

    The temporary file has a name of its own per write, so two exports to one path never share
    it; a write the disk or the folder refuses is one sentence, and leaves nothing behind.
    """
    import tempfile

    try:
        descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    except OSError as error:
        raise InvalidInput(f"Cannot write {out}: {error.strerror or error}.") from None
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(partial, 0o644)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {out}: {error.strerror or error}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _refuse_chaining(store: Store, claim_a: int, claim_b: int) -> None:
    """A reviewer's duplicate joins two clusters only when no pair across them was decided apart:
    confirmed a near-miss or a conflict, or rejected. Otherwise one canonical verdict would cover
    claims a reviewer said are not the same."""
    from workbench.matching.links import duplicate_clusters

    clusters = duplicate_clusters(store)
    members: dict[int, set[int]] = {}
    for claim, canonical in clusters.items():
        members.setdefault(canonical, set()).add(claim)
    left = members.get(clusters.get(claim_a, -1), {claim_a})
    right = members.get(clusters.get(claim_b, -1), {claim_b})
    for own, links in store.links_by_claim(sorted(left)).items():
        for link in links:
            apart = link["state"] == LinkState.REJECTED or (
                link["state"] == LinkState.CONFIRMED
                and link["relation"] in {LinkRelation.NEAR_MISS, LinkRelation.CONFLICT}
            )
            if apart and link["claim"] in right and {own, link["claim"]} != {claim_a, claim_b}:
                decided = "rejected as duplicates" if link["state"] == LinkState.REJECTED else f"a {link['relation']}"
                raise Conflict(
                    f"Confirming claims {claim_a} and {claim_b} as duplicates would put claims {own} and "
                    f"{link['claim']} in one cluster, but they were {decided}; change that link first."
                )


def _stance(stance: str) -> Stance:
    return Stance.parse(stance.strip().lower())


def extract_texts(texts: list[str], language: str, settings: Settings) -> Iterator[list[ClaimDraft]]:
    """Claims of several texts without storing anything; 'auto' is decided on all of them at once."""
    from workbench.nlp.extract import extract_many

    return extract_many(texts, resolve_language(language, "\n".join(texts), settings.languages, article=True))

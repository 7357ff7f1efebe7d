"""The one API the CLI and the TUI call: import, read, review, search and export.

Each call opens its own connection, so the TUI can run it from a worker thread. The work itself
is in `workbench.usecases`, functions of a store and the settings; this facade opens the session,
checks what can be checked before the database is opened, and calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.config import Settings, default_reviewer
from workbench.domain.vocab import Stance
from workbench.errors import InvalidInput
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
from workbench.nlp.posts import searchable
from workbench.store import Store, session
from workbench.usecases import articles, finding, importing, linking, reading, reports, reviewing
from workbench.usecases.finding import INDEX_BATCH
from workbench.usecases.importing import PASTED, SEEDED_KEY, content_hash, extract_texts
from workbench.usecases.reading import QUEUE_LIMIT

if TYPE_CHECKING:
    from workbench.domain.records import AttachedSource, AuditRow, Verdict
    from workbench.editing import ClaimEditor
    from workbench.matching.embedding import Embedder
    from workbench.matching.engine import Match
    from workbench.matching.links import Suggestion

__all__ = [
    "INDEX_BATCH",
    "PASTED",
    "QUEUE_LIMIT",
    "SEEDED_KEY",
    "Workbench",
    "content_hash",
    "extract_texts",
    "resolve_language",
]


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
        extracting: Callable[[int, int], None] | None = None,
    ) -> list[ImportResult]:
        """Extract and store articles, one transaction each; an already stored text is reported, not added.

        Every article is extracted before the first is written, so an article the workbench
        refuses (no claims in it) leaves the database as it was; a language it cannot read is
        refused before the database is even opened (or made). extracting(done, total) follows the
        extraction (most of an import's time), progress(result) each article stored.
        """
        articles = [self.resolve_language(article) for article in articles]
        with self.store(create=True) as store:
            return importing.import_articles(store, self.settings, articles, self.embedder(), progress, extracting)

    def import_claims_csv(
        self,
        data: str,
        origin: str,
        progress: Callable[[int, int], None] | None = None,
        linking: Callable[[int, int], None] | None = None,
    ) -> ArchiveImport:
        """Store an archive of earlier claims (one article per file), with verdicts where rated.

        Rows are cut already, so they go through the light pipeline (entities, figures, dates;
        no parse). Every row is indexed for matching; suggestions against earlier claims are made
        at once for archives up to archive.LINK_ON_IMPORT rows, and by `dedupe` for larger ones.
        """
        return importing.import_claims_csv(self.store, self.settings, self.actor, data, origin, progress, linking)

    def import_claimreview(
        self,
        data: str,
        origin: str,
        progress: Callable[[int, int], None] | None = None,
        linking: Callable[[int, int], None] | None = None,
    ) -> ArchiveImport:
        """Store ClaimReview JSON-LD (one review, a list, or an @graph) as an archive of earlier claims.

        Each review becomes a claim with its verdict (foreign labels mapped onto the scale by the
        settings), its sources (citations, appearances and the review's own url), matched against
        earlier claims exactly as a CSV archive is.
        """
        return importing.import_claimreview(self.store, self.settings, self.actor, data, origin, progress, linking)

    def resolve_language(self, article: ArticleInput) -> ArticleInput:
        return importing.with_language(article, self.settings)

    def load_models(self, languages: tuple[str, ...] = ("es", "en")) -> None:
        """Load the extraction pipelines now (seconds for Spanish), so the first edit or import
        does not wait for them; the TUI calls this in a worker after its first paint."""
        from workbench.nlp.pipeline import load_nlp

        for language in languages:
            load_nlp(language)

    def extract(self, text: str, language: str, published: str | None = None) -> list[ClaimDraft]:
        """Claims of a text, without storing anything."""
        return importing.extract(text, language, published)

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
        return importing.read_article(
            self.settings, path, title=title, url=url, outlet=outlet, published=published, language=language
        )

    def pasted_article(
        self, text: str, *, title: str | None = None, published: str | None = None, language: str = "auto"
    ) -> ArticleInput:
        """An article from text pasted into the TUI, checked as a file would be; `PASTED` names it in messages."""
        return importing.pasted_article(self.settings, text, title=title, published=published, language=language)

    def seed(self, seeds_dir: Path, *, again: bool = False) -> list[ImportResult]:
        """Import the articles a folder's manifest.json lists, with the language, date and title it
        gives each. A new database is seeded once (the TUI's first run); `again` imports the folder
        whatever was seeded before (already stored articles are reported, not added)."""
        with self.store(create=True) as store:
            if store.meta.get(SEEDED_KEY) and not again:
                return []
        results = self.import_articles(importing.seed_articles(self.settings, seeds_dir))
        with self.store() as store:
            store.meta.set(SEEDED_KEY, str(seeds_dir))
        return results

    # -- read -----------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        with self.store() as store:
            return store.articles.article_summaries()

    def article_text(self, article_id: int) -> str:
        with self.store() as store:
            return store.articles.get(article_id)["text"]

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
        return self.listed(
            self.claim_filter(article_id=article_id, status=status, rating=rating, kind=kind, entity=entity)
        )

    def listed(self, filters: ClaimFilter) -> list[ClaimRow]:
        """Stored claims a checked filter (see claim_filter) lets through, as `claims` lists them."""
        with self.store() as store:
            return reading.claims(store, filters)

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
        filters = self.claim_filter(article_id=article_id, status=status, rating=rating, kind=kind, entity=entity)
        return self.queued(filters, limit)

    def queued(self, filters: ClaimFilter, limit: int = QUEUE_LIMIT) -> list[ClaimRow]:
        """The review queue for a checked filter (see claim_filter), as `queue` lists it."""
        if limit < 1:
            raise InvalidInput("The queue limit must be at least 1.")
        with self.store() as store:
            return reading.queue(store, reading.queue_filter(filters), limit)

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
        return reading.claim_filter(
            self.settings, article_id=article_id, status=status, rating=rating, kind=kind, entity=entity
        )

    def entity_names(self, limit: int = 500) -> list[str]:
        """Names the entity filter knows, most frequent first: for completing what a reviewer types."""
        with self.store() as store:
            return store.claims.entity_names(limit)

    def claim(self, claim_id: int) -> ClaimRow:
        with self.store() as store:
            return store.claims.get(claim_id)

    def claims_by_id(self, claim_ids: list[int]) -> dict[int, ClaimRow]:
        """Stored claims by id; ids with no claim are left out."""
        with self.store() as store:
            return {claim.id: claim for claim in store.claims.rows(claim_ids=list(claim_ids))}

    def review(self, claim_id: int) -> ClaimReview:
        """A claim with its verdicts, sources and links, and what it inherits from its duplicate cluster."""
        with self.store() as store:
            return reading.review(store, claim_id)

    def history(self, claim_id: int) -> list[AuditRow]:
        """Who changed what about a claim, and when: its import, verdicts, sources, status, links."""
        with self.store() as store:
            return store.audit.claim_history(claim_id)

    def verdict_history(self, claim_id: int) -> list[Verdict]:
        with self.store() as store:
            store.claims.get(claim_id)
            return store.verdicts.verdict_history(claim_id)

    def sources(self, claim_id: int) -> list[AttachedSource]:
        with self.store() as store:
            store.claims.get(claim_id)
            return store.sources.of(claim_id)

    def search(self, query: str) -> list[SearchHit]:
        found = reading.search_terms(self.settings, query)
        if found is None:
            return []  # punctuation alone matches nothing, and FTS5 refuses an empty phrase
        with self.store() as store:
            return store.claims.search(found[0], stem_groups=found[1])

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
        checked, date = reviewing.check_source(url, stance, date)
        with self.store() as store:
            return reviewing.add_source(
                store,
                claim_id,
                url,
                stance=checked,
                title=title,
                publisher=publisher,
                excerpt=excerpt,
                date=date,
                version=version,
            )

    def edit_source(self, attachment: int, **fields: str | None) -> Change:
        """Change an attached source's url, title, publisher, date, excerpt or stance."""
        fields = reviewing.check_source_fields(fields)
        with self.store() as store:
            return reviewing.edit_source(store, attachment, fields)

    def remove_source(self, attachment: int) -> Change:
        """Take a source off its claim; it stays in the database, marked removed, and undo puts it back."""
        with self.store() as store:
            return reviewing.remove_source(store, attachment)

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
            return reviewing.add_verdict(store, claim_id, canonical, rationale, reviewer or self.actor, version)

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
        fields = articles.article_fields(
            self.settings, title=title, url=url, outlet=outlet, published=published, language=language
        )
        with self.store() as store:
            return articles.set_article(store, self.settings, article_id, fields)

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
            return store.audit.last_audit_id()

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
        in a blink. A pasted post is looked up without its links and with its hashtags and handles
        as words (nlp/posts.py)."""
        finding.check_limit(limit)
        texts = [searchable(text) for text in texts]
        with self.store() as store:
            # the model loads, embeds the queries and finds their nearest vectors (on a connection
            # of its own) in a thread, while their features and the lexical stage are found here
            embedding = finding.QueryEmbedding(self.settings, texts, self.store, limit)
            languages, extracted = finding.query_drafts(self.settings, texts, limit, language)
            return finding.match_many(store, embedding, texts, limit, languages, extracted)

    def matches_for(self, claim_id: int, limit: int = 10) -> list[Match]:
        """Other claims ranked by similarity to a stored claim, each with its relation."""
        with self.store() as store:
            return finding.matches_for(store, self.embedder(), claim_id, limit)

    def embedder(self) -> Embedder | None:
        """The sentence-embedding model matching uses, or None: semantic matching turned off in
        the settings, or no model that runs on this machine (matching is lexical then)."""
        return finding.default_embedder(self.settings)

    def pending_vectors(self) -> int:
        """Claims with no vector yet (0 with semantic matching off), counted without loading the model."""
        with self.store() as store:
            return finding.pending_vectors(store, self.settings)

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
        with self.store() as store:
            return finding.index_vectors(store, embedder, batch, progress)

    def index_lists(self, progress: Callable[[int, int], None] | None = None) -> int:
        """After the vectors, the lists approximate search reads (finding.index_lists): trained
        when the archive is large enough, every unfiled vector filed; returns how many were filed.
        Needs no model loaded; nothing to do with semantic matching off."""
        if not self.settings.semantic:
            return 0
        from workbench.matching.embedding import E5_NAME

        with self.store() as store:
            return finding.index_lists(store, E5_NAME, progress)

    def dedupe(
        self, apply: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Suggestion], list[Suggestion]]:
        """Suggest links between all stored claims; with apply, confirm duplicates above the threshold.

        Returns (suggested, confirmed). Rejected pairs stay rejected; conflicts are never confirmed.
        """
        with self.store() as store:
            return linking.dedupe(store, self.embedder(), apply, progress)

    def set_link(self, claim_a: int, claim_b: int, state: str, relation: str | None = None) -> Change:
        """A reviewer confirms (as duplicate, related, near-miss or conflict) or rejects a pair."""
        decided, kind = linking.decision(claim_a, claim_b, state, relation)
        with self.store() as store:
            return linking.set_link(store, claim_a, claim_b, decided, kind)

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
        progress: Callable[[int, int], None] | None = None,
    ) -> str:
        """A report in a format (json, md, html, csv, claimreview) of everything, or of the claims in scope.

        :param article_id: only this article.
        :param date_from: only articles published on or after this date (YYYY-MM-DD).
        :param date_to: only articles published on or before this date.
        :param status: only claims with this review status (new, in_review, checked).
        :param cluster: only the confirmed duplicate cluster of this claim.
        :param warnings: a list the writer's warnings are added to (a long claimReviewed, say).
        :param unreviewed: Markdown and HTML list unreviewed claims too, instead of counting them.
        :param progress: called with (claims read, claims in scope) as the report is gathered.
        """
        scope = reports.export_scope(
            self.settings, fmt, article_id, date_from=date_from, date_to=date_to, status=status, cluster=cluster
        )
        with self.store() as store:
            return reports.export(store, self.settings, fmt, scope, warnings, unreviewed, progress)

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
        reports.check_out(out, force, self.db_path)
        reports.write_atomically(out, self.export(fmt, article_id, warnings=warnings, **scope))
        return out

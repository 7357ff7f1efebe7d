"""Articles in: read and checked, extracted before anything is written, stored with their claims,
indexed and matched against earlier claims in one transaction each."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.config import LINKS_WITHIN_ARTICLE, Settings
from workbench.errors import InvalidInput, NotFound
from workbench.models import ArticleInput, ClaimDraft, ImportResult
from workbench.nlp.language import resolve_language

if TYPE_CHECKING:
    from workbench.archive import OpenStore
    from workbench.matching.embedding import Embedder
    from workbench.models import ArchiveImport
    from workbench.nlp.people import PersonIndex
    from workbench.store import Store

SEEDED_KEY = "seeded"
PASTED = "Pasted text"
"""The origin of an article pasted into the TUI, as messages name it."""


EMBED_AT_IMPORT = 400
"""Most claims an article import embeds itself. An article's tens of claims take a second or two,
so matching and check-worthiness read their vectors at once; a very long text (a 1 MB article has
some 11,000 claims, minutes of embedding on this kind of machine) is matched lexically at import and
leaves its vectors to `workbench index`, as an archive import does, which rescores them too."""


def content_hash(text: str) -> str:
    """Identity of an article's text: white space folded, so a re-flowed copy is the same article."""
    folded = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def import_articles(
    store: Store,
    settings: Settings,
    articles: list[ArticleInput],
    embedder: Embedder | None,
    progress: Callable[[ImportResult], None] | None = None,
    extracting: Callable[[int, int], None] | None = None,
) -> list[ImportResult]:
    """Extract and store articles (their language resolved already), one transaction each; an
    already stored text is reported, not added. Every article is extracted before the first is
    written, so an article the workbench refuses (no claims in it) leaves the database as it was.
    extracting(done, total) follows the extraction (most of an import's time), progress(result)
    each article stored."""
    from workbench.nlp.people import known_people

    prepared = []
    people = known_people(store.claims.people())
    for article in articles:
        prepared.append(prepare(store, article, people))
        if extracting:
            extracting(len(prepared), len(articles))
    results = []
    stored_now: dict[str, ImportResult] = {}
    for article, digest, claims, existing in prepared:
        if existing is None and digest in stored_now:
            first = stored_now[digest]
            existing = replace(first, created=False, origin=article.origin)
        if existing is None:
            embeds = embedder if len(claims) <= EMBED_AT_IMPORT else None
            article_id, matched = store_article(store, embeds, article, digest, claims, settings.links_within_article)
            if matched is None:  # another process stored the same text since it was read
                count = len(store.claims.rows(article_id=article_id))
                result = ImportResult(article_id, store.articles.get(article_id)["title"], count, False, article.origin)
            else:
                unembedded = len(claims) if embedder is not None and embeds is None else 0
                result = ImportResult(article_id, article.title, len(claims), True, article.origin, matched, unembedded)
            stored_now[digest] = result
        else:
            result = existing
        results.append(result)
        if progress:
            progress(result)
    return results


def store_article(
    store: Store,
    embedder: Embedder | None,
    article: ArticleInput,
    digest: str,
    claims: list[ClaimDraft],
    within_article: int = LINKS_WITHIN_ARTICLE,
) -> tuple[int, int | None]:
    """Article, claims, index terms and suggested links in one transaction; returns (id, claims
    matched), or (the stored id, None) when another process stored the same text meanwhile:
    the check runs under the write lock, so two imports of one article never both write."""
    from workbench.matching.embedding import passage_text
    from workbench.matching.engine import Matcher
    from workbench.matching.links import matched_count
    from workbench.nlp.checkworthiness import rescore

    with store.transaction():
        stored = store.articles.article_id_by_hash(digest)
        if stored is not None:
            return stored, None
        # Tens of claims: embedded once, under a second, so check-worthiness reads the vectors
        # (workbench/nlp/checkworthiness.py `rescore`) and matching sees them at once.
        vectors = None
        if embedder is not None:
            vectors = embedder.passages([passage_text(c.text, None) for c in claims])
            claims = rescore(claims, article.text, article.language, vectors, embedder.name, article.outlet)
        article_id, claim_ids = store.articles.insert_article(article, digest, claims)
        matcher = Matcher(store, embedder)
        matcher.index(matcher.features(claim_ids), dict.fromkeys(claim_ids, article_id))
        if embedder is not None and vectors is not None:
            store.vectors.put(embedder.name, claim_ids, vectors)
        made = matcher.link(claim_ids, within_article)
    return article_id, matched_count(made, claim_ids)


def prepare(
    store: Store, article: ArticleInput, people: PersonIndex | None = None
) -> tuple[ArticleInput, str, list[ClaimDraft], ImportResult | None]:
    """The article with its language resolved and claims extracted, or the stored copy of it.
    `people`: the people the archive (and the import so far) knows; the article's join it."""
    digest = content_hash(article.text)
    existing_id = store.articles.article_id_by_hash(digest)
    if existing_id is not None:
        stored = store.articles.get(existing_id)
        count = len(store.claims.rows(article_id=existing_id))
        return article, digest, [], ImportResult(existing_id, stored["title"], count, False, article.origin)
    claims = extract(article.text, article.language, article.published, people)
    if people is not None:
        from workbench.nlp.people import remember

        remember(claims, people)
    if article.outlet:
        # Nobody named in the text: the article itself (its outlet) asserts the claim.
        claims = [c if c.claimant else replace(c, claimant=article.outlet) for c in claims]
    if not claims:
        name = "Standard input" if article.origin == "-" else article.origin
        raise InvalidInput(f"{name} has no sentences the workbench can read as claims.")
    return article, digest, claims, None


def import_claims_csv(
    open_store: OpenStore,
    settings: Settings,
    actor: str,
    data: str,
    origin: str,
    progress: Callable[[int, int], None] | None = None,
    linking: Callable[[int, int], None] | None = None,
) -> ArchiveImport:
    """Store an archive of earlier claims (one article per file), with verdicts where rated.

    Rows are cut already, so they go through the light pipeline (entities, figures, dates;
    no parse). Every row is indexed for matching; suggestions against earlier claims are made
    at once for archives up to archive.LINK_ON_IMPORT rows, and by `dedupe` for larger ones.
    The archive opens its own sessions (`open_store`): it commits in chunks.
    """
    from workbench.archive import ArchiveImporter, archive_hash
    from workbench.ingest.claims_csv import ClaimsCsv

    name = "Standard input" if origin == "-" else origin
    archive = ClaimsCsv(data, name, settings.max_claim_chars)
    problems: list[str] = []
    count, digest = archive_hash(row.text for row in archive.rows(problems))
    if not count:
        raise InvalidInput(f"{name} has no usable row; nothing was imported.")
    return ArchiveImporter(open_store, settings, actor).run(
        archive.rows, count, digest, problems, origin, progress, linking=linking
    )


def import_claimreview(
    open_store: OpenStore,
    settings: Settings,
    actor: str,
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
    from workbench.archive import ArchiveImporter, archive_hash
    from workbench.ingest.claimreview import read_claimreview

    rows, problems = read_claimreview(data, "Standard input" if origin == "-" else origin, settings)
    count, digest = archive_hash(row.text for row in rows)
    return ArchiveImporter(open_store, settings, actor).run(
        lambda: iter(rows), count, digest, problems, origin, progress, note_origin=False, linking=linking
    )


def with_language(article: ArticleInput, settings: Settings) -> ArticleInput:
    """The article with 'auto' (or a language the settings do not read) resolved."""
    return replace(article, language=resolve_language(article.language, article.text, settings.languages, article=True))


def extract(
    text: str, language: str, published: str | None = None, people: PersonIndex | None = None
) -> list[ClaimDraft]:
    """Claims of a text, without storing anything (its people matched against `people`, when given)."""
    from workbench.nlp.extract import extract_claims

    return extract_claims(text, language, published, people)


def extract_texts(texts: list[str], language: str, settings: Settings) -> Iterator[list[ClaimDraft]]:
    """Claims of several texts without storing anything; 'auto' is decided on all of them at once.
    A text of one short line (a tweet, a line of `extract --lines`) is read as a post."""
    from workbench.nlp.extract import extract_many

    language = resolve_language(language, "\n".join(texts), settings.languages, article=True)
    return extract_many(texts, language, posts=True)


def read_article(
    settings: Settings,
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
        read_bytes(path, settings.max_article_bytes),
        origin=path,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        language=language,
    )


def pasted_article(
    settings: Settings, text: str, *, title: str | None = None, published: str | None = None, language: str = "auto"
) -> ArticleInput:
    """An article from text pasted into the TUI, checked as a file would be; `PASTED` names it in messages."""
    from workbench.ingest.reader import parse_article

    data = text.encode("utf-8")
    if len(data) > settings.max_article_bytes:
        size = settings.max_article_bytes / (1024 * 1024)
        raise InvalidInput(f"The pasted text is larger than the {size:g} MB limit for an article.")
    return parse_article(data, origin=PASTED, title=title or None, published=published or None, language=language)


def seed_articles(settings: Settings, seeds_dir: Path) -> list[ArticleInput]:
    """The articles a folder's manifest.json lists, with the language, date and title it gives each."""
    manifest_path = Path(seeds_dir) / "manifest.json"
    if not manifest_path.is_file():
        raise NotFound(f"There is no manifest.json in {seeds_dir}; it lists the articles to import.")
    try:
        entries = json.loads(manifest_path.read_text(encoding="utf-8"))["articles"]
        return [
            read_article(
                settings,
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

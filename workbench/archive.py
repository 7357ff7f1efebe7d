"""Archives of earlier claims (a claims CSV, ClaimReview JSON-LD) into the store.

One article per file; its rows are claims already, so they go through the light pipeline
(entities, figures, dates; no parse), and are stored ARCHIVE_CHUNK at a time in one transaction:
memory stays flat however long the archive, and a failure leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbench.errors import InvalidInput
from workbench.models import ArchiveImport, ClaimDraft
from workbench.nlp.language import resolve_language

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from workbench.config import Settings
    from workbench.ingest.claims_csv import ArchiveRow
    from workbench.store import Store

    OpenStore = Callable[..., AbstractContextManager[Store]]

LINK_ON_IMPORT = 5000
"""Archives up to this many rows are matched against earlier claims as they are imported."""
ARCHIVE_CHUNK = 5000
"""Archive rows extracted, stored and indexed together: large enough for bulk writes, small
enough that a million-row archive never has more than this many drafts in memory."""
T = TypeVar("T")


def archive_hash(lines: Iterable[str]) -> tuple[int, str]:
    """(count, content_hash) of lines joined by newlines, without joining them: an archive's text
    is its rows, and a million rows need not be in memory twice to know whether it is stored."""
    digest = hashlib.sha256()
    count = written = 0
    for line in lines:
        count += 1
        folded = re.sub(r"\s+", " ", line).strip()
        if folded:  # content_hash folds an empty line and its neighbours' newlines into one space
            digest.update(((" " if written else "") + folded).encode("utf-8"))
            written += 1
    return count, digest.hexdigest()


def _archive_drafts(rows: list[ArchiveRow], languages: list[str], offset: int) -> list[ClaimDraft]:
    """One claim per row, through the light pipeline a language at a time, each spanning its row
    in the archive's text (rows joined by lines) from `offset` on."""
    from workbench.nlp.extract import extract_whole

    drafts: list[ClaimDraft | None] = [None] * len(rows)
    for language in sorted(set(languages)):
        batch = [i for i, found in enumerate(languages) if found == language]
        made = extract_whole(
            [rows[i].text for i in batch], language, [rows[i].date for i in batch], [rows[i].claimant for i in batch]
        )
        for i, draft in zip(batch, made):
            drafts[i] = draft
    claims = []
    for row, draft in zip(rows, drafts):
        claims.append(replace(draft, start=offset, end=offset + len(row.text)))
        offset += len(row.text) + 1
    return claims


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order (itertools.batched from Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class ArchiveImporter:
    """One archive import into a store, with the settings (scale, languages) and reviewer in force.

    It is handed what it needs, not the Workbench, so the service depends on it and not back.
    """

    def __init__(self, open_store: OpenStore, settings: Settings, actor: str):
        self.open_store = open_store
        self.settings = settings
        self.actor = actor

    def run(
        self,
        rows: Callable[[], Iterable[ArchiveRow]],
        count: int,
        digest: str,
        problems: list[str],
        origin: str,
        progress: Callable[[int], None] | None,
        *,
        note_origin: bool = True,
    ) -> ArchiveImport:
        """The archive path shared by every format: one article per file, light extraction, bulk store.

        Rows are read again (`rows()`) and stored ARCHIVE_CHUNK at a time, all in one transaction:
        memory stays flat however long the archive, and a failure leaves the database as it was.
        With note_origin, a verdict without a rationale gets "Imported from FILE, line N"; a ClaimReview
        names its origin in a source (the review's url) instead, so its verdicts come back as exported.
        """
        from workbench.matching.engine import Matcher
        from workbench.matching.links import matched_count

        name = "Standard input" if origin == "-" else origin
        with self.open_store(create=True) as store:
            existing = store.article_id_by_hash(digest)
            if existing is not None:
                return ArchiveImport(existing, count, 0, problems, created=False, linked=False)
            why = f"Imported from {origin}" if note_origin else None
            with store.transaction():
                article_id, first = store.start_archive(f"Archive: {Path(name).name}", origin, digest, count)
                languages: Counter[str] = Counter()
                offset = 0
                for chunk in _chunks(rows(), ARCHIVE_CHUNK):
                    offset = self._store_chunk(store, article_id, chunk, offset, languages, problems, why)
                    if progress:
                        progress(len(chunk))
                store.finish_archive(article_id, languages.most_common(1)[0][0])
                linked = count <= LINK_ON_IMPORT
                claim_ids = list(range(first, first + count))
                matched = matched_count(Matcher(store).link(claim_ids), claim_ids) if linked else 0
        return ArchiveImport(article_id, count, matched, problems, created=True, linked=linked)

    def _store_chunk(
        self,
        store: Store,
        article_id: int,
        rows: list[ArchiveRow],
        offset: int,
        languages: Counter[str],
        problems: list[str],
        why: str | None,
    ) -> int:
        """Extract, store and index one chunk of archive rows, with their verdicts and sources.

        The chunk's rows start at `offset` in the archive's text; returns where the next chunk starts.
        """
        from workbench.matching.features import features, with_context

        found = [row.language or resolve_language("auto", row.text, self.settings.languages) for row in rows]
        languages.update(found)
        claims = _archive_drafts(rows, found, offset)
        claim_ids = store.add_claims(article_id, claims)
        # matching2: a row's title (the fact-check's headline) is the claim's context, indexed with it
        store.index.add_context((claim_id, row.title) for claim_id, row in zip(claim_ids, rows) if row.title)
        store.index.add(
            (claim_id, article_id, with_context(features(claim_id, claim, language, None).terms(), row.title, language))
            for claim_id, claim, language, row in zip(claim_ids, claims, found, rows)
        )
        store.add_verdicts(self._verdicts(claim_ids, rows, problems, why))
        store.add_appearances([(claim_id, row.url) for claim_id, row in zip(claim_ids, rows) if row.url])
        store.attach_sources([(claim_id, source) for claim_id, row in zip(claim_ids, rows) for source in row.sources])
        return claims[-1].end + 1

    def _verdicts(
        self, claim_ids: list[int], rows: list[ArchiveRow], problems: list[str], why: str | None
    ) -> list[tuple[int, str, str | None, str, str | None]]:
        """Verdicts of the rated rows; a rating off the scale is a problem, and the row stays unrated."""
        verdicts = []
        for claim_id, row in zip(claim_ids, rows):
            if not row.rating:
                continue
            try:
                rating = self.settings.rating(row.rating)
            except InvalidInput:
                problems.append(f"line {row.line}: rating {row.rating!r} is not on the scale; kept without a verdict")
                continue
            rationale = row.rationale or (f"{why}, line {row.line}" if why else None)
            verdicts.append((claim_id, rating, rationale, row.reviewer or self.actor, row.reviewed_at))
        return verdicts

"""Archives of earlier claims (a claims CSV, ClaimReview JSON-LD) into the store.

One article per file; its rows are claims already, so they go through the light pipeline
(entities, figures, dates; no parse), ARCHIVE_CHUNK at a time: memory stays flat however long the
archive. Chunks are staged, committed and invisible, and the archive appears whole at the end, so
reviewers' writes never wait behind an import and a killed one leaves nothing visible.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbench.domain.vocab import Stance
from workbench.errors import InvalidInput, notice
from workbench.models import ArchiveImport, ClaimDraft, SourceInput
from workbench.nlp.language import resolve_language

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from workbench.config import Settings
    from workbench.ingest.claims_csv import ArchiveRow
    from workbench.store import Store
    from workbench.store.archive_staging import StagedImport, StagedRow

    OpenStore = Callable[..., AbstractContextManager[Store]]

LINK_ON_IMPORT = 5000
"""Archives up to this many rows are matched against earlier claims as they are imported."""
LINK_CHUNK = 500
"""Claims of a published archive matched at a time, with no lock held, their suggestions then
stored in a short transaction. Links are suggestions: an import killed while linking leaves a
whole archive, which `dedupe` links."""
STAGED_PER_TRANSACTION = 1000
"""Extracted rows staged per transaction: a 5,000-row chunk took over a second of lock on a busy
machine, a reviewer's verdict waiting behind it."""
SUGGESTIONS_WRITTEN = 100
"""Suggested links stored per transaction (each a few statements with its audit row): about a
tenth of a second of lock on a busy machine, where one transaction for 500 claims' took seconds."""
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
    for row, found in zip(rows, drafts):
        assert found is not None  # every language was extracted above
        claims.append(replace(found, start=offset, end=offset + len(row.text)))
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
        progress: Callable[[int, int], None] | None,
        *,
        note_origin: bool = True,
        linking: Callable[[int, int], None] | None = None,
    ) -> ArchiveImport:
        """The archive path shared by every format: one article per file, light extraction, bulk store.

        Rows are read again (`rows()`) and extracted ARCHIVE_CHUNK at a time with no lock held; each
        chunk is staged in a short transaction of its own, so reviewers' writes go on meanwhile, and
        the archive is published whole at the end (see workbench/store/archive_staging.py). Stopped
        at any point, it leaves nothing visible, and run again it resumes after the staged rows.
        With note_origin, a verdict without a rationale gets "Imported from FILE, line N"; a ClaimReview
        names its origin in a source (the review's url) instead, so its verdicts come back as exported.
        progress(done, total) follows the rows staged; linking(done, total) the claims matched against the
        earlier ones (against a large database, most of the time).
        """
        from workbench.matching.engine import Matcher
        from workbench.matching.links import matched_count

        name = "Standard input" if origin == "-" else origin
        with self.open_store(create=True) as store:
            existing = store.articles.article_id_by_hash(digest)
            if existing is not None:
                return ArchiveImport(existing, count, 0, problems, created=False, linked=False)
            why = f"Imported from {origin}" if note_origin else None
            staged = store.staging.staged_import(digest, f"Archive: {Path(name).name}", origin, count)
            problems.extend(staged.warnings)  # the rows a killed run staged warned then, once
            done = staged.staged
            if progress:
                progress(done, count)
            for chunk in _chunks(islice(rows(), staged.staged, None), ARCHIVE_CHUNK):
                for part in _chunks(self._extract_chunk(staged, chunk, problems, why), STAGED_PER_TRANSACTION):
                    store.staging.stage_rows(staged, part, part[-1].claim.end + 1)
                done += len(chunk)
                if progress:
                    progress(done, count)
            linked = count <= LINK_ON_IMPORT
            with store.transaction():
                existing = store.articles.article_id_by_hash(digest)
                if existing is not None:  # another run of the same archive published it meanwhile
                    store.staging.drop_staged_import(digest)
                    return ArchiveImport(existing, count, 0, problems, created=False, linked=False)
                article_id, claim_ids = store.staging.publish_archive(staged, digest, origin)
            made, matcher, done = [], Matcher(store), 0
            if linking and linked:
                linking(0, len(claim_ids))
            for ids in _chunks(claim_ids if linked else [], LINK_CHUNK):
                found = matcher.suggest(ids, self.settings.links_within_article)  # reads only: nobody waits meanwhile
                for written in _chunks(found, SUGGESTIONS_WRITTEN):
                    with store.transaction():
                        store.links.suggest_links([(s.claim_a, s.claim_b, s.relation, s.score) for s in written])
                made += found
                done += len(ids)
                if linking:
                    linking(done, len(claim_ids))
            matched = matched_count(made, claim_ids)
        return ArchiveImport(article_id, count, matched, problems, created=True, linked=linked)

    def _extract_chunk(
        self, staged: StagedImport, rows: list[ArchiveRow], problems: list[str], why: str | None
    ) -> list[StagedRow]:
        """Extract and index one chunk of archive rows, with their verdicts and sources, writing nothing.

        The chunk's rows start at `staged.next_offset` in the archive's text and take the claim ids
        reserved for them; each row's claim span says where the next one starts."""
        from workbench.matching.features import features, with_context
        from workbench.store.archive_staging import StagedRow

        found = [row.language or resolve_language("auto", row.text, self.settings.languages) for row in rows]
        for language in found:
            staged.languages[language] = staged.languages.get(language, 0) + 1
        claims = _archive_drafts(rows, found, staged.next_offset)
        first = staged.first_claim + staged.staged
        claim_ids = list(range(first, first + len(rows)))
        warnings: dict[int, str] = {}
        verdicts = {v[0]: v[1:] for v in self._verdicts(claim_ids, rows, warnings, why)}
        problems.extend(warnings.values())
        made = [
            StagedRow(
                claim,
                # a row's title (the fact-check's headline) is the claim's context, indexed with it
                with_context(features(claim_id, claim, language, None).terms(), row.title, language),
                verdicts.get(claim_id),
                ((SourceInput(url=row.url, stance=Stance.CONTEXT),) if row.url else ()) + tuple(row.sources),
                row.title,
                (warnings[claim_id],) if claim_id in warnings else (),
            )
            for claim_id, claim, language, row in zip(claim_ids, claims, found, rows)
        ]
        return made

    def _verdicts(
        self, claim_ids: list[int], rows: list[ArchiveRow], warnings: dict[int, str], why: str | None
    ) -> list[tuple[int, str, str | None, str, str | None]]:
        """Verdicts of the rated rows; a rating off the scale is a warning (claim id -> sentence),
        and the row stays unrated."""
        verdicts = []
        for claim_id, row in zip(claim_ids, rows):
            if not row.rating:
                continue
            try:
                rating = self.settings.rating(row.rating)
            except InvalidInput:
                warnings[claim_id] = f"line {row.line}: " + notice(
                    f"rating {row.rating!r} is not on the scale; kept without a verdict"
                )
                continue
            rationale = row.rationale or (f"{why}, line {row.line}" if why else None)
            verdicts.append((claim_id, rating, rationale, row.reviewer or self.actor, row.reviewed_at))
        return verdicts

"""Finding earlier claims: texts and stored claims matched against the index, and the index kept
whole (claims stored before it existed, vectors not yet embedded)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from workbench.config import Settings
from workbench.errors import InvalidInput, NotFound
from workbench.models import ClaimDraft
from workbench.nlp.language import resolve_language

if TYPE_CHECKING:
    import numpy as np

    from workbench.matching.embedding import Embedder
    from workbench.matching.engine import Match, NearestPass
    from workbench.store import Store

INDEX_BATCH = 64
"""Claims `workbench index` embeds per transaction: a few seconds of the model on a busy machine,
so a stopped run loses little and progress moves often."""
FILE_BATCH = 20_000
"""Vectors filed under their lists per transaction (index_lists): a fraction of a second each."""


def default_embedder(settings: Settings) -> Embedder | None:
    """The sentence-embedding model matching uses, or None: semantic matching turned off in
    the settings, or no model that runs on this machine (matching is lexical then)."""
    if not settings.semantic:
        return None
    from workbench.matching.embedding import default_embedder

    return default_embedder()


def check_limit(limit: int) -> None:
    """A match's --limit below 1 is refused before any work starts."""
    if limit < 1:
        raise InvalidInput("--limit must be at least 1.")


def query_drafts(
    settings: Settings, texts: list[str], limit: int, language: str
) -> tuple[list[str], dict[int, list[ClaimDraft]]]:
    """Each query text's language and its one draft, with the light pipeline's entities, figures
    and dates read without importing spaCy (nlp/query_analysis.py: the same terms), so both sides
    get their features the same way and a one-shot match starts at once; a bad limit is refused first."""
    from workbench.nlp.query_analysis import query_draft

    check_limit(limit)
    languages = [resolve_language(language, text, settings.languages) for text in texts]
    extracted = {i: [query_draft(text, languages[i])] for i, text in enumerate(texts)}
    return languages, extracted


class QueryEmbedding:
    """The model's load, the query texts' embedding and (given a way to open the store and the
    limit) their nearest stored vectors, run in a thread of their own from the moment the queries
    are known: the engine, SQLite and numpy release the GIL, so the query features and the lexical
    stage go on meanwhile (at 100,000 claims a one-shot match spent 150 ms of CPU loading
    the model, embedding and scanning the vectors before any of them started). Blank texts get no
    vector."""

    def __init__(
        self,
        settings: Settings,
        texts: list[str],
        open_store: Callable[[], AbstractContextManager[Store]] | None = None,
        limit: int = 10,
    ):
        self._settings = settings
        self._texts = texts
        self._open_store = open_store
        self._limit = limit
        self._embedder: Embedder | None = None
        self._vectors: list[np.ndarray | None] = [None] * len(texts)
        self._nearest: NearestPass | None = None
        self._error: BaseException | None = None
        # a daemon: a command that fails meanwhile (a missing database) exits without waiting for it
        self._thread = threading.Thread(target=self._run, name="query-embedding", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._embedder = default_embedder(self._settings)
            asked = [i for i, text in enumerate(self._texts) if text.strip()]
            if self._embedder is None or not asked:
                return
            for i, row in zip(asked, self._embedder.queries([self._texts[i] for i in asked])):
                self._vectors[i] = row
            if self._open_store is not None:
                from workbench.matching.engine import nearest_pass

                wanted = [v for v in self._vectors if v is not None]
                with self._open_store() as store:
                    self._nearest = nearest_pass(store, self._embedder.name, wanted, self._limit)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread by result()
            self._error = error

    def result(self) -> tuple[Embedder | None, list[np.ndarray | None], NearestPass | None]:
        """(the model or None, one vector or None per text, their nearest claims if the thread
        found them), once the thread is done."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._embedder, self._vectors, self._nearest


def match_many(
    store: Store,
    embedding: QueryEmbedding,
    texts: list[str],
    limit: int,
    languages: list[str],
    extracted: dict[int, list[ClaimDraft]],
) -> list[list[Match]]:
    """Matches for many query texts (their drafts from query_drafts, their vectors from the
    embedding started beside them); a blank text matches nothing. The lexical stage of every query
    runs before the vectors are awaited: it needs none, and the embedding thread runs meanwhile."""
    from workbench.matching.engine import Matcher, query_features

    ensure_indexed(store)
    matcher = Matcher(store)
    asked = [i for i, text in enumerate(texts) if text.strip()]
    matcher.expect(len(asked))
    queries = {i: query_features(texts[i], extracted[i], languages[i], None) for i in asked}
    lexical = {i: matcher.lexical(queries[i]) for i in asked}
    embedder, vectors, nearest = embedding.result()
    matcher.use_embedder(embedder)
    matcher.prepare([vectors[i] for i in asked], limit, nearest)
    found = {i: matcher.match(queries[i], limit, vector=vectors[i], lexical=lexical.pop(i)) for i in asked}
    return [found.get(i, []) for i in range(len(texts))]


def matches_for(store: Store, embedder: Embedder | None, claim_id: int, limit: int = 10) -> list[Match]:
    """Other claims ranked by similarity to a stored claim, each with its relation."""
    from workbench.matching.engine import Matcher

    ensure_indexed(store)
    matcher = Matcher(store, embedder)
    query = matcher.features([claim_id]).get(claim_id)
    if query is None:
        raise NotFound(f"There is no claim with id {claim_id}.")
    vector = matcher.stored_vectors([claim_id]).get(claim_id)
    return matcher.match(query, limit, exclude={claim_id}, vector=vector, query_claim=claim_id)


def pending_vectors(store: Store, settings: Settings) -> int:
    """Claims the default model has not embedded yet, counted without loading it (a screen that
    opens on an indexed database need not load a model to learn there is nothing to do)."""
    if not settings.semantic:
        return 0
    from workbench.matching.embedding import E5_NAME

    return store.vectors.pending_count(E5_NAME)


def index_vectors(
    store: Store, embedder: Embedder, batch: int = INDEX_BATCH, progress: Callable[[int, int], None] | None = None
) -> int:
    """Embed every claim with no vector yet, `batch` claims a transaction, oldest first; returns
    how many were embedded. Stopped and run again, it resumes where it stopped: only what a
    committed batch stored is skipped. progress(done, total) follows each batch. Each batch's
    claims are scored again by the check-worthiness model that reads their vectors (audited)."""
    from workbench.matching.rescoring import store_embedded

    done = 0
    total = store.vectors.pending_count(embedder.name)
    if progress:
        progress(0, total)
    while pending := store.vectors.pending(embedder.name, batch):
        rows = embedder.passages([text for _, text in pending])
        ids = [claim_id for claim_id, _ in pending]
        store_embedded(store, embedder.name, ids, rows)  # with the scores these vectors change
        done += len(pending)
        if progress:
            progress(done, max(total, done))
    return done


def index_lists(store: Store, model: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Build what approximate search needs, after the vectors: train the model's lists once it has
    LISTS_FROM vectors (and again once it outgrows RETRAIN_GROWTH times those they were trained
    on), then file every unfiled vector, FILE_BATCH a transaction; returns how many were filed.
    Stopped and run again, it goes on with the vectors still unfiled (which every query reads
    meanwhile, so matching stays right, only slower). progress(done, total) follows each batch."""
    from workbench.store import vector_lists

    count = store.vectors.count(model)
    lists = store.vectors.lists(model)
    if lists is None and count < vector_lists.LISTS_FROM:
        return 0  # exact search is fast enough
    if lists is None or count > vector_lists.RETRAIN_GROWTH * lists.trained_on:
        wanted = vector_lists.list_count(count)
        size, sample = store.vectors.sample(model, wanted * vector_lists.SAMPLE_PER_LIST)
        centroids = vector_lists.train(sample, vector_lists.list_count(size))  # no write lock held meanwhile
        with store.transaction():
            store.vectors.set_lists(model, centroids, size)
    done, total = 0, store.vectors.unfiled_count(model)
    if progress:
        progress(0, total)
    while True:
        with store.transaction():
            filed = store.vectors.file_unfiled(model, FILE_BATCH)
        if not filed:
            return done
        done += filed
        if progress:
            progress(done, max(total, done))


def ensure_indexed(store: Store) -> None:
    """Index claims stored before the match index existed (counted first: cheap when none are)."""
    from workbench.matching.engine import Matcher

    if store.index.size() == store.claims.claim_count():
        return
    missing = sorted(set(store.claims.claim_ids()) - set(store.index.indexed_ids()))
    if missing:
        matcher = Matcher(store)
        found = matcher.features(missing)
        matcher.index(found, {c.id: c.article_id for c in store.claims.matchable_claims(missing)})

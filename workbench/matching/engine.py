"""Matching against the archive: index claims, find candidates, compare, store suggestions.

Works through the store's methods (no SQL here) so the CLI, the TUI and imports share it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from workbench.config import LINKS_WITHIN_ARTICLE
from workbench.domain.vocab import ClaimKind, LinkState
from workbench.matching.compare import (
    CONFLICT,
    DUPLICATE,
    NEAR_MISS,
    Comparison,
    Weights,
    apply_threshold,
    compare,
)
from workbench.matching.compare import compatible as may_join
from workbench.matching.features import ClaimFeatures, ClaimLike, features, with_context
from workbench.matching.lexical import bm25, idf
from workbench.matching.links import (
    Suggestion,
    capped_within_source,
    confirm_greedily,
    idf_from_counts,
    suggestions,
)
from workbench.matching.retrieval import DEPTH, K1, B, NearestFound, Retrieved, VectorIndex, fuse, top

if TYPE_CHECKING:
    import numpy as np

    from workbench.matching.embedding import Embedder
    from workbench.matching.rerank import RerankModel
    from workbench.store import Store

FEW_QUERIES = 20
"""Up to this many queries (Matcher.prepare), the index is read for their terms alone; more, and
the whole vocabulary and every claim's length are read once (a tenth of a second per 100,000
claims) and each query costs less."""
QUERIES_PER_PASS = 256
"""Query vectors scored together in one pass over the stored vectors (Matcher.prepare)."""
PROGRESS_EVERY = 2_000
"""Pairs compared between two progress reports of a dedupe."""
COSINE_CHUNK = 20_000
"""Pairs whose vectors are read together when a whole archive is compared."""
CANDIDATES = 30
"""Candidates each claim is compared with when an import suggests its links: each costs a read,
features and a comparison."""
FEATURES_KEPT = 200_000
"""Stored claims' features a matching session keeps, so repeated candidates are read once."""
BLOCKING_TERMS = 8
"""Each claim's rarest terms that pair it with others in whole-archive dedupe."""
PARTNERS = 10
"""Most partners one claim is compared with in whole-archive dedupe, by terms shared."""
ALL_PAIRS = 300
"""Up to this many claims, dedupe compares every pair."""
SMALL_ARCHIVE = 5000
"""Below this many claims, one shared rare term is enough to compare two claims."""
VERY_RARE = 5
"""A term in this few claims (or one in 2,000 claims, if more) counts twice when pairing claims."""
MAX_POSTING = 64
"""A term in more claims than this pairs none of them in whole-archive dedupe: it would cost
more pairs than it finds duplicates."""
COMMON_SHARE = 0.02
COMMON_FLOOR = 200
COMMON_CEILING = 2000
"""A term in more than max(COMMON_FLOOR, COMMON_SHARE of all claims), and never more than
COMMON_CEILING claims, brings no candidates of its own when rarer ones are there (scoring every
claim on its list for a small idf finds none worth the cost); in a query of common words alone
it counts in the BM25 of the best candidates (workbench/matching/lexical.py)."""


class LookedUp(Mapping[str, int]):
    """Document frequencies read from the index as terms are asked for, each once (a term under no
    claim is absent, as in the whole vocabulary's dict)."""

    def __init__(self, lookup: Callable[[Iterable[str]], dict[str, int]]):
        self._lookup = lookup
        self._known: dict[str, int] = {}

    def fetch(self, terms: Iterable[str]) -> None:
        missing = {t for t in terms if t not in self._known}
        if missing:
            found = self._lookup(missing)
            self._known.update((t, found.get(t, 0)) for t in missing)

    def __getitem__(self, term: str) -> int:
        self.fetch([term])
        found = self._known[term]
        if not found:
            raise KeyError(term)
        return found

    def __iter__(self) -> Iterator[str]:
        return (t for t, n in self._known.items() if n)

    def __len__(self) -> int:
        return sum(1 for n in self._known.values() if n)


def common_limit(size: int) -> float:
    return min(max(COMMON_FLOOR, COMMON_SHARE * size), COMMON_CEILING)


@dataclass(frozen=True)
class Match:
    claim: int
    text: str
    score: float
    relation: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class NearestPass:
    """The nearest stored claims of query vectors, from one pass over the stored vectors."""

    found: dict[bytes, tuple[np.ndarray, np.ndarray]]
    """(claim ids, cosines), best first, by the query vector's bytes."""
    depth: int
    size: int
    """Stored vectors read."""


def nearest_depth(limit: int) -> int:
    """How many nearest claims a query hands on: as deep as the fusion and the rerank read."""
    from workbench.matching import rerank

    return max(DEPTH, rerank.DEPTH, limit)


def nearest_pass(store: Store, model: str, vectors: Sequence[np.ndarray], limit: int) -> NearestPass:
    """The nearest claims of query vectors, QUERIES_PER_PASS queries per pass over the stored
    vectors (ClaimVectors.nearest). Needs only a store, so it can run on its own connection."""
    import numpy as np

    depth = nearest_depth(limit)
    found: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}
    size = 0
    for start in range(0, len(vectors), QUERIES_PER_PASS):
        group = list(vectors[start : start + QUERIES_PER_PASS])
        best, size = store.vectors.nearest(model, np.stack(group), depth)
        found.update((vector.tobytes(), pair) for vector, pair in zip(group, best))
    return NearestPass(found, depth, size)


class Matcher:
    """One matching session on a store: the archive's term frequencies and stored vectors are read once.

    With an embedder, claims are found by hybrid retrieval (BM25 over index terms united with the
    nearest stored vectors, workbench/matching/retrieval.py); without one, by BM25 alone. The
    ranking is the retrieval's, reordered by the learned rerank (workbench/matching/rerank.py)
    where the query has a vector: compare() gives each match its relation and reasons, not its
    place (its hand-weighted score ranked worse on CheckThat! 2020 dev, benchmarks/retrieval.py).
    """

    def __init__(self, store: Store, embedder: Embedder | None = None):
        self.store = store
        self.embedder = embedder
        self._frequencies: Mapping[str, int] | None = None
        self._size = 0
        self._few = False
        """A few queries known up front (prepare): the index is read for their terms only."""
        self._weights_cache: Weights | None = None
        self._features: dict[int, ClaimFeatures] = {}
        self._compared: dict[tuple[int, int], Comparison] = {}
        """Pairs link_all compared, kept for confirm_duplicates' cluster checks."""
        self._vectors: VectorIndex | None = None
        self._nearest: NearestFound | None = None
        """Nearest claims of the query vectors `prepare` was given, found in one pass."""
        self._has_context: bool | None = None
        self._cosines: dict[tuple[int, int], float | None] = {}
        """Cosines of stored claims' own (passage) vectors, read once a session per pair."""

    def _vocabulary(self) -> tuple[Mapping[str, int], int]:
        if self._frequencies is None:
            if self._few:
                self._frequencies = LookedUp(self.store.index.document_frequencies)
            else:
                self._frequencies = self.store.index.all_document_frequencies()
            self._size = max(self.store.index.size(), 1)
        return self._frequencies, self._size

    def _look_up(self, terms: Iterable[str]) -> None:
        """Read these terms' document frequencies together, when they are read term by term."""
        if isinstance(self._frequencies, LookedUp):
            self._frequencies.fetch(terms)

    def features(self, claim_ids: Iterable[int]) -> dict[int, ClaimFeatures]:
        """Features of stored claims, in the order given; each claim is read and folded once a session,
        since the candidates of one query are often candidates of the next."""
        wanted = list(claim_ids)
        missing = [c for c in wanted if c not in self._features]
        if len(self._features) + len(missing) > FEATURES_KEPT:
            self._features.clear()
            missing = wanted
        for claim in self.store.claims.matchable_claims(missing):
            self._features[claim.id] = features(claim.id, claim, claim.language, claim.published, claim.terms)
        return {c: self._features[c] for c in wanted if c in self._features}

    def index(self, found: dict[int, ClaimFeatures], article_of: dict[int, int]) -> None:
        """Index claims' terms (with their stored context's, if any), replacing what they had."""
        context = self.store.index.contexts(list(found))
        self.store.index.add(
            (claim_id, article_of[claim_id], with_context(f.terms(), context.get(claim_id), f.language))
            for claim_id, f in found.items()
        )
        self._frequencies = self._weights_cache = None  # the vocabulary changed

    def embed(self, claim_ids: list[int]) -> int:
        """Embed and store claims' texts now (an article's tens of claims); returns how many.
        Archives leave theirs to `workbench index`, so an import never waits for the model."""
        if self.embedder is None or not claim_ids:
            return 0
        from workbench.matching.embedding import passage_text
        from workbench.matching.rescoring import store_embedded

        context = self.store.index.contexts(claim_ids)
        texts = {c.id: passage_text(c.text, context.get(c.id)) for c in self.store.claims.rows(claim_ids=claim_ids)}
        ids = [c for c in claim_ids if c in texts]
        rows = self.embedder.passages([texts[c] for c in ids])
        store_embedded(self.store, self.embedder.name, ids, rows)  # check-worthiness reads them too
        self._vectors = self._nearest = None  # the stored vectors changed
        return len(ids)

    def query_vectors(self, texts: list[str]) -> list[np.ndarray | None]:
        """Query embeddings of texts looked up against stored claims (None each without a model)."""
        if self.embedder is None or not texts:
            return [None] * len(texts)
        return list(self.embedder.queries(texts))

    def prepare(self, vectors: Sequence[np.ndarray | None], limit: int, found: NearestPass | None = None) -> None:
        """Get ready for queries known up front (`match`, `match -`; one vector or None each): their
        nearest stored claims are found in one pass over the stored vectors per QUERIES_PER_PASS
        queries (nearest_pass), so no vector matrix is read (that took a one-shot match a second at
        100,000 claims and held 150 MB); and up to FEW_QUERIES queries read the index for their
        own terms only. `found` is that pass when it ran already (on another connection, beside
        the lexical stage: workbench/usecases/finding.py). Sessions that look up claims one at a
        time (the TUI, imports, dedupe) load the matrix and the vocabulary once instead."""
        self.expect(len(vectors))
        wanted = [v for v in vectors if v is not None]
        if self.embedder is None or self._vectors is not None or not wanted:
            return
        depth = nearest_depth(limit)
        if found is None or found.depth < depth:
            found = nearest_pass(self.store, self.embedder.name, wanted, limit)
        self._nearest = NearestFound(found.found, found.depth, found.size, self.stored_vectors)

    def expect(self, count: int) -> None:
        """`count` queries are known up front: up to FEW_QUERIES read the index for their own terms
        only. Called before the first lookup (prepare calls it too); later it changes nothing."""
        if count <= FEW_QUERIES and self._frequencies is None:
            self._few = True

    def use_embedder(self, embedder: Embedder | None) -> None:
        """The embedding model, given once it is loaded: `match` loads it and embeds its queries in
        another thread while this session runs the lexical stage (workbench/usecases/finding.py)."""
        self.embedder = embedder
        self._vectors = self._nearest = None

    def lexical(self, query: ClaimFeatures) -> tuple[np.ndarray, np.ndarray]:
        """The lexical stage alone: (claim ids, BM25 scores) of the claims sharing a rare term with
        the query, unordered (workbench/matching/lexical.py).
        It needs no vector, so it can run while the query is being embedded."""
        frequencies, size = self._vocabulary()
        self._look_up(query.terms())
        return bm25(self.store.index, query.terms(), frequencies, common_limit(size), K1, B)

    def _vector_index(self) -> VectorIndex | None:
        if self.embedder is None:
            return None
        if self._vectors is None:
            self._vectors = VectorIndex(*self.store.vectors.listed(self.embedder.name))
        return self._vectors

    def _rerank_model(self) -> RerankModel | None:
        """The learned rerank fitted for this archive: one for claims stored with their headlines
        as context (rerank.json), one for claims alone (rerank_claims.json), each fitted on
        CheckThat! 2020 train with or without the headlines (benchmarks/retrieval.py)."""
        from workbench.matching import rerank

        if self._has_context is None:
            self._has_context = self.store.index.has_context()
        return rerank.load(rerank.WEIGHTS if self._has_context else rerank.CLAIMS_WEIGHTS)

    def query_idf(self, query: ClaimFeatures) -> dict[str, float]:
        """BM25's idf of the query's terms found in the archive (what the rerank's rare_shared reads)."""
        frequencies, size = self._vocabulary()
        terms = query.terms()
        self._look_up(terms)
        return idf(terms, frequencies, size)

    def _weights(self) -> Weights:
        if self._weights_cache is None:
            self._weights_cache = Weights(idf_from_counts(*self._vocabulary()))
        return self._weights_cache

    def retrieve(
        self,
        query: ClaimFeatures,
        vector: np.ndarray | None,
        count: int,
        exclude: set[int] | None = None,
        lexical: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> list[Retrieved]:
        """The `count` claims most like a query, best first, by BM25 and (with vectors) cosine fused;
        `lexical` is the query's lexical stage when it ran already (Matcher.lexical, as deep as
        `count`)."""
        if lexical is None:
            lexical = self.lexical(query)
        nearest = self._nearest
        if nearest is not None and nearest.answers(vector, max(DEPTH, count), exclude):
            return fuse(lexical, nearest, vector, count, exclude)
        return fuse(lexical, self._vector_index(), vector, count, exclude)

    def match(
        self,
        query: ClaimFeatures,
        limit: int = 10,
        exclude: set[int] | None = None,
        vector: np.ndarray | None = None,
        query_claim: int | None = None,
        lexical: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> list[Match]:
        """Earlier claims ranked by similarity to a query, with the relation each would have.

        `vector` is the query's embedding (Matcher.query_vectors, or a stored claim's own vector).
        For a stored claim (`query_claim`), the relation uses the cosine of the two passage vectors,
        as the relation model was fitted; a typed query's "query:" vector has another spread, so
        its relation is decided lexically. `lexical` is the query's lexical stage if it ran already."""
        from workbench.matching import rerank

        # fitted on typed queries' "query:" vectors; a stored claim's own vector has another spread
        model = self._rerank_model() if vector is not None and query_claim is None else None
        found = self.retrieve(query, vector, max(limit, rerank.DEPTH) if model else limit, exclude, lexical)
        read = self.features([r.claim for r in found])
        ranked = rerank.rerank(found, query, read, model, self.query_idf(query) if model else {})[:limit]
        weights = self._weights()
        self._look_up(t for r, _ in ranked if r.claim in read for t in read[r.claim].terms())
        matches = []
        for r, score in ranked:
            if r.claim in read:
                cosine = self.pair_cosine(query_claim, r.claim) if query_claim is not None else None
                comparison = compare(query, read[r.claim], weights, cosine)
                matches.append(Match(r.claim, read[r.claim].text, score, comparison.relation, comparison.reasons))
        return matches

    def stored_vectors(self, claim_ids: list[int]) -> dict[int, np.ndarray]:
        """Stored claims' own vectors, to look up their neighbours (none without a model)."""
        if self.embedder is None:
            return {}
        return self.store.vectors.of(self.embedder.name, claim_ids)

    def pair_cosines(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], float | None]:
        """The cosine of each pair's stored passage vectors (what the relation model was fitted on),
        None where either claim has none yet; vectors are read COSINE_CHUNK pairs at a time, so a
        whole-archive dedupe never holds every vector at once."""
        pairs = [p for p in pairs if p not in self._cosines]
        for start in range(0, len(pairs), COSINE_CHUNK):
            chunk = pairs[start : start + COSINE_CHUNK]
            vectors = self.stored_vectors(sorted({c for pair in chunk for c in pair}))
            for a, b in chunk:
                found = a in vectors and b in vectors
                self._cosines[(a, b)] = float(vectors[a] @ vectors[b]) if found else None
        return self._cosines

    def pair_cosine(self, claim_a: int, claim_b: int) -> float | None:
        """The cosine of two stored claims' embeddings; None while either has none, and then the
        relation is decided lexically."""
        key = (min(claim_a, claim_b), max(claim_a, claim_b))
        return self.pair_cosines([key])[key]

    def link(self, claim_ids: list[int], within_article: int = LINKS_WITHIN_ARTICLE) -> list[Suggestion]:
        """Compare claims with their candidates and store the suggested links; returns what was suggested."""
        made = self.suggest(claim_ids, within_article)
        self.store.links.suggest_links([(s.claim_a, s.claim_b, s.relation, s.score) for s in made])
        return made

    def suggest(self, claim_ids: list[int], within_article: int = LINKS_WITHIN_ARTICLE) -> list[Suggestion]:
        """The links `link` would store, reading only: an archive import matches its claims with no
        write lock held, then stores the suggestions in a short transaction (issue 15). A claim gets
        at most `within_article` links to claims of its own article (links.capped_within_source)."""
        found = self.features(claim_ids)
        vectors = self.stored_vectors(list(found))
        weights = self._weights()
        # Every claim's candidates first. Two claims of one article find each other (a long article's
        # claims are mostly each other's candidates), and each pair is compared once, from the
        # last claim that found it, as the pair's comparison was the last one made when every
        # claim compared all its candidates; it keeps the place where it was first found.
        ranked: dict[tuple[str, ...], list[int]] = {}
        candidates = {
            claim_id: (
                self._lexical_candidates(query, claim_id, CANDIDATES, ranked)
                if vectors.get(claim_id) is None
                else [r.claim for r in self.retrieve(query, vectors[claim_id], CANDIDATES, {claim_id})]
            )
            for claim_id, query in found.items()
        }
        first: dict[tuple[int, int], tuple[int, int]] = {}
        last: dict[tuple[int, int], int] = {}
        for k, (claim_id, others) in enumerate(candidates.items()):
            for j, other in enumerate(others):
                pair = (min(claim_id, other), max(claim_id, other))
                first.setdefault(pair, (k, j))
                last[pair] = k
        compared: dict[tuple[int, int], Comparison] = {}
        # A long article repeats itself (a live blog's recap, a tester's pasted paragraph): claims
        # with the same features compare alike with anything, so each such pair is compared once.
        contents = SameContent()
        seen: dict[tuple[int, int, float | None], Comparison] = {}
        for k, (claim_id, others) in enumerate(candidates.items()):
            query = found[claim_id]
            mine = [o for o in others if last[(min(claim_id, o), max(claim_id, o))] == k]
            cosines = self.pair_cosines((min(claim_id, o), max(claim_id, o)) for o in mine) if vectors else {}
            for other, candidate in self.features(mine).items():
                pair = (min(claim_id, other), max(claim_id, other))
                cosine = cosines.get(pair)
                key = (contents.of(query), contents.of(candidate), cosine)
                comparison = seen.get(key)
                if comparison is None:
                    comparison = seen[key] = compare(query, candidate, weights, cosine)
                if comparison.relation is not None:
                    compared[pair] = comparison
        comparisons = {pair: compared[pair] for pair in sorted(compared, key=first.__getitem__)}
        source_of = self.store.claims.source_groups(sorted({i for p in comparisons for i in p}))
        return capped_within_source(suggestions(comparisons, source_of), source_of, within_article)

    def _lexical_candidates(
        self, query: ClaimFeatures, claim_id: int, count: int, ranked: dict[tuple[str, ...], list[int]]
    ) -> list[int]:
        """The ids `retrieve` gives a claim without a vector (BM25 alone, best first, ties to the
        older claim, itself left out), with the ranking kept per set of terms: the copies of a
        paragraph a long article repeats ask the index the same question once. The ranking is a
        strict order, so the best count + 1 less the claim itself are its best `count`."""
        terms = tuple(query.terms())
        found = ranked.get(terms)
        if found is None:
            frequencies, size = self._vocabulary()
            self._look_up(terms)
            lexical = bm25(self.store.index, list(terms), frequencies, common_limit(size), K1, B)
            found = ranked[terms] = top(*lexical, count + 1, set())[0].tolist()
        return [c for c in found if c != claim_id][:count]

    def link_all(self, progress: Callable[[int, int], None] | None = None) -> list[Suggestion]:
        """Dedupe the whole archive: pairs that share rare terms are compared, nothing else.

        One FTS lookup per claim would take most of an hour at 100,000 claims; blocking in
        memory on each claim's rarest terms finds the same near-copies in seconds. Only
        duplicates and conflicts are stored: related pairs across a whole archive are many,
        and `match` shows them for any one claim. progress(done, total) follows the pairs compared.
        """
        rows = self.store.index.all_terms()
        source_of = {claim_id: group for claim_id, group, _ in rows}
        pairs = candidate_pairs([(claim_id, terms) for claim_id, _, terms in rows])
        found = self.features(sorted({i for pair in pairs for i in pair}))
        frequencies = Counter(term for _, _, terms in rows for term in set(terms))
        weights = Weights(idf_from_counts(frequencies, max(len(rows), 1)))
        comparisons = {}
        cosines = self.pair_cosines(sorted(pairs))
        for done, (a, b) in enumerate(pairs, 1):
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(pairs)):
                progress(done, len(pairs))
            comparison = compare(found[a], found[b], weights, cosines.get((a, b)))
            self._compared[(a, b)] = comparison
            if comparison.relation is not None:
                comparisons[(a, b)] = comparison
        made = [s for s in suggestions(comparisons, source_of) if s.relation in {DUPLICATE, CONFLICT, NEAR_MISS}]
        self.store.links.suggest_links([(s.claim_a, s.claim_b, s.relation, s.score) for s in made])
        return made

    def confirm_duplicates(self, made: list[Suggestion], threshold: float | None = None) -> list[Suggestion]:
        """Confirm duplicate suggestions at or above the fitted apply threshold (or `threshold`),
        best first, into clusters that cannot chain: a claim joins a cluster only when the relation
        decision calls it a duplicate of every member (never a near-miss, a conflict, a rejected
        pair or a merely related one), and one source never has two claims in a cluster.
        Conflicts and near-misses are never confirmed here; pairs a reviewer (or an earlier run)
        already decided are left as they are, and clusters a reviewer confirmed are the start.
        """
        links = self.store.links.all_links()
        decided = {(link["claim_a"], link["claim_b"]) for link in links if link["state"] != LinkState.SUGGESTED}
        blocked = {
            (link["claim_a"], link["claim_b"])
            for link in links
            if link["state"] == LinkState.REJECTED
            or (link["state"] == LinkState.CONFIRMED and link["relation"] != DUPLICATE)
        }
        confirmed_pairs = self.store.links.confirmed_duplicate_pairs()

        def limit(s: Suggestion) -> float:
            return (
                threshold
                if threshold is not None
                else apply_threshold(self.pair_cosine(s.claim_a, s.claim_b) is not None)
            )

        wanted = [
            s for s in made if s.relation == DUPLICATE and s.score >= limit(s) and (s.claim_a, s.claim_b) not in decided
        ]
        ids = sorted({c for s in wanted for c in (s.claim_a, s.claim_b)} | {c for p in confirmed_pairs for c in p})
        source_of = self.store.claims.source_groups(ids)
        confirmed_set = set(confirmed_pairs)

        def compatible(x: int, y: int) -> bool:
            key = (min(x, y), max(x, y))
            if key in blocked:
                return False
            if key in confirmed_set:
                return True
            comparison = self._compared.get(key)
            if comparison is None:
                found = self.features(key)
                if len(found) < 2:
                    return False
                comparison = compare(found[key[0]], found[key[1]], self._weights(), self.pair_cosine(*key))
                self._compared[key] = comparison
            return may_join(comparison)

        confirmed = confirm_greedily(wanted, compatible, source_of, confirmed_pairs)
        for suggestion in confirmed:
            self.store.links.set_link_state(suggestion.claim_a, suggestion.claim_b, LinkState.CONFIRMED, DUPLICATE)
        return confirmed


class SameContent:
    """Claims numbered by what compare() reads of them (all their features but the id): two claims
    with one number compare the same with any third, so a comparison is kept by the numbers."""

    def __init__(self) -> None:
        self._of_claim: dict[int, int] = {}
        self._numbers: dict[tuple[object, ...], int] = {}

    def of(self, claim: ClaimFeatures) -> int:
        found = self._of_claim.get(claim.id)
        if found is None:
            content = tuple(getattr(claim, f.name) for f in fields(claim) if f.name not in {"id", "indexed"})
            found = self._of_claim[claim.id] = self._numbers.setdefault((*content, *claim.terms()), len(self._numbers))
        return found


def candidate_pairs(claims: list[tuple[int, list[str]]]) -> set[tuple[int, int]]:
    """Pairs (a < b) worth comparing: they share rare terms; each claim keeps its best partners.

    A term found in very many claims pairs nothing (it would pair everything). In a large
    archive two shared terms are needed, or one found in at most VERY_RARE claims; in a small
    archive a single shared term will do.
    """
    import numpy as np

    size = len(claims)
    if size <= ALL_PAIRS:
        ids = sorted(claim_id for claim_id, _ in claims)
        return {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    frequencies = Counter(term for _, terms in claims for term in set(terms))
    common = min(common_limit(size), MAX_POSTING)
    very_rare = max(VERY_RARE, size // 2000)
    postings: dict[str, list[int]] = {}
    for claim_id, terms in claims:
        rare = sorted((t for t in set(terms) if 2 <= frequencies[t] <= common), key=lambda t: (frequencies[t], t))
        for term in rare[:BLOCKING_TERMS]:
            postings.setdefault(term, []).append(claim_id)
    chunks, weights = [], []
    for term, members in postings.items():
        if len(members) < 2:
            continue
        member_ids = np.asarray(members, dtype=np.int64)
        left, right = np.triu_indices(len(member_ids), k=1)
        chunks.append(
            np.minimum(member_ids[left], member_ids[right]) << 32 | np.maximum(member_ids[left], member_ids[right])
        )
        weights.append(np.full(len(left), 2 if frequencies[term] <= very_rare else 1, dtype=np.int64))
    if not chunks:
        return set()
    keys, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.int64)
    needed = 1 if size < SMALL_ARCHIVE else 2
    keys, shared = keys[shared >= needed], shared[shared >= needed]
    best: dict[int, list[tuple[int, int]]] = {}
    for key, count in zip(keys.tolist(), shared.tolist()):
        a, b = key >> 32, key & 0xFFFFFFFF
        best.setdefault(a, []).append((count, b))
        best.setdefault(b, []).append((count, a))
    pairs = set()
    for claim_id, partners in best.items():
        for _, other in sorted(partners, reverse=True)[:PARTNERS]:
            pairs.add((min(claim_id, other), max(claim_id, other)))
    return pairs


def query_features(text: str, claims: Sequence[ClaimLike], language: str, published: str | None) -> ClaimFeatures:
    """One set of features for a query text, pooling what extraction found in all its clauses."""
    from workbench.models import ClaimDraft

    pooled = ClaimDraft(
        start=0,
        end=len(text),
        text=text,
        kind=ClaimKind.EVENT,
        checkable=True,
        score=0.0,
        claimant_canonical=next((c.claimant_canonical for c in claims if c.claimant_canonical), None),
        entities=tuple(e for c in claims for e in c.entities),
        dates=tuple(dict.fromkeys(d for c in claims for d in c.dates)),
        figures=tuple(f for c in claims for f in c.figures),
    )
    return features(0, pooled, language, published)

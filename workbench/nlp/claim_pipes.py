"""Claim cutting and scoring as spaCy pipeline components, so the pipeline shows and configures
them like any other (`nlp.pipe_names`, `nlp.get_pipe`, `nlp.add_pipe(..., config=...)`).

- `workbench_claims` cuts each doc into claims (clauses with their claimant, kind, dates and
  figures: extract.cut_article) and sets `Doc._.workbench_cuts`. Config: `min_words`, the fewest
  words (or figures) a clause needs to be a claim.
- `workbench_score` scores the cuts with the check-worthiness model and sets
  `Doc._.workbench_claims` (ClaimDrafts). Config: `model`, a model JSON to score with (None: the
  one the settings name, else the shipped one).

A long article reaches the pipeline in pieces (extract.pieces_of). Who spoke last and what country
the article is about are read across all of them, so each piece's doc carries `Doc._.workbench_piece`
(its text mapping and its article), and `workbench_claims.pipe` holds the pieces of one article
until the last has arrived. A doc without it (`nlp("...")`) is an article of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from workbench.nlp.normalize import Normalized

if TYPE_CHECKING:
    from workbench.nlp.checkworthiness import Model

CLAIMS_PIPE = "workbench_claims"
SCORE_PIPE = "workbench_score"
CLAIM_PIPES = (CLAIMS_PIPE, SCORE_PIPE)
PIECE_ATTR = "workbench_piece"
CUTS_ATTR = "workbench_cuts"
CLAIMS_ATTR = "workbench_claims"


@dataclass(frozen=True)
class ArticleFrame:
    """One article as the claim components see it: its place in the batch, how many pieces it
    was cut into, and what its claims' dates and figures are read against."""

    key: int
    pieces: int
    language: str
    published: str | None
    post: bool = False
    """A post (a tweet, a line of `extract --lines`), not an article: see extract.reads_as_post."""


@dataclass(frozen=True)
class Piece:
    """A doc's piece of an article: its normalized text (mapping back into the original) and the article."""

    norm: Normalized
    article: ArticleFrame


def register_extensions() -> None:
    for name in (PIECE_ATTR, CUTS_ATTR, CLAIMS_ATTR):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class ClaimCutter:
    """The workbench_claims component (see the module's docstring)."""

    def __init__(self, nlp: Language, name: str, min_words: int) -> None:
        self.name = name
        self.language = str(nlp.lang)
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        self._cut([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Docs in order, each article's pieces cut together once its last piece has come."""
        pending: list[Doc] = []
        for doc in docs:
            piece = doc._.get(PIECE_ATTR)
            if pending and (piece is None or piece.article is not pending[0]._.get(PIECE_ATTR).article):
                yield from self._cut(pending)
                pending = []
            pending.append(doc)
            if piece is None or len(pending) == piece.article.pieces:
                yield from self._cut(pending)
                pending = []
        if pending:
            yield from self._cut(pending)

    def _cut(self, docs: list[Doc]) -> list[Doc]:
        from workbench.nlp.extract import Context, cut_article

        first = docs[0]._.get(PIECE_ATTR)
        context = (
            Context(first.article.language, first.article.published, first.article.post)
            if first
            else Context(self.language, None)
        )
        pieces = [(doc, _norm(doc)) for doc in docs]
        for doc, cuts in zip(docs, cut_article(pieces, context, self.min_words)):
            doc._.set(CUTS_ATTR, cuts)
        return docs


class ClaimScorer:
    """The workbench_score component (see the module's docstring)."""

    def __init__(self, nlp: Language, name: str, model: str | None) -> None:
        self.name = name
        self.model_path = model
        self._model: Model | None = None

    def __call__(self, doc: Doc) -> Doc:
        from workbench.nlp.extract import post_assessment, scored

        model = self._loaded()
        cuts = doc._.get(CUTS_ATTR) or ()
        piece = doc._.get(PIECE_ATTR)
        post = post_assessment(doc, piece.article.language, model) if cuts and piece and piece.article.post else None
        doc._.set(CLAIMS_ATTR, [scored(cut, model, post) for cut in cuts])
        return doc

    def _loaded(self) -> Model | None:
        """The configured model, read once; None scores with the model in use (current_model)."""
        if self.model_path is not None and self._model is None:
            from workbench.nlp.checkworthiness import load_model

            self._model = load_model(self.model_path)
        return self._model


def _norm(doc: Doc) -> Normalized:
    """The doc's text mapping: its piece's, or for a doc parsed from a text as is, itself."""
    piece = doc._.get(PIECE_ATTR)
    if piece is not None:
        return piece.norm
    return Normalized(doc.text, doc.text, list(range(len(doc.text) + 1)))


@Language.factory(CLAIMS_PIPE, default_config={"min_words": 3})
def make_claim_cutter(nlp: Language, name: str, min_words: int) -> ClaimCutter:
    register_extensions()
    return ClaimCutter(nlp, name, min_words)


@Language.factory(SCORE_PIPE, default_config={"model": None})
def make_claim_scorer(nlp: Language, name: str, model: str | None) -> ClaimScorer:
    register_extensions()
    return ClaimScorer(nlp, name, model)


def add_claim_pipes(nlp: Language, config: dict[str, dict[str, Any]] | None = None) -> None:
    """Cutting and scoring after every other component, once."""
    register_extensions()
    for name in CLAIM_PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=(config or {}).get(name, {}))

"""An article that repeats itself (issue 15: a 1 MB article of recycled paragraphs suggested a
quarter of a million links): each claim keeps a few links to its own article's claims, conflicts
first, never none, and links to other articles all stay."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from workbench.config import LINKS_WITHIN_ARTICLE, Settings, settings_from_dict
from workbench.errors import InvalidInput
from workbench.matching.engine import SameContent
from workbench.matching.features import features
from workbench.matching.links import Suggestion, capped_within_source
from workbench.models import ArticleInput, ClaimDraft
from workbench.service import Workbench


def test_each_claim_keeps_its_best_links_within_its_article_conflicts_first():
    source_of = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 9: 2}
    found = [
        Suggestion(1, 2, "related", 0.9),
        Suggestion(2, 3, "related", 0.8),
        Suggestion(1, 3, "conflict", 0.5),  # a conflict ranks before any related link
        Suggestion(1, 9, "related", 0.3),  # another article: always kept
        Suggestion(2, 9, "duplicate", 0.95),
        *(Suggestion(a, b, "related", 0.99) for a in range(4, 8) for b in range(a + 1, 8)),  # four copies
    ]
    kept = capped_within_source(found, source_of, 1)
    assert kept == [
        Suggestion(1, 2, "related", 0.9),  # 2's best
        Suggestion(1, 3, "conflict", 0.5),  # 1's and 3's best
        Suggestion(1, 9, "related", 0.3),
        Suggestion(2, 9, "duplicate", 0.95),
        Suggestion(4, 5, "related", 0.99),
        Suggestion(6, 7, "related", 0.99),  # 6 picks the copy with no link yet, not 4 or 5
    ]
    assert capped_within_source(found, source_of, 0) == [s for s in found if 9 in (s.claim_a, s.claim_b)]
    assert capped_within_source(found, source_of, 3) == found


def test_claims_that_read_the_same_compare_once():
    def draft(text: str, claimant: str | None) -> ClaimDraft:
        return ClaimDraft(0, len(text), text, "statement", True, 0.5, claimant_canonical=claimant)

    text = "El alcalde de Tarifa dijo que llegaron 40 pateras al puerto."
    contents = SameContent()
    first, copy = (features(i, draft(text, "Alcalde"), "es", "2024-05-02") for i in (1, 2))
    other = features(3, draft(text, None), "es", "2024-05-02")
    assert contents.of(first) == contents.of(copy) != contents.of(other)


PARAGRAPH = "El alcalde de Tarifa dijo que llegaron {n} pateras al puerto durante la noche del martes."


def _links(tmp_path: Path, name: str, most: int) -> tuple[dict[int, int], list[tuple[int, int, str, float]]]:
    text = "\n".join(PARAGRAPH.format(n=12 + k % 3) for k in range(12))
    workbench = Workbench(tmp_path / name, actor="tester", settings=Settings(semantic=False, links_within_article=most))
    (result,) = workbench.import_articles([ArticleInput(text=text, title="Tarifa", language="es")])
    with workbench.store() as store:
        article_of = {c.id: c.article_id for c in store.claims.rows()}
        links = [(row["claim_a"], row["claim_b"], row["relation"], row["score"]) for row in store.links.all_links()]
    assert result.claim_count == len(article_of) == 12
    return article_of, links


def test_an_article_that_repeats_itself_gets_a_few_links_per_claim(tmp_path: Path):
    _, every = _links(tmp_path, "every.db", 1000)
    _, capped = _links(tmp_path, "capped.db", 2)
    per_claim = Counter(c for a, b, _, _ in capped for c in (a, b))
    assert len(every) == 66 and set(capped) <= set(every)  # a choice among the same links
    assert per_claim == dict.fromkeys(range(1, 13), 2)  # copies spread their links, none is left out
    assert {relation for _, _, relation, _ in every} == {"conflict", "related"}
    # conflicts first: each claim keeps the copies whose figure disagrees (12, 13 or 14 boats)
    assert all(relation == "conflict" and (a - b) % 3 for a, b, relation, _ in capped)


def test_links_within_article_is_a_setting():
    assert Settings().links_within_article == LINKS_WITHIN_ARTICLE
    assert settings_from_dict({"matching": {"links_within_article": 0}}, "t").links_within_article == 0
    for wrong in (-1, 1001, "5", True, 2.5):
        with pytest.raises(InvalidInput, match="links_within_article must be a whole number"):
            settings_from_dict({"matching": {"links_within_article": wrong}}, "t")

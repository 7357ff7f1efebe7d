"""The store through the core API: import, verdicts, sources, audit and full-text search."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import SEEDS
from tests.helpers import SHORT_ARTICLE
from workbench.errors import InvalidInput, NotFound
from workbench.export.document import build_document
from workbench.ingest.reader import parse_article
from workbench.models import ImportResult
from workbench.service import Workbench

pytestmark = pytest.mark.slow  # every test here extracts with, or reads data made by, the real model


def import_text(workbench: Workbench, text: str = SHORT_ARTICLE, **meta: str) -> ImportResult:
    article = parse_article(text.encode("utf-8"), origin="story.txt", language="es", **meta)
    [result] = workbench.import_articles([article])
    return result


def audit_rows(workbench: Workbench) -> list[dict]:
    with workbench.store() as store:
        return store.audit.audit_log()


def export_claim(workbench: Workbench, claim_id: int) -> dict:
    with workbench.store() as store:
        document = build_document(store)
    return next(c for a in document["articles"] for c in a["claims"] if c["id"] == claim_id)


def assert_recent(timestamp: str) -> None:
    moment = datetime.fromisoformat(timestamp)
    assert moment.tzinfo is not None
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=5)


# -- import -------------------------------------------------------------------


def test_import_round_trip(workbench: Workbench) -> None:
    result = import_text(
        workbench, title="Misiles", url="https://example.org/a", outlet="Diario", published="2023-09-13"
    )
    assert result.created and result.claim_count >= 2
    [summary] = workbench.articles()
    assert (summary.id, summary.title, summary.outlet, summary.published, summary.language) == (
        result.article_id,
        "Misiles",
        "Diario",
        "2023-09-13",
        "es",
    )
    assert summary.claim_count == result.claim_count
    text = workbench.article_text(result.article_id)
    assert text == SHORT_ARTICLE
    claims = workbench.claims(result.article_id)
    assert len(claims) == result.claim_count
    assert all(c.text.endswith(text[c.start : c.end]) for c in claims)  # text may lead with a subject
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_reimport_is_idempotent(workbench: Workbench) -> None:
    first = import_text(workbench)
    again = import_text(workbench)
    reflowed = import_text(workbench, text=SHORT_ARTICLE.replace("\n\n", "\n").replace(" ", "  "))
    for result in (again, reflowed):
        assert (result.article_id, result.created, result.claim_count) == (first.article_id, False, first.claim_count)
    assert len(workbench.articles()) == 1
    assert len(workbench.claims()) == first.claim_count


def test_seeding_twice_adds_nothing(seeded: Workbench) -> None:
    before = seeded.claims()
    assert seeded.seed(SEEDS) == []
    assert seeded.claims() == before


def test_import_is_audited(workbench: Workbench) -> None:
    result = import_text(workbench)
    [row] = [r for r in audit_rows(workbench) if r["action"] == "import"]
    assert (row["table_name"], row["row_id"], row["actor"]) == ("articles", result.article_id, "tester")
    assert_recent(row["at"])


# -- verdicts -----------------------------------------------------------------


def test_verdicts_append_oldest_first(seeded: Workbench) -> None:
    seeded.add_verdict(1, "false", "Tokyo counted two missiles.")
    seeded.add_verdict(1, "Mostly TRUE", "Seoul and Tokyo agree on the launch.", reviewer="ana")
    history = seeded.verdict_history(1)
    assert [v["rating"] for v in history] == ["False", "Mostly true"]
    assert [v["reviewer"] for v in history] == ["tester", "ana"]
    claim = export_claim(seeded, 1)
    assert claim["verdict_history"] == history
    assert claim["verdict"] == history[-1]
    assert claim["status"] == "checked"
    assert seeded.claim(1).rating == "Mostly true"


def test_verdict_outside_the_scale_is_refused(seeded: Workbench) -> None:
    with pytest.raises(InvalidInput):
        seeded.add_verdict(1, "Maybe")
    assert seeded.verdict_history(1) == []


def test_verdict_for_unknown_claim_is_not_found(seeded: Workbench) -> None:
    with pytest.raises(NotFound):
        seeded.add_verdict(999, "True")


def test_verdicts_are_audited(seeded: Workbench) -> None:
    seeded.add_verdict(2, "Half true")
    [row] = [r for r in audit_rows(seeded) if r["action"] == "verdict"]
    assert (row["table_name"], row["row_id"], row["actor"]) == ("claims", 2, "tester")
    assert '"Half true"' in row["after"]
    assert_recent(row["at"])


# -- sources ------------------------------------------------------------------


def test_sources_keep_their_stance(seeded: Workbench) -> None:
    seeded.add_source(
        3,
        "https://www.jcs.mil.kr/",
        stance="Supports",
        title="JCS",
        publisher="Seoul",
        excerpt="One ballistic missile.",
    )
    seeded.add_source(3, "https://www.mod.go.jp/", stance="refutes")
    expected = [
        {
            "url": "https://www.jcs.mil.kr/",
            "title": "JCS",
            "publisher": "Seoul",
            "stance": "supports",
            "excerpt": "One ballistic missile.",
        },
        {"url": "https://www.mod.go.jp/", "title": None, "publisher": None, "stance": "refutes", "excerpt": None},
    ]
    assert [{key: source[key] for key in expected[0]} for source in seeded.sources(3)] == expected
    assert export_claim(seeded, 3)["sources"] == expected


@pytest.mark.parametrize("stance", ["agrees", "", "support"])
def test_unknown_stance_is_refused(seeded: Workbench, stance: str) -> None:
    with pytest.raises(InvalidInput):
        seeded.add_source(3, "https://example.org/", stance=stance)
    assert seeded.sources(3) == []


def test_sources_are_audited(seeded: Workbench) -> None:
    seeded.add_source(4, "https://example.org/report", stance="context")
    [row] = [r for r in audit_rows(seeded) if r["action"] == "attach_source"]
    assert (row["table_name"], row["row_id"], row["actor"]) == ("claims", 4, "tester")
    assert "https://example.org/report" in row["after"]
    assert_recent(row["at"])


# -- search -------------------------------------------------------------------


def claim_texts(workbench: Workbench, query: str) -> list[str]:
    return [hit.text for hit in workbench.search(query) if hit.kind == "claim"]


def test_search_ignores_accents(seeded: Workbench) -> None:
    for query in ("cosmodromo", "cosmódromo", "COSMÓDROMO"):
        texts = claim_texts(seeded, query)
        assert texts and all("cosmódromo" in t.lower() for t in texts), query


def test_search_finds_articles_by_title(seeded: Workbench) -> None:
    hits = [h for h in seeded.search("Vostochni") if h.kind == "article"]
    assert any("Vostochni" in h.text for h in hits)


def test_unterminated_quote_searches_the_phrase(seeded: Workbench) -> None:
    texts = claim_texts(seeded, '"misil balístico')
    assert texts and all("misil balístico" in t for t in texts)


@pytest.mark.parametrize(
    "query", ["misil AND", "OR misil", "NOT", "*", "misil*", "NEAR(", "(", "text:", "^", "-", "'", '"a" "b']
)
def test_search_syntax_is_never_parsed(seeded: Workbench, query: str) -> None:
    assert isinstance(seeded.search(query), list)


@pytest.mark.parametrize("query", ['"', '""', '" "', '"_"', "_", "½"])
def test_search_without_words_finds_nothing(seeded: Workbench, query: str) -> None:
    with contextlib.suppress(InvalidInput):
        assert seeded.search(query) == []


def test_search_with_a_control_character_is_not_a_database_error(seeded: Workbench) -> None:
    with contextlib.suppress(InvalidInput):
        assert isinstance(seeded.search("misil\x00balístico"), list)


def test_empty_search_is_refused(seeded: Workbench) -> None:
    with pytest.raises(InvalidInput):
        seeded.search("   ")


def test_near_copies_of_one_template_are_told_apart_by_all_their_terms(workbench: Workbench) -> None:
    from workbench.matching.lexical import bm25
    from workbench.matching.retrieval import top
    from workbench.models import ArticleInput, ClaimDraft

    template = "china memorandum nuclear energy tehran"
    texts = [f"{template} filler{i} other{i}" for i in range(60)] + [f"{template} signed monday beijing"]
    claims = [ClaimDraft(0, len(t), t, "event", True, 0.5) for t in texts]
    with workbench.store(create=True) as store:
        _, ids = store.articles.insert_article(ArticleInput("\n".join(texts), "T", "en"), "h", claims)
        store.index.add((claim_id, 1, text.split()) for claim_id, text in zip(ids, texts))
        frequencies = store.index.all_document_frequencies()
        query = f"{template} signed monday beijing".split()
        # retrieval: BM25 over all the query's terms replaced the near-copy pass (_closest)
        ranked = top(*bm25(store.index, query, frequencies, len(texts), 1.2, 0.75), len(texts), set())[0].tolist()
    assert ranked[0] == ids[-1] and ranked[1:] == ids[:-1]

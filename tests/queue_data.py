"""A small database written through the store, without the language model, for the review queue's tests.

Exact claims with known kinds, scores and entities make every filter's answer knowable by hand:

    article 1 "Misiles"      claim 1  quantity   0.90  Seúl -> South Korea, Corea del Norte -> North Korea
                             claim 2  statement  0.40  Putin -> Vladimir Putin
                             claim 3  opinion    0.20  not checkable
    article 2 "Cumbre"       claim 4  event      0.70  Pyongyang -> North Korea
                             claim 5  quantity   0.95  Moscú -> Russia
    article 3 (an archive)   claim 6  statement  0.99  Corea del Norte -> North Korea
"""

from __future__ import annotations

from pathlib import Path

from workbench.models import ArticleInput, ClaimDraft, EntityDraft
from workbench.service import Workbench, content_hash


def _claim(
    start: int, text: str, kind: str, score: float, entities: list[tuple[str, str | None]], checkable: bool = True
) -> ClaimDraft:
    found = []
    for name, canonical in entities:
        at = text.index(name)
        found.append(EntityDraft(name, "LOC", canonical, start + at, start + at + len(name)))
    return ClaimDraft(start, start + len(text), text, kind, checkable, score, entities=tuple(found))


def _article(
    sentences: list[tuple[str, str, float, list[tuple[str, str | None]], bool]],
) -> tuple[str, list[ClaimDraft]]:
    text, claims = "", []
    for sentence, kind, score, entities, checkable in sentences:
        claims.append(_claim(len(text), sentence, kind, score, entities, checkable))
        text += sentence + " "
    return text.strip(), claims


ARTICLES = [
    (
        "Misiles",
        [
            (
                "Seúl dice que Corea del Norte disparó dos misiles.",
                "quantity",
                0.9,
                [("Seúl", "South Korea"), ("Corea del Norte", "North Korea")],
                True,
            ),
            ("Putin prometió ayuda espacial.", "statement", 0.4, [("Putin", "Vladimir Putin")], True),
            ("Es una gran victoria.", "opinion", 0.2, [], False),
        ],
        False,
    ),
    (
        "Cumbre",
        [
            ("Pyongyang envió una delegación.", "event", 0.7, [("Pyongyang", "North Korea")], True),
            ("Moscú habló de dos horas de reunión.", "quantity", 0.95, [("Moscú", "Russia")], True),
        ],
        False,
    ),
    (
        "Archive: earlier.csv",
        [("Corea del Norte lanzó un satélite.", "statement", 0.99, [("Corea del Norte", "North Korea")], True)],
        True,
    ),
]


def make_queue_db(db_path: Path) -> Workbench:
    workbench = Workbench(db_path, actor="tester")
    with workbench.store(create=True) as store:
        for title, sentences, is_archive in ARTICLES:
            text, claims = _article(sentences)
            if is_archive:
                with store.transaction():
                    article_id, _ = store.articles.start_archive(title, "earlier.csv", content_hash(text), len(claims))
                    store.claims.add_claims(article_id, claims)
                    store.articles.finish_archive(article_id, "es")
            else:
                store.articles.insert_article(
                    ArticleInput(text, title, "es", published="2023-09-13"), content_hash(text), claims
                )
    return workbench

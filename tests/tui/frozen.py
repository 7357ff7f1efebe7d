"""A frozen copy of the seeded database: the TUI's snapshots do not move when extraction changes.

`data/frozen.json` holds the seed articles and the claims extraction found in them when the
snapshots were made. Loading it writes through the store, so no language model is needed.
Regenerate it (then review and update the snapshots) with:

    python -m tests.tui.frozen
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from workbench.models import ArticleInput, ClaimDraft, EntityDraft, Figure
from workbench.service import Workbench, content_hash

FROZEN = Path(__file__).resolve().parent / "data" / "frozen.json"
ARTICLE_FIELDS = ("title", "language", "published", "url", "outlet", "text")


def load_frozen(db_path: Path, source: Path = FROZEN) -> Workbench:
    """A new database at `db_path` holding exactly the frozen articles and claims."""
    workbench = Workbench(db_path, actor="tester")
    data = json.loads(source.read_text(encoding="utf-8"))
    with workbench.store(create=True) as store:
        for article in data["articles"]:
            claims = [
                ClaimDraft(
                    **{
                        **claim,
                        "entities": tuple(EntityDraft(**entity) for entity in claim["entities"]),
                        "dates": tuple(claim["dates"]),
                        "figures": tuple(Figure(**figure) for figure in claim["figures"]),
                        "reasons": tuple(claim["reasons"]),
                    }
                )
                for claim in article["claims"]
            ]
            fields = {key: article[key] for key in ARTICLE_FIELDS}
            store.articles.insert_article(ArticleInput(**fields), content_hash(article["text"]), claims)
    return workbench


def freeze(workbench: Workbench, target: Path = FROZEN) -> None:
    """Write `workbench`'s articles and claims as the frozen copy."""
    articles = []
    with workbench.store() as store:
        for row in store.articles.rows():
            claims = []
            for claim in store.claims.rows(article_id=row["id"]):
                fields = asdict(claim)
                for key in ("id", "article_id", "status", "rating"):
                    fields.pop(key)
                claims.append(fields)
            articles.append({key: row[key] for key in ARTICLE_FIELDS} | {"claims": claims})
    data = {"note": "Frozen seeded database for the TUI snapshots; see tests/tui/frozen.py.", "articles": articles}
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    from tests.conftest import SEEDS

    with tempfile.TemporaryDirectory() as folder:
        seeded = Workbench(Path(folder) / "claims.db", actor="seeder")
        seeded.seed(SEEDS)
        freeze(seeded)
    print(f"Wrote {FROZEN}")

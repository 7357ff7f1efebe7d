"""A very long article is matched lexically at import and leaves its vectors to `workbench index`
(issue 15: a 1 MB article has some 11,000 claims, minutes of embedding while the import holds the
database); an ordinary article is embedded at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import assert_ok, invoke
from workbench.models import ArticleInput
from workbench.service import Workbench
from workbench.usecases import importing

pytestmark = pytest.mark.slow  # the real e5 model

STORY = (
    "La alcaldía de Cartago informó que el río creció dos metros durante la madrugada del lunes.\n"
    "Los bomberos rescataron a 35 personas de sus casas, según el cuerpo de bomberos.\n"
    "El servicio meteorológico prevé 80 litros por metro cuadrado para el martes."
)


def _import(tmp_path: Path, name: str) -> tuple[Workbench, int, int]:
    workbench = Workbench(tmp_path / name, actor="tester")
    (result,) = workbench.import_articles([ArticleInput(text=STORY, title="Cartago", language="es")])
    return workbench, result.claim_count, result.unembedded


def test_an_article_over_the_bound_leaves_its_vectors_to_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workbench, claims, _ = _import(tmp_path, "ordinary.db")
    assert claims >= 3 and workbench.pending_vectors() == 0  # embedded at import

    monkeypatch.setattr(importing, "EMBED_AT_IMPORT", claims - 1)
    workbench, claims, unembedded = _import(tmp_path, "long.db")
    assert unembedded == claims == workbench.pending_vectors()
    assert workbench.index_vectors() == claims
    assert workbench.pending_vectors() == 0


def test_the_cli_says_what_is_left_for_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "EMBED_AT_IMPORT", 1)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    found = invoke("--db", str(tmp_path / "claims.db"), "import", str(story), "--lang", "es")
    assert_ok(found)
    assert "workbench index" in found.stderr and "workbench index" not in found.stdout

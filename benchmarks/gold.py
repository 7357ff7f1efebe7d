"""Scoring extracted claims against the gold claims (a copy of ../shared/gold in gold_data/, so a
clone anywhere can run the tests and benchmarks).

The coverage rule is DESIGN.md's: a claim covers a gold claim when its text (or the article
text under its span), white space folded and case ignored, contains the folded anchor, or
is at least 80% of the anchor's length and reaches rapidfuzz partial_ratio >= 90 against it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).resolve().parent / "gold_data"
SEEDS_DIR = ROOT / "seeds"
ARTICLES_DIR = GOLD_DIR / "articles"
GOLD_FILES = {
    json.loads(path.read_text(encoding="utf-8"))["article"]: path.name
    for path in sorted(GOLD_DIR.glob("*-claims.json"))
}
"""Article file -> its gold claims file: the two seeds and the seven articles of gold_data/articles."""


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    language: str
    published: str
    gold: dict[str, Any]


def article_path(article_file: str) -> Path:
    """Where a gold article's text lives: the seeds ship two of them, gold_data/articles the rest."""
    seeded = SEEDS_DIR / article_file
    return seeded if seeded.exists() else ARTICLES_DIR / article_file


SEED_ARTICLES = ("000_d71bd0366741339f.txt", "d1-cumbre-vostochni.es.txt")
"""The gold articles a new database is seeded with (the tests' seeded store holds these two)."""


def gold_articles(language: str | None = None, names: tuple[str, ...] | None = None) -> list[GoldArticle]:
    """Gold articles with their text, language and publication date (optionally one language, or some)."""
    found = []
    for name in names or tuple(GOLD_FILES):
        gold = load_gold(name)
        if language is None or gold["language"] == language:
            text = article_path(name).read_text(encoding="utf-8").strip()
            found.append(GoldArticle(name, text, gold["language"], gold["published"], gold))
    return found


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def covers(claim_text: str, anchor: str) -> bool:
    claim, gold = fold(claim_text), fold(anchor)
    if gold in claim:
        return True
    return len(claim) >= 0.8 * len(gold) and fuzz.partial_ratio(claim, gold) >= 90


def load_gold(article_file: str) -> dict[str, Any]:
    return json.loads((GOLD_DIR / GOLD_FILES[article_file]).read_text(encoding="utf-8"))


@dataclass
class Score:
    gold_checkable: int = 0
    covered: int = 0
    claims_checkable: int = 0
    claims_covering: int = 0
    covered_atomically: int = 0
    claimant_total: int = 0
    claimant_correct: int = 0
    opinions: int = 0
    opinions_marked_checkable: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    non_atomic: list[str] = field(default_factory=list)
    wrong_claimant: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def recall(self) -> float:
        return self.covered / self.gold_checkable if self.gold_checkable else 1.0

    @property
    def precision(self) -> float:
        return self.claims_covering / self.claims_checkable if self.claims_checkable else 0.0

    @property
    def opinions_kept(self) -> float:
        """Share of the claims marked not checkable (opinions, rhetoric) that no checkable claim covers."""
        return 1 - len(self.opinions_marked_checkable) / self.opinions if self.opinions else 1.0

    @property
    def atomic(self) -> float:
        return self.covered_atomically / self.covered if self.covered else 0.0

    @property
    def claimant(self) -> float:
        return self.claimant_correct / self.claimant_total if self.claimant_total else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.recall:.2f} ({self.covered}/{self.gold_checkable})  "
            f"precision {self.precision:.2f} ({self.claims_covering}/{self.claims_checkable})  "
            f"atomic {self.atomic:.2f} ({self.covered_atomically}/{self.covered})  "
            f"claimant {self.claimant:.2f} ({self.claimant_correct}/{self.claimant_total})  "
            f"opinions checkable {len(self.opinions_marked_checkable)} of {self.opinions}"
        )


def score_article(gold: dict[str, Any], article_text: str, claims: list[dict[str, Any]]) -> Score:
    """Score one article's exported claims (dicts with text, start, end, checkable, claimant)."""
    score = Score()
    checkable_gold = [g for g in gold["claims"] if g["checkable"]]
    checkable = [c for c in claims if c["checkable"]]

    def claim_covers(claim: dict[str, Any], g: dict[str, Any]) -> bool:
        return covers(claim["text"], g["anchor"]) or covers(article_text[claim["start"] : claim["end"]], g["anchor"])

    covered_by = {id(c): [g["id"] for g in checkable_gold if claim_covers(c, g)] for c in checkable}
    score.gold_checkable = len(checkable_gold)
    score.claims_checkable = len(checkable)
    score.claims_covering = sum(1 for c in checkable if covered_by[id(c)])
    score.spurious = [c["text"] for c in checkable if not covered_by[id(c)]]
    for g in checkable_gold:
        coverers = [c for c in checkable if g["id"] in covered_by[id(c)]]
        if not coverers:
            score.missed.append(f"{g['id']}: {g['anchor']}")
            continue
        score.covered += 1
        if any(len(covered_by[id(c)]) == 1 for c in coverers):
            score.covered_atomically += 1
        else:
            score.non_atomic.append(g["id"])
        if g.get("claimant"):
            score.claimant_total += 1
            best = min(coverers, key=lambda c: len(covered_by[id(c)]))
            if claimant_matches(best.get("claimant"), best.get("claimant_canonical"), g["claimant"]):
                score.claimant_correct += 1
            else:
                score.wrong_claimant.append(f"{g['id']}: want {g['claimant']!r} got {best.get('claimant')!r}")
    score.opinions = sum(1 for g in gold["claims"] if not g["checkable"])
    for g in gold["claims"]:
        if not g["checkable"] and any(claim_covers(c, g) for c in checkable):
            score.opinions_marked_checkable.append(g["id"])
    return score


def claimant_matches(text: str | None, canonical: str | None, wanted: str) -> bool:
    """A claimant is right when its text or canonical actor names the gold claimant."""
    wanted_folded = fold(wanted)
    for value in (canonical, text):
        if value and (fold(value) == wanted_folded or fuzz.token_set_ratio(fold(value), wanted_folded) >= 90):
            return True
    return False


# -- pairs: duplicates, related and conflicts across the gold claims ------------------------


def load_pairs(within: set[str] | None = None) -> list[dict[str, str]]:
    """The gold pairs; with `within`, only those whose two claims are among those gold ids."""
    pairs = json.loads((GOLD_DIR / "pairs.json").read_text(encoding="utf-8"))["pairs"]
    return [p for p in pairs if within is None or (p["a"] in within and p["b"] in within)]


def gold_ids(article_files: list[str]) -> set[str]:
    """Ids of the gold claims of some articles, to score only the pairs among them."""
    return {claim["id"] for name in article_files for claim in load_gold(name)["claims"]}


def best_coverers(gold_claims: list[dict[str, Any]], claims: list[dict[str, Any]], article_text: str) -> dict[str, int]:
    """Gold id -> index (in `claims`) of the claim that covers it most atomically."""

    def covering(claim: dict[str, Any]) -> list[str]:
        spans = (claim["text"], article_text[claim["start"] : claim["end"]])
        return [g["id"] for g in gold_claims if any(covers(s, g["anchor"]) for s in spans)]

    covered = {i: covering(c) for i, c in enumerate(claims)}
    best: dict[str, int] = {}
    for g in gold_claims:
        candidates = [i for i, ids in covered.items() if g["id"] in ids]
        if candidates:
            best[g["id"]] = min(candidates, key=lambda i: len(covered[i]))
    return best


@dataclass
class PairScore:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    conflicts: int = 0
    conflicts_flagged: int = 0
    conflicts_merged: int = 0
    wrong: list[tuple[int, int]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def summary(self) -> str:
        return (
            f"duplicates: precision {self.precision:.2f} ({self.correct}/{self.predicted})  "
            f"recall {self.recall:.2f} ({self.found}/{self.gold})  "
            f"conflicts flagged {self.conflicts_flagged}/{self.conflicts}, merged {self.conflicts_merged}"
        )


def score_pairs(
    mapping: dict[str, int],
    merged: set[tuple[int, int]],
    relations: dict[tuple[int, int], str],
    within: set[str] | None = None,
) -> PairScore:
    """Score merged pairs (i < j, clusters expanded) and pair relations against pairs.json
    (only the pairs among the gold ids `within`, when given)."""
    score = PairScore()
    gold_duplicates = set()
    for pair in load_pairs(within):
        if pair["a"] not in mapping or pair["b"] not in mapping:
            if pair["relation"] == "duplicate":
                score.gold += 1
                score.missed.append((pair["a"], pair["b"]))
            continue
        key = tuple(sorted((mapping[pair["a"]], mapping[pair["b"]])))
        if pair["relation"] == "duplicate":
            score.gold += 1
            gold_duplicates.add(key)
            if key in merged:
                score.found += 1
            else:
                score.missed.append((pair["a"], pair["b"]))
        elif pair["relation"] == "conflict":
            score.conflicts += 1
            score.conflicts_flagged += relations.get(key) == "conflict"
            score.conflicts_merged += key in merged
    score.predicted = len(merged)
    score.correct = len(merged & gold_duplicates)
    score.wrong = sorted(merged - gold_duplicates)
    return score


def cluster_pairs(links: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Every pair inside the clusters that confirmed duplicate links form."""
    from workbench.matching.links import confirmed_clusters

    groups: dict[int, list[int]] = {}
    for claim, canonical in confirmed_clusters(links).items():
        groups.setdefault(canonical, []).append(claim)
    return {(a, b) for members in groups.values() for a in members for b in members if a < b}

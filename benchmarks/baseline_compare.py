"""The relation decision as main had it before the fitted one (hand-set weights and thresholds),
kept only so benchmarks.matching can print it as the baseline in the same run.

Comparing two claims: a similarity score and the relation it implies.

duplicate: the same checkable proposition. conflict: the same event, figures that disagree
(Seoul's one missile, Tokyo's two). related: the same topic, a different proposition, or
the same words about a different event (Kim's arrival in 2019 is not his arrival in 2023).

The score adds up transparent parts, each kept as a reason:
- words: TF-IDF cosine over index terms (stems, concepts, actors, figures, dates), with
  document frequencies from the archive, so "Kim" and "Rusia" weigh little in a summit archive;
- wording: rapidfuzz token_sort_ratio over the informative stems (common stems only add noise);
- actors: overlap of canonical actors; claimant: the same actor, or the same country, asserts both;
- figures and dates that agree add a little; figures that disagree make a conflict, dates
  that disagree (or articles far apart in time) make it a different event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from workbench.matching.compare import Weights
from workbench.matching.features import ClaimFeatures
from workbench.models import Figure

DUPLICATE = "duplicate"
RELATED = "related"
CONFLICT = "conflict"

# Chosen from the sweep `python -m benchmarks.matching` prints on the gold pairs:
# suggest duplicates from 0.40; `dedupe --apply` confirms from 0.45 (precision 0.91, recall 1.00 there).
DUPLICATE_THRESHOLD = 0.40
APPLY_THRESHOLD = 0.45
RELATED_THRESHOLD = 0.30
SAME_EVENT_DAYS = 3
INFORMATIVE_IDF = 1.5


@dataclass(frozen=True)
class Comparison:
    score: float
    relation: str | None
    """None below the related threshold: not worth a link."""
    reasons: tuple[str, ...] = field(default=())


def compare(a: ClaimFeatures, b: ClaimFeatures, weights: Weights) -> Comparison:
    left, right = weights.of(a), weights.of(b)
    words = _cosine(left, right)
    wording = fuzz.token_sort_ratio(left[2], right[2]) / 100 if left[2] and right[2] else 0.0
    actors = _jaccard(a.entities, b.entities)
    figures = _figure_agreement(a.figures, b.figures)
    dates = _date_agreement(a, b)
    score = 0.6 * words + 0.25 * wording + 0.15 * actors
    reasons = [f"words {words:.2f}", f"wording {wording:.2f}", f"actors {actors:.2f}"]
    if a.claimant_country and a.claimant_country == b.claimant_country:
        score += 0.1
        reasons.append(f"both asserted from {a.claimant_country}")
    if figures is True:
        score += 0.1
        reasons.append("figures agree")
    if dates is True:
        score += 0.05
        reasons.append("dates agree")
    score = round(min(score, 1.0), 3)
    if figures is False and dates is not False and _same_event(a, b, score):
        return Comparison(score, CONFLICT, (*reasons, "figures disagree: " + _figures_text(a, b)))
    if dates is False:
        relation = RELATED if score >= RELATED_THRESHOLD else None
        return Comparison(score, relation, (*reasons, "different dates: a different event"))
    if score >= DUPLICATE_THRESHOLD and _actors_compatible(a, b):
        return Comparison(score, DUPLICATE, tuple(reasons))
    if score >= DUPLICATE_THRESHOLD:
        return Comparison(score, RELATED, (*reasons, "different actors: not the same proposition"))
    return Comparison(score, RELATED if score >= RELATED_THRESHOLD else None, tuple(reasons))


def _cosine(left: tuple[dict[str, float], float, str], right: tuple[dict[str, float], float, str]) -> float:
    """TF-IDF cosine of two claims' term vectors."""
    (a, norm_a, _), (b, norm_b, _) = left, right
    if len(b) < len(a):
        a, b = b, a
    dot = sum(weight * b[term] for term, weight in a.items() if term in b)
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _figure_agreement(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool | None:
    """True when figures on a shared unit agree, False when any disagrees, None when none is shared.

    Two indefinite articles ("una visita", "una cena") say nothing about figures.
    """
    left = {f.unit: f for f in a if f.unit}
    right = {f.unit: f for f in b if f.unit}
    shared = {unit for unit in left.keys() & right.keys() if left[unit].explicit or right[unit].explicit}
    if not shared:
        return None
    return all(_same_value(left[unit], right[unit]) for unit in shared)


def _same_value(a: Figure, b: Figure) -> bool:
    if a.qualifier != "=" or b.qualifier != "=":
        return abs(a.value - b.value) <= 0.25 * max(a.value, b.value)
    return a.value == b.value


def _actors_compatible(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Claims that both name actors (or whose claimants speak for a country) must share one to be
    the same proposition: "Egypt moved three warships" is not "Venezuela moved three warships"."""
    left = a.entities | ({a.claimant_country} if a.claimant_country else set())
    right = b.entities | ({b.claimant_country} if b.claimant_country else set())
    return not left or not right or bool(left & right)


def _same_event(a: ClaimFeatures, b: ClaimFeatures, score: float) -> bool:
    """Counts that disagree are a conflict only about one event: claims alike enough to be
    duplicates, or counting the same thing with an actor in common or both attributed."""
    if score >= DUPLICATE_THRESHOLD:
        return True
    together = bool(a.entities & b.entities) or bool(a.claimant_country and b.claimant_country)
    return together and (score >= RELATED_THRESHOLD or _count_same_thing(a, b))


def _count_same_thing(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Both count the same thing, and at least one says how many in numbers: one event until dates differ."""
    left = {f.unit: f.explicit for f in a.figures if f.unit}
    right = {f.unit: f.explicit for f in b.figures if f.unit}
    return any(left[unit] or right[unit] for unit in left.keys() & right.keys())


def _figures_text(a: ClaimFeatures, b: ClaimFeatures) -> str:
    right = {f.unit: f for f in b.figures if f.unit}
    return ", ".join(f"{f.value:g} vs {right[f.unit].value:g} {f.unit}" for f in a.figures if f.unit in right)


def _date_agreement(a: ClaimFeatures, b: ClaimFeatures) -> bool | None:
    """True when stated dates match, False when they cannot be the same event, None when unknown.

    A claim without a date of its own happened around its article's publication date.
    """
    if a.dates and b.dates:
        return any(x.startswith(y) or y.startswith(x) for x in a.dates for y in b.dates)
    left = _day(a.dates[0]) if a.dates else _day(a.published)
    right = _day(b.dates[0]) if b.dates else _day(b.published)
    if left is None or right is None:
        return None
    return None if abs((left - right).days) <= SAME_EVENT_DAYS else False


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    return date.fromisoformat(value)

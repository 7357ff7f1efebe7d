"""The relation between two claims: duplicate, related, near-miss, conflict, or none.

Finding candidates is a similarity problem; deciding the relation is a problem of structure.
Cosine alone does not tell a duplicate from a near-miss (the 2019 summit against the 2023 one)
or a conflict (one missile against two): on the gold claims they average 0.886, 0.884 and 0.896.

So the decision has two parts:
- how alike the two claims are: a logistic regression over transparent pair features (the
  embedding cosine when both have vectors, TF-IDF cosine over index terms, wording, shared
  actors, claimant agreement, language pair, stated dates that agree, one number both state,
  and the structure below as features too: another date, figures that disagree or share
  nothing, a denial or a possibility against a fact, actors with nothing in common, two
  authorities' accounts, one side attributed and the other not), fitted on the gold pairs and our own training stories by `python -m benchmarks.fit_relations`,
  which writes its coefficients and thresholds (chosen on cross-validated, smoothed scores) to
  relation_model.json with their nested cross-validated figures; one model with the cosine, one
  without;
- what kind of sameness it is, from the claims' structure: event dates that cannot be the same
  day or year make a near-miss (never sharing a verdict; "since April 2019" is no event date, and
  an undated background claim, "had been hit", lies some time in the years before its story),
  figures on the same unit that disagree make a conflict (however differently two authorities
  word them), and so do numbers of like size with nothing in common (the same count in two
  languages' words); so does one claim denying what the other states (alike enough, or
  linked from the fitted `denial` threshold, for a denial reads little like what it denies); a possibility against a
  fact, actors with nothing in common or two countries' authorities each giving
  the count make it related, and only what remains is a duplicate.
- whether two claims may sit in one duplicate cluster (`joins`): a duplicate may, and so may a
  pair alike from the fitted `join` threshold that nothing in its structure objects to; a claim
  joins a cluster only when it joins every member, so clusters cannot chain.

Every part is kept as a human-readable reason.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from workbench.matching.features import ClaimFeatures
from workbench.models import Figure

DUPLICATE = "duplicate"
RELATED = "related"
NEAR_MISS = "near-miss"
CONFLICT = "conflict"

SAME_EVENT_DAYS = 3
"""Claims without a stated date happened around their article's publication; articles further
apart than this are about different events unless a stated date says otherwise."""
STATED_DAYS = 1
"""Stated days this far apart are one event reported from two time zones (Seoul's morning is
Washington's evening)."""
INFORMATIVE_IDF = 1.5
CLOSE_FIGURES = 2.0
"""Two reports' counts of one thing differ by less than this factor (46 against 51 dead, 180
against 250 passengers); numbers further apart count different things."""

Idf = Callable[[str], float]
"""Inverse document frequency of an index term in the archive."""

MODEL_FILE = "relation_model.json"


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted coefficients and thresholds (benchmarks/fit_relations.py writes them)."""
    fitted: dict[str, Any] = json.loads(
        resources.files("workbench.matching").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    )
    return fitted


def _threshold(variant: str, name: str) -> float:
    return float(model()["variants"][variant]["thresholds"][name])


def apply_threshold(semantic: bool = True) -> float:
    """The alikeness from which `dedupe --apply` confirms a duplicate, chosen on cross-validation."""
    return _threshold("semantic" if semantic else "lexical", "apply")


class Weights:
    """TF-IDF vectors and informative stems of claims, computed once per claim in a session."""

    def __init__(self, idf: Idf):
        self.idf = idf
        self._vectors: dict[tuple[int, str], tuple[dict[str, float], float, str]] = {}

    def of(self, claim: ClaimFeatures) -> tuple[dict[str, float], float, str]:
        """(term weights, their norm, informative stems joined) of a claim."""
        key = (claim.id, claim.text)
        found = self._vectors.get(key)
        if found is None:
            vector = {term: count * self.idf(term) for term, count in Counter(claim.terms()).items()}
            norm = math.sqrt(sum(w * w for w in vector.values()))
            informative = " ".join(s for s in claim.stems if self.idf(s) >= INFORMATIVE_IDF)
            found = self._vectors[key] = (vector, norm, informative)
        return found


@dataclass(frozen=True)
class Comparison:
    score: float
    """How likely the two claims state one proposition, in [0, 1]: the fitted probability that they
    state the same kind of fact (a duplicate, a near-miss or a conflict), or of a duplicate when
    the model has a regression of its own for that; the order suggestions are made and confirmed in."""
    relation: str | None
    """None when not worth a link."""
    reasons: tuple[str, ...] = field(default=())
    joins: bool = False
    """Whether the two may sit in one duplicate cluster (see `joins`)."""


@dataclass(frozen=True)
class PairFeatures:
    """The transparent numbers a relation is decided from."""

    cosine: float | None
    words: float
    wording: float
    actors: float
    claimant_same: bool
    claimant_other: bool
    cross_lingual: bool
    dates: bool | None
    dates_text: str
    figures: bool | None
    figures_text: str
    negation_mismatch: bool
    modality_mismatch: bool
    actors_compatible: bool
    both_attributed: bool
    """Both claims have claimants who speak for a country, and not the same one: two authorities'
    counts of one event."""
    figures_shared: bool = False
    """Both state one same explicit number, whatever it counts: "112 personas" and "112
    survivors" name their units in two languages (and two words), the number in one."""
    figures_unmatched: bool = False
    """Both state explicit numbers, yet none is shared and no unit is common: "unos 180
    pasajeros" against "some 250 passengers" counts one thing in two languages and disagrees.
    A duplicate restates its number, so such a pair is never one."""
    figures_close: bool = False
    """Of unmatched figures, two are within a factor of CLOSE_FIGURES: two outlets' counts of one
    thing ("39 presos", "43 inmates"), not a million pesos against two days of mourning."""
    claimant_one_sided: bool = False
    """One claim is attributed (a claimant speaks), the other asserted by its outlet: "the
    ministry said two missiles were fired" reports the ministry's account, "two missiles were
    fired" states the fact."""
    dates_stated: bool = False
    """Both claims state an event date of their own (not their articles' publication dates)."""

    def values(self) -> dict[str, float]:
        """What the logistic regressions read (structure decides the kind, not the alikeness)."""
        found = {
            "words": self.words,
            "wording": self.wording,
            "actors": self.actors,
            "claimant_same": float(self.claimant_same),
            "claimant_other": float(self.claimant_other),
            "cross_lingual": float(self.cross_lingual),
        }
        found["dates_agree"] = float(self.dates is True)
        found["figures_shared"] = float(self.figures_shared)
        found["dates_differ"] = float(self.dates is False)
        found["dates_stated"] = float(self.dates_stated)
        found["figures_differ"] = float(self.figures is False)
        found["figures_unmatched"] = float(self.figures_unmatched)
        found["negation_mismatch"] = float(self.negation_mismatch)
        found["modality_mismatch"] = float(self.modality_mismatch)
        found["actors_incompatible"] = float(not self.actors_compatible)
        found["both_attributed"] = float(self.both_attributed)
        found["claimant_one_sided"] = float(self.claimant_one_sided)
        if self.cosine is not None:
            found["cosine"] = self.cosine
            found["cosine_cross"] = self.cosine * float(self.cross_lingual)
        return found


def pair_features(a: ClaimFeatures, b: ClaimFeatures, weights: Weights, cosine: float | None = None) -> PairFeatures:
    left, right = weights.of(a), weights.of(b)
    dates, dates_text = _date_agreement(a, b)
    figures = _figure_agreement(a.figures, b.figures)
    return PairFeatures(
        cosine=None if cosine is None else float(cosine),
        words=_cosine(left, right),
        wording=fuzz.token_sort_ratio(left[2], right[2]) / 100 if left[2] and right[2] else 0.0,
        actors=_jaccard(a.entities, b.entities),
        claimant_same=bool(
            (a.claimant and a.claimant == b.claimant)
            or (a.claimant_country and a.claimant_country == b.claimant_country)
        ),
        claimant_other=bool(a.claimant_country and b.claimant_country and a.claimant_country != b.claimant_country),
        cross_lingual=a.language != b.language,
        dates=dates,
        dates_text=dates_text,
        figures=figures,
        figures_text=_figures_text(a, b) if figures is False else _unmatched_text(a.figures, b.figures),
        negation_mismatch=a.negated != b.negated,
        modality_mismatch=a.modal != b.modal,
        actors_compatible=_actors_compatible(a, b),
        both_attributed=bool(a.claimant_country and b.claimant_country and a.claimant != b.claimant),
        figures_shared=_figures_shared(a.figures, b.figures),
        figures_unmatched=_figures_unmatched(a.figures, b.figures),
        figures_close=_figures_close(a.figures, b.figures),
        claimant_one_sided=bool(a.claimant or a.claimant_country) != bool(b.claimant or b.claimant_country),
        dates_stated=bool(a.event_dates and b.event_dates),
    )


def probability(coefficients: dict[str, Any], values: dict[str, float]) -> float:
    """A fitted logistic regression's probability for a pair's values."""
    z = coefficients["intercept"] + sum(w * values.get(name, 0.0) for name, w in coefficients["coef"].items())
    return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))


def compare(a: ClaimFeatures, b: ClaimFeatures, weights: Weights, cosine: float | None = None) -> Comparison:
    """The relation of two claims; `cosine` is their embeddings' cosine when both have vectors
    (the lexical model decides without it)."""
    pair = pair_features(a, b, weights, cosine)
    return decide(pair)


def decide(pair: PairFeatures) -> Comparison:
    """Relation from a pair's features: fitted alikeness first, then the structure says which kind."""
    variant = model()["variants"]["semantic" if pair.cosine is not None else "lexical"]
    values = pair.values()
    alike = probability(variant["alike"], values)
    linked = probability(variant["linked"], values)
    same = probability(variant["duplicate"], values) if "duplicate" in variant else alike
    reasons = [f"alike {alike:.2f}"]
    if pair.cosine is not None:
        reasons.append(f"meaning {pair.cosine:.2f}")
    reasons += [f"words {pair.words:.2f}", f"wording {pair.wording:.2f}", f"actors {pair.actors:.2f}"]
    if pair.claimant_same:
        reasons.append("the same claimant (or country) asserts both")
    if pair.dates is True:
        reasons.append("dates agree")
    if pair.figures is True:
        reasons.append("figures agree")
    relation, why = relation_of(pair, alike, linked, variant["thresholds"], same)
    return Comparison(
        round(same, 3),
        relation,
        (*reasons, why) if why else tuple(reasons),
        joins(pair, relation, same, variant["thresholds"]),
    )


def relation_of(
    pair: PairFeatures, alike: float, linked: float, limits: dict[str, float], same: float | None = None
) -> tuple[str | None, str | None]:
    """(relation, the reason that decided it) from the fitted probabilities and thresholds:
    `flag` (alike enough to call another event a near-miss, or other figures a conflict),
    `conflict` (linked enough for two authorities' figures that disagree about one day's event to
    be a conflict, however differently they word it),
    `denial` (linked enough for a denial of what the other states to be a conflict, though a
    denial reads little like the statement it denies: "the navy denied the ferry was overloaded"
    against "the ferry carried more than allowed"),
    `duplicate` (on `same`, the fitted probability of one proposition, which learns what tells a
    duplicate from a conflict or a near-miss that reads alike; `alike` when the model has none)
    and `related`. Dates that cannot be one event keep a pair from being a duplicate however the
    thresholds fall (a fitted `flag` above `duplicate` once let such pairs through). The fitting
    script decides with this same function."""
    same = alike if same is None else same
    if alike >= limits["flag"] and pair.dates is False:
        return NEAR_MISS, f"dates differ: {pair.dates_text}: another event"
    if (
        pair.figures is False
        and pair.dates is not False
        and (
            (alike >= limits["flag"] and (pair.actors_compatible or pair.both_attributed))
            or (pair.both_attributed and linked >= limits["conflict"])
        )
    ):
        return CONFLICT, f"figures disagree: {pair.figures_text}"
    if (
        pair.figures_unmatched
        and pair.figures_close
        and pair.dates is not False
        and alike >= limits["flag"]
        and pair.actors_compatible
    ):
        return CONFLICT, f"figures differ, no number in common: {pair.figures_text}"
    if (
        pair.negation_mismatch
        and pair.actors_compatible
        and pair.dates is not False
        and not pair.modality_mismatch
        and linked >= limits.get("denial", 1.0)
    ):
        return CONFLICT, "one says it did not happen, the other that it did"
    if same >= limits["duplicate"]:
        if pair.dates is False:  # alike enough for one proposition, yet another event
            return NEAR_MISS, f"dates differ: {pair.dates_text}: another event"
        if pair.negation_mismatch and pair.actors_compatible:
            return CONFLICT, "one says it did not happen, the other that it did"
        if pair.modality_mismatch:
            return RELATED, "one says it may be so, the other that it is"
        if not pair.actors_compatible:
            return RELATED, "different actors: not the same proposition"
        if _two_accounts(pair):
            return RELATED, "two countries' authorities: two accounts"
        if pair.figures is not False and not pair.figures_unmatched:
            return DUPLICATE, None
    if linked >= limits["related"] or alike >= limits["flag"]:
        return RELATED, f"linked {linked:.2f}"
    return None, None


def objected(pair: PairFeatures) -> bool:
    """Whether the structure says the two are not one proposition, however alike they read:
    another event, figures that disagree or share nothing, a denial against a statement, a
    possibility against a fact, actors with nothing in common, two countries' authorities each
    giving the count (`_two_accounts`)."""
    return bool(
        pair.dates is False
        or pair.figures is False
        or pair.figures_unmatched
        or pair.negation_mismatch
        or pair.modality_mismatch
        or not pair.actors_compatible
        or _two_accounts(pair)
    )


def _two_accounts(pair: PairFeatures) -> bool:
    """Whether two countries' authorities each give a count, and the counts agree: Japan's
    ministry and South Korea's army each counting one launch's missiles make two accounts to
    check, each on its own, not one claim; two countries' words about a deal state no count."""
    return pair.claimant_other and (pair.figures is True or pair.figures_shared)


def joins(pair: PairFeatures, relation: str | None, same: float, limits: dict[str, float]) -> bool:
    """Whether two claims may sit in one duplicate cluster: a duplicate may, and so may a pair
    whose probability of one proposition reaches the fitted `join` threshold (at most
    `duplicate`) that nothing in its structure objects to. A cluster grows only by claims that join every member (links.confirm_greedily),
    so a claim of a fourth outlet is not kept out for reading a little less like one of them;
    near-misses, conflicts and pairs of other actors never join."""
    if relation == DUPLICATE:
        return True
    if relation in {NEAR_MISS, CONFLICT} or objected(pair):
        return False
    return same >= limits.get("join", limits["duplicate"])


def compatible(comparison: Comparison) -> bool:
    """Whether two claims may sit in one duplicate cluster (see `joins`)."""
    return comparison.joins or comparison.relation == DUPLICATE


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


def _figures_shared(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """Whether both state one same explicit number above one (whatever its unit): "one" is
    every indefinite article, and says nothing."""
    left = {f.value for f in a if f.explicit and f.value > 1}
    return any(f.explicit and f.value in left for f in b)


def _figures_unmatched(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """Whether both state explicit numbers above one, none of them shared and none on a shared
    unit (so `_figure_agreement` could not compare them)."""
    left = {f.value for f in a if f.explicit and f.value > 1}
    right = {f.value for f in b if f.explicit and f.value > 1}
    units = {f.unit for f in a if f.unit} & {f.unit for f in b if f.unit}
    return bool(left and right and not left & right and not units)


def _figures_close(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """Whether an explicit number of one is within a factor of CLOSE_FIGURES of one of the other's."""
    left = [f.value for f in a if f.explicit and f.value > 1]
    return any(
        max(x, f.value) <= CLOSE_FIGURES * min(x, f.value) for f in b if f.explicit and f.value > 1 for x in left
    )


def _unmatched_text(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> str:
    def side(figures: tuple[Figure, ...]) -> str:
        return ", ".join(f"{_figure(f)} {f.unit or ''}".strip() for f in figures if f.explicit and f.value > 1)

    return f"{side(a)} vs {side(b)}"


def _same_value(a: Figure, b: Figure) -> bool:
    """Exact figures must be equal, and so must two bounds of one direction; an approximate one
    agrees within a quarter, a bound when it holds ("más de 200" against 250)."""
    if a.qualifier == ">" and b.qualifier == "=":
        return b.value > a.value
    if a.qualifier == "<" and b.qualifier == "=":
        return b.value < a.value
    if b.qualifier in {">", "<"} and a.qualifier == "=":
        return _same_value(b, a)
    if a.qualifier == b.qualifier and a.qualifier in {">", "<"}:
        return a.value == b.value  # two tolls "at least 46" and "at least 51" are two reports, not one
    if a.qualifier != "=" or b.qualifier != "=":
        return abs(a.value - b.value) <= 0.25 * max(a.value, b.value)
    return a.value == b.value


def _actors_compatible(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Claims that both name actors (or whose claimants speak for a country) must share one to be
    the same proposition: "Egypt moved three warships" is not "Venezuela moved three warships".
    An actor stands for its country too (features.ClaimFeatures.actor_countries): a country's
    leader or army named in one report and the country in another are one actor."""
    left = a.entities | a.actor_countries | ({a.claimant_country} if a.claimant_country else set())
    right = b.entities | b.actor_countries | ({b.claimant_country} if b.claimant_country else set())
    return not left or not right or bool(left & right)


def _figures_text(a: ClaimFeatures, b: ClaimFeatures) -> str:
    right = {f.unit: f for f in b.figures if f.unit}
    return ", ".join(
        f"{_figure(f)} vs {_figure(right[f.unit])} {f.unit}"
        for f in a.figures
        if f.unit in right and not _same_value(f, right[f.unit])
    )


def _figure(f: Figure) -> str:
    return f"{'' if f.qualifier == '=' else f.qualifier}{f.value:g}"


def _date_agreement(a: ClaimFeatures, b: ClaimFeatures) -> tuple[bool | None, str]:
    """(True when stated dates match, False when the claims cannot be about one event, None when
    unknown; the dates compared, for the reason).

    Event dates, not publication dates, decide: a claim without a date of its own happened around
    its article's publication, and a stated year ("en 2019") is compared by year; an undated
    background claim some time before its story (`_background_agreement`).
    """
    if a.event_dates and b.event_dates:
        if any(_same_when(x, y, STATED_DAYS) for x in a.event_dates for y in b.event_dates):
            return True, ""
        return False, f"{', '.join(a.event_dates)} vs {', '.join(b.event_dates)}"
    if _undated_background(a) or _undated_background(b):
        return _background_agreement(a, b)
    left = a.event_dates[0] if a.event_dates else a.published
    right = b.event_dates[0] if b.event_dates else b.published
    if not left or not right:
        return None, ""
    if _same_when(left, right, SAME_EVENT_DAYS):
        return None, ""
    marked = [f"{when} (published)" if not claim.event_dates else when for when, claim in ((left, a), (right, b))]
    return False, " vs ".join(marked)


BACKGROUND_YEARS = 2
"""How far back an undated background claim may lie: its story's year and the one before."""


def _undated_background(claim: ClaimFeatures) -> bool:
    return claim.background and not claim.event_dates and bool(claim.published)


def _background_agreement(a: ClaimFeatures, b: ClaimFeatures) -> tuple[bool | None, str]:
    """An undated background claim (features.background: "había sufrido", "had been hit")
    happened some time in the BACKGROUND_YEARS before its story, not on the story's day: it may be
    any event of those days (unknown, never "another event"), and is another event only when the
    other claim's days lie wholly outside them (after its story, or years before)."""
    left, right = _days(a), _days(b)
    if left is None or right is None or (left[0] <= right[1] and right[0] <= left[1]):
        return None, ""
    return False, " vs ".join(_days_text(claim) for claim in (a, b))


def _days(claim: ClaimFeatures) -> tuple[date, date] | None:
    """The first and last day a claim's event can lie on: an undated background claim's from the
    start of the year BACKGROUND_YEARS - 1 before its story to the story's day; a stated date's
    (a day within STATED_DAYS, a month or a year whole); an undated claim's within SAME_EVENT_DAYS
    of its publication."""
    if claim.event_dates:
        return _span(claim.event_dates[0], STATED_DAYS)
    if not claim.published:
        return None
    published = date.fromisoformat(claim.published)
    if claim.background:
        return date(published.year - BACKGROUND_YEARS + 1, 1, 1), published
    return _span(claim.published, SAME_EVENT_DAYS)


def _span(when: str, days: int) -> tuple[date, date] | None:
    """The days an ISO date (with `days` either way), a month or a year covers."""
    try:
        year = int(when[:4])
        if len(when) >= 10:
            day = date.fromisoformat(when[:10])
            return day - timedelta(days=days), day + timedelta(days=days)
        if len(when) == 7:
            month = int(when[5:7])
            return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _days_text(claim: ClaimFeatures) -> str:
    if claim.event_dates:
        return claim.event_dates[0]
    if claim.background:
        return f"before {claim.published} (background)"
    return f"{claim.published} (published)"


def _same_when(x: str, y: str, days: int) -> bool:
    """Two ISO dates (or a year, or a month) that can be the same event."""
    if len(x) == 10 and len(y) == 10:
        return abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= days
    shorter = min(len(x), len(y))
    return x[:shorter] == y[:shorter]

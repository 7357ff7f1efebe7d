"""Fit the relation model (workbench/matching/relation_model.json) on the gold pairs and the
training sets of our own stories, and print its cross-validated figures.

    python -m benchmarks.fit_relations [--check]

Pairs: every pair of claims from different articles (plus the listed pairs inside one article)
of the nine gold articles and of the own story sets `p` (Chilean wildfires), `q` (an Amazon
ferry sinking) and `s` (Bolivian floods), labelled by gold_data/pairs.json and own_data/dedupe-pairs.json (duplicate,
related, near-miss, conflict) or none. The sets `r` (a jailbreak in Ecuador), `t` (a hurricane in
Mexico) and `v` (a ransomware attack in Costa Rica) are never read here: they are held out for benchmarks.dedupe_heldout. Features come
from the claims the pipeline extracts, as at run time (compare.pair_features); the embedding
cosine from multilingual-e5-small (vectors cached in /tmp). Two logistic regressions per variant
(with the cosine, and lexical without it):
- alike: a duplicate, a near-miss or a conflict (the same kind of fact) against the rest;
- linked: any gold relation (related too) against none;
- duplicate: a duplicate against all the rest, near-misses and conflicts too, so what tells one
  proposition from the same kind of fact that disagrees (two authorities' accounts, figures that
  share nothing, a denial) weighs against it here and for it in `alike`.
Thresholds (flag a near-miss or conflict, suggest a duplicate, confirm one on --apply, suggest
related) are chosen on out-of-fold probabilities of the training folds only (nested), so the
printed figures are measured on article pairs the model and thresholds never saw. Folds group
pairs by article pair; a second table leaves one beat (summit, mutiny, wildfire, ferry, flood) out whole.
`--check` prints the figures without writing the JSON; `--errors` prints the pairs decided wrongly
out of fold, with their features.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.gold import load_pairs
from benchmarks.matching import claim_vectors, gold_checkable_ids, gold_claims
from workbench.matching.compare import (
    CONFLICT,
    DUPLICATE,
    MODEL_FILE,
    NEAR_MISS,
    RELATED,
    PairFeatures,
    Weights,
    joins,
    pair_features,
    relation_of,
)
from workbench.matching.links import Suggestion, confirm_greedily, confirmed_clusters, idf_from_counts

OUT = Path(__file__).resolve().parent.parent / "workbench" / "matching" / MODEL_FILE
ALIKE = {DUPLICATE, NEAR_MISS, CONFLICT}
LINKED = ALIKE | {RELATED}
STRENGTH = ["none", RELATED, NEAR_MISS, CONFLICT, DUPLICATE]
BEATS = {"h5": "mutiny", "h6": "mutiny", "h7": "mutiny", "p": "wildfire", "q": "ferry", "s": "flood"}
"""Articles of the second beat (Wagner's mutiny, Prigozhin's plane) and of the own story sets
(by their letter); every other is the summit beat."""
TRAINING_SETS = ("p", "q", "s")
"""Own story sets the model is fitted on; dedupe_heldout.HELD_OUT is never among them."""
C = 1.0
"""Inverse regularisation of the logistic regressions (scikit-learn's default)."""


@dataclass
class Pairs:
    features: list[PairFeatures]
    labels: list[str]
    groups: list[str]
    """Article pair of each pair, for grouped folds."""
    beats: list[str]
    claims: list[tuple[int, int]]
    """The two extracted claims of each pair, for one duplicate per claim and other article."""
    articles: dict[int, str]
    """Extracted claim -> its article."""


def beat(article: str) -> str:
    return BEATS.get(article[:2], BEATS.get(article[:1], "summit") if article[1:2].isdigit() else "summit")


def own_claims(
    letters: tuple[str, ...] = TRAINING_SETS,
) -> tuple[list, list[dict], dict[str, int], list[dict[str, str]]]:
    """The gold claims (as benchmarks.matching.gold_claims) followed by the claims extracted from
    the own story sets named, the mapping of both, and the labelled pairs of both."""
    from dataclasses import asdict

    from benchmarks.dedupe_heldout import HELD_OUT, SETS, load, set_pairs
    from benchmarks.gold import best_coverers
    from workbench.matching.features import features
    from workbench.nlp.extract import extract_claims

    held = [letter for letter in letters if letter in HELD_OUT]
    if held:
        raise SystemExit(f"Set {held[0]} is held out: nothing may be fitted on it.")
    feats, dicts, mapping = gold_claims()
    relations = list(load_pairs())
    for letter in letters:
        for name in SETS[letter]:
            text, gold = load(name)
            drafts = extract_claims(text, gold["language"], gold["published"])
            offset = len(dicts)
            for local, index in best_coverers(gold["claims"], [asdict(d) for d in drafts], text).items():
                mapping[local] = offset + index
            for draft in drafts:
                feats.append(features(len(dicts), draft, gold["language"], gold["published"]))
                dicts.append(asdict(draft) | {"article": name, "language": gold["language"], "gold_checkable": False})
        relations += set_pairs(letter)
    return feats, dicts, mapping, relations


def own_ids(letters: tuple[str, ...]) -> set[str]:
    """The ids of the marked claims of own story sets (all checkable): not the gold's, whose seed
    claims are named s01, s17 and so on."""
    from benchmarks.dedupe_heldout import SETS, load

    return {claim["id"] for letter in letters for name in SETS[letter] for claim in load(name)[1]["claims"]}


def gold_pairs(
    feats: list | None = None,
    dicts: list[dict] | None = None,
    mapping: dict[str, int] | None = None,
    vectors: np.ndarray | None = None,
    relations: list[dict[str, str]] | None = None,
) -> Pairs:
    """Every cross-article pair of the claims that cover gold claims, with its gold relation (or none); the
    extracted claims and their vectors are made here unless given (the gold's alone: `relations`
    and the claims of own_claims add the training sets)."""
    if feats is None or dicts is None or mapping is None:
        feats, dicts, mapping = gold_claims()
    if vectors is None:
        vectors = claim_vectors([d["text"] for d in dicts])
    checkable = [f for f, d in zip(feats, dicts) if d["checkable"]]
    df = Counter(term for f in checkable for term in set(f.terms()))
    weights = Weights(idf_from_counts(df, len(checkable)))
    gold_checkable = gold_checkable_ids([d for d in dicts if d.get("gold_checkable", True)])
    if relations is None:
        relations = load_pairs()
    gold_checkable |= own_ids(TRAINING_SETS) & mapping.keys()
    labelled: dict[tuple[int, int], str] = {}
    """Extracted claim pair -> relation: a claim covering two gold claims (English is not split
    into clauses) takes the strongest relation of either."""
    for pair in relations:
        if pair["a"] in mapping and pair["b"] in mapping and mapping[pair["a"]] != mapping[pair["b"]]:
            key = tuple(sorted((mapping[pair["a"]], mapping[pair["b"]])))
            labelled[key] = max(labelled.get(key, "none"), pair["relation"], key=STRENGTH.index)
    ids = sorted({index for g, index in mapping.items() if g in gold_checkable} | {i for key in labelled for i in key})
    articles = {i: dicts[i]["article"] for i in ids}
    keys = [(x, y) for n, x in enumerate(ids) for y in ids[n + 1 :] if articles[x] != articles[y] or (x, y) in labelled]
    found = Pairs([], [], [], [], [], articles)
    for x, y in keys:
        found.features.append(pair_features(feats[x], feats[y], weights, float(vectors[x] @ vectors[y])))
        found.labels.append(labelled.get((x, y), "none"))
        found.groups.append(" ~ ".join(sorted((articles[x], articles[y]))))
        sides = {beat(articles[x]), beat(articles[y])}
        found.beats.append(sides.pop() if len(sides) == 1 else "across")
        found.claims.append((x, y))
    return found


def matrix(pairs: Pairs, names: list[str], semantic: bool) -> np.ndarray:
    rows = []
    for pair in pairs.features:
        values = pair.values() if semantic else PairFeatures(**{**vars(pair), "cosine": None}).values()
        rows.append([values.get(name, 0.0) for name in names])
    return np.asarray(rows, dtype=np.float64)


def names_of(semantic: bool) -> list[str]:
    base = ["words", "wording", "actors", "claimant_same", "claimant_other", "cross_lingual"]
    base += ["dates_agree", "figures_shared", *STRUCTURE]
    return base + (["cosine", "cosine_cross"] if semantic else [])


DUPLICATE_MODEL = "--duplicate-model" in sys.argv
"""Fit a third model, a duplicate against everything else, and suggest duplicates on it. Off by
default: on the nested folds it scored below deciding on `alike` (duplicates are one pair in two
hundred; the structure rules already tell a duplicate from a near-miss or a conflict)."""
STRUCTURE = [
    "dates_differ",
    "dates_stated",
    "figures_differ",
    "figures_unmatched",
    "negation_mismatch",
    "modality_mismatch",
    "actors_incompatible",
    "both_attributed",
    "claimant_one_sided",
]
"""What the claims' structure says, as features of the fitted models too: the rules of
compare.relation_of decide the kind, and the duplicate model learns how much each weighs
against one proposition (a denial, two authorities' accounts, a one-sided attribution)."""


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """(intercept, coefficients) on the raw features: standardised for fitting, folded back."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    found = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / scale, y)
    coef = found.coef_[0] / scale
    return float(found.intercept_[0] - (coef * mean).sum()), coef


def predict(model: tuple[float, np.ndarray], x: np.ndarray) -> np.ndarray:
    intercept, coef = model
    return 1 / (1 + np.exp(-(x @ coef + intercept)))


def out_of_fold(
    x: np.ndarray, labels: np.ndarray, groups: np.ndarray, folds: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Out-of-fold alike, linked and duplicate probabilities, folds grouped by article pair."""
    from sklearn.model_selection import GroupKFold

    alike, linked, same = np.zeros(len(labels)), np.zeros(len(labels)), np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=folds).split(x, labels, groups):
        alike[test] = predict(fit(x[train], np.isin(labels[train], list(ALIKE))), x[test])
        linked[test] = predict(fit(x[train], np.isin(labels[train], list(LINKED))), x[test])
        same[test] = predict(fit(x[train], labels[train] == DUPLICATE), x[test]) if DUPLICATE_MODEL else alike[test]
    return alike, linked, same


def _live(alike: np.ndarray, linked: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Pairs some threshold of the grids could link: the others are none (and never join) at
    every threshold tried, and deciding them again for each is most of the fitting time."""
    return (alike >= min(GRID)) | (linked >= min(LOW_GRID)) | (same >= min(SAME_GRID))


def relations(
    pairs: list[PairFeatures],
    alike: np.ndarray,
    linked: np.ndarray,
    limits: dict[str, float],
    claims: list[tuple[int, int]],
    articles: dict[int, str],
    same: np.ndarray,
) -> list[str]:
    """The decision of compare.relation_of on given probabilities and thresholds ("none" for
    None), then links.suggestions' rule: a claim duplicates at most one claim of another article
    (the likeliest), the others become related."""
    live = _live(alike, linked, same)
    found = [
        (relation_of(pair, p, q, limits, d)[0] or "none") if on else "none"
        for pair, p, q, d, on in zip(pairs, alike, linked, same, live)
    ]
    taken: set[tuple[int, str]] = set()
    for i in sorted(range(len(found)), key=lambda i: -same[i]):
        if found[i] != DUPLICATE:
            continue
        x, y = claims[i]
        if articles[x] == articles[y] or (x, articles[y]) in taken or (y, articles[x]) in taken:
            found[i] = RELATED
        else:
            taken |= {(x, articles[y]), (y, articles[x])}
    return found


@dataclass
class Figures:
    duplicates: int = 0
    predicted: int = 0
    correct: int = 0
    confirmed: int = 0
    confirmed_correct: int = 0
    near_misses: int = 0
    near_misses_flagged: int = 0
    conflicts: int = 0
    conflicts_flagged: int = 0
    false_flags: int = 0
    """Pairs of no relation (or merely related) flagged as a near-miss or a conflict."""
    wrongly_duplicate: int = 0
    """Near-misses and conflicts called duplicates."""
    related: int = 0
    related_found: int = 0
    chosen: list[dict[str, float]] = field(default_factory=list)
    """The thresholds each outer fold chose, to show how stable the choice is."""

    def add(self, labels: list[str], predicted: list[str], merged: set[int]) -> None:
        """Count a fold: gold and predicted relations, and the pairs inside confirmed clusters."""
        self.confirmed += len(merged)
        self.confirmed_correct += sum(1 for i in merged if labels[i] == DUPLICATE)
        for gold, made in zip(labels, predicted):
            self.duplicates += gold == DUPLICATE
            self.predicted += made == DUPLICATE
            self.correct += gold == made == DUPLICATE
            self.near_misses += gold == NEAR_MISS
            self.near_misses_flagged += gold == made == NEAR_MISS
            self.conflicts += gold == CONFLICT
            self.conflicts_flagged += gold == made == CONFLICT
            self.false_flags += gold in {"none", RELATED} and made in {NEAR_MISS, CONFLICT}
            self.wrongly_duplicate += gold in {NEAR_MISS, CONFLICT} and made == DUPLICATE
            self.related += gold == RELATED
            self.related_found += gold == RELATED and made != "none"

    def f1(self) -> float:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.duplicates if self.duplicates else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def summary(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b if b else 0:.2f} ({a}/{b})"

        return (
            f"suggested duplicates precision {ratio(self.correct, self.predicted)} "
            f"recall {ratio(self.correct, self.duplicates)}; "
            f"--apply (clustered) precision {ratio(self.confirmed_correct, self.confirmed)} "
            f"recall {ratio(self.confirmed_correct, self.duplicates)}; "
            f"near-miss flagged {self.near_misses_flagged}/{self.near_misses}, "
            f"conflicts flagged {self.conflicts_flagged}/{self.conflicts}, false flags {self.false_flags}, "
            f"near-miss or conflict called duplicate {self.wrongly_duplicate}; "
            f"related linked {self.related_found}/{self.related}"
        ) + self.spread()

    def spread(self) -> str:
        """The range of each threshold over the outer folds."""
        if not self.chosen:
            return ""
        names = list(self.chosen[0])
        ranges = ", ".join(f"{n} {min(c[n] for c in self.chosen):g}-{max(c[n] for c in self.chosen):g}" for n in names)
        return f"; thresholds over {len(self.chosen)} folds: {ranges}"


GRID = [round(float(x), 2) for x in np.arange(0.05, 0.96, 0.05)]
LOW_GRID = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, *GRID]
"""Conflicts are rare and never merged: their threshold may be low."""
SAME_GRID = [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
"""Thresholds on the duplicate probability (suggest, confirm, join): duplicates are one pair in
two hundred, so their fitted probabilities are low and the grid is fine at its low end."""
APPLY_BETA = 0.7
"""`dedupe --apply` confirms from the threshold of best F-beta over confirmed pairs: below one,
precision weighs more than recall (a wrong merge is worse than a missed one)."""


def joinable(
    pairs: list[PairFeatures], alike: np.ndarray, linked: np.ndarray, limits: dict[str, float], same: np.ndarray
) -> list[bool]:
    """compare.joins of every pair: whether the two may sit in one duplicate cluster."""
    live = _live(alike, linked, same)
    return [
        bool(on) and joins(pair, relation_of(pair, p, q, limits, d)[0], d, limits)
        for pair, p, q, d, on in zip(pairs, alike, linked, same, live)
    ]


def clustered(
    joined: list[bool],
    made: list[str],
    same: np.ndarray,
    apply: float,
    claims: list[tuple[int, int]],
    articles: dict[int, str],
) -> set[int]:
    """Indices of the pairs inside the clusters `dedupe --apply` would confirm (links.confirm_greedily:
    best first, a newcomer must join every member, one claim per article)."""
    index = {claim: i for i, claim in enumerate(claims)}
    wanted = [
        Suggestion(x, y, DUPLICATE, float(same[i]))
        for i, (x, y) in enumerate(claims)
        if made[i] == DUPLICATE and same[i] >= apply
    ]

    def compatible(x: int, y: int) -> bool:
        found = index.get((min(x, y), max(x, y)))
        return found is not None and joined[found]

    taken = confirm_greedily(wanted, compatible, articles)
    groups: dict[int, list[int]] = {}
    for claim, canonical in confirmed_clusters((s.claim_a, s.claim_b) for s in taken).items():
        groups.setdefault(canonical, []).append(claim)
    return {index[(a, b)] for members in groups.values() for a in members for b in members if a < b and (a, b) in index}


def smoothed(scores: dict[tuple[float, ...], float], *grids: list[float]) -> dict[tuple[float, ...], float]:
    """Each threshold's score averaged with its neighbours' on its grid (one step each way, in
    every dimension, each with its grid): a lone peak of a few pairs is noise, a plateau is a
    choice that holds on other article pairs. This is what keeps refitted thresholds from jumping."""
    steps = [{value: n for n, value in enumerate(grid)} for grid in grids]
    found = {}
    for key in scores:
        near = [
            other
            for other in scores
            if all(abs(step.get(a, 0) - step.get(b, 0)) <= 1 for step, a, b in zip(steps, key, other))
        ]
        found[key] = sum(scores[other] for other in near) / len(near)
    return found


def choose(
    pairs: list[PairFeatures],
    labels: list[str],
    alike: np.ndarray,
    linked: np.ndarray,
    claims: list[tuple[int, int]],
    articles: dict[int, str],
    same: np.ndarray,
) -> dict[str, float]:
    """Thresholds from out-of-fold probabilities, deciding as compare and links.suggestions do,
    each on a score smoothed over neighbouring thresholds (see `smoothed`):
    `duplicate` and `flag` maximise duplicate F1, less a heavy penalty for each near-miss or
    conflict called a duplicate, plus a little for each near-miss and conflict flagged and less
    against each false flag; `apply` and `join` (compare.joins) together maximise the F-beta
    of the pairs inside confirmed clusters, precision weighted APPLY_BETA; `conflict` maximises conflicts flagged against half as many
    false conflicts; `related` maximises related pairs found against false links."""

    def decided(limits: dict[str, float]) -> list[str]:
        return relations(pairs, alike, linked, limits, claims, articles, same)

    scores: dict[tuple[float, ...], float] = {}
    for flag in GRID:
        for duplicate in SAME_GRID:
            trial = {"flag": flag, "duplicate": duplicate, "related": 1.0, "apply": 1.0, "conflict": 1.0, "denial": 1.0}
            figures = Figures()
            figures.add(labels, decided(trial), set())
            flagged = figures.near_misses_flagged + figures.conflicts_flagged
            scores[(flag, duplicate)] = (
                figures.f1() + 0.02 * flagged - 0.005 * figures.false_flags - 0.1 * figures.wrongly_duplicate
            )
    flag, duplicate = max(smoothed(scores, GRID, SAME_GRID).items(), key=lambda item: (item[1], item[0][1]))[0]
    limits = {"flag": flag, "duplicate": duplicate, "related": 1.0, "apply": 1.0, "conflict": 1.0, "denial": 1.0}
    made = decided(limits)
    duplicates = sum(1 for g in labels if g == DUPLICATE)
    applied: dict[tuple[float, ...], float] = {}
    for join in (t for t in SAME_GRID if t <= limits["duplicate"]):
        joined = joinable(pairs, alike, linked, {**limits, "join": join}, same)
        for apply in (t for t in SAME_GRID if t >= limits["duplicate"]):
            merged = clustered(joined, made, same, apply, claims, articles)
            right = sum(1 for i in merged if labels[i] == DUPLICATE)
            precision = right / len(merged) if merged else 0.0
            recall = right / duplicates if duplicates else 0.0
            beta = APPLY_BETA**2
            applied[(apply, join)] = (1 + beta) * precision * recall / (beta * precision + recall) if right else 0.0
    best = max(smoothed(applied, SAME_GRID, SAME_GRID).items(), key=lambda item: (item[1], item[0][0], item[0][1]))[0]
    limits["apply"], limits["join"] = best
    conflicts: dict[tuple[float, ...], float] = {}
    for conflict in LOW_GRID:
        made = decided({**limits, "conflict": conflict})
        flagged = sum(1 for g, m in zip(labels, made) if g == m == CONFLICT)
        false = sum(1 for g, m in zip(labels, made) if g != CONFLICT and m == CONFLICT)
        conflicts[(conflict,)] = flagged - 0.5 * false
    limits["conflict"] = max(conflicts.items(), key=lambda item: (item[1], -item[0][0]))[0][0]
    denials: dict[tuple[float, ...], float] = {}
    for denial in [*LOW_GRID, 1.0]:
        made = decided({**limits, "denial": denial})
        flagged = sum(1 for g, m in zip(labels, made) if g == m == CONFLICT)
        false = sum(1 for g, m in zip(labels, made) if g != CONFLICT and m == CONFLICT)
        denials[(denial,)] = flagged - 0.5 * false
    limits["denial"] = max(denials.items(), key=lambda item: (item[1], item[0][0]))[0][0]
    """A denial flagged as a conflict is never merged, but a false one hides a duplicate or a
    related pair: of equal scores the highest threshold wins."""
    """Not smoothed: the low grid is uneven, and conflicts are too rare for a plateau. Of equal
    scores the lowest wins: training folds without a conflict of two authorities tie everywhere,
    and a flagged conflict is never merged, a missed one may be."""
    related_scores: dict[tuple[float, ...], float] = {}
    for related in GRID:
        made = decided({**limits, "related": related})
        found = sum(1 for g, m in zip(labels, made) if g == RELATED and m != "none")
        false = sum(1 for g, m in zip(labels, made) if g == "none" and m != "none")
        related_scores[(related,)] = found - 0.1 * false
    limits["related"] = max(smoothed(related_scores, GRID).items(), key=lambda item: (item[1], item[0][0]))[0][0]
    return limits


def nested(pairs: Pairs, semantic: bool, outer: np.ndarray) -> Figures:
    """Figures on held-out groups: model and thresholds fitted on the other groups only."""
    x = matrix(pairs, names_of(semantic), semantic)
    labels, groups = np.asarray(pairs.labels), np.asarray(pairs.groups)
    figures = Figures()
    for held in np.unique(outer):
        train, test = outer != held, outer == held
        inner_folds = min(5, len(np.unique(groups[train])))
        alike, linked, same = out_of_fold(x[train], labels[train], groups[train], inner_folds)
        limits = choose(
            [p for p, t in zip(pairs.features, train) if t],
            list(labels[train]),
            alike,
            linked,
            [c for c, t in zip(pairs.claims, train) if t],
            pairs.articles,
            same,
        )
        figures.chosen.append(limits)
        alike_model = fit(x[train], np.isin(labels[train], list(ALIKE)))
        linked_model = fit(x[train], np.isin(labels[train], list(LINKED)))
        p, q = predict(alike_model, x[test]), predict(linked_model, x[test])
        d = predict(fit(x[train], labels[train] == DUPLICATE), x[test]) if DUPLICATE_MODEL else p
        test_pairs = [f for f, t in zip(pairs.features, test) if t]
        test_claims = [c for c, t in zip(pairs.claims, test) if t]
        made = relations(test_pairs, p, q, limits, test_claims, pairs.articles, d)
        joined = joinable(test_pairs, p, q, limits, d)
        merged = clustered(joined, made, d, limits["apply"], test_claims, pairs.articles)
        figures.add(list(labels[test]), made, merged)
    return figures


def fit_variant(pairs: Pairs, semantic: bool) -> dict:
    from sklearn.model_selection import GroupKFold

    names = names_of(semantic)
    x = matrix(pairs, names, semantic)
    labels, groups = np.asarray(pairs.labels), np.asarray(pairs.groups)
    alike, linked, same = out_of_fold(x, labels, groups, 5)
    limits = choose(pairs.features, pairs.labels, alike, linked, pairs.claims, pairs.articles, same)
    article_folds = np.zeros(len(labels), dtype=np.int64)
    for fold, (_, test) in enumerate(GroupKFold(n_splits=6).split(x, labels, groups)):
        article_folds[test] = fold
    by_article = nested(pairs, semantic, article_folds)
    by_beat = nested(pairs, semantic, np.asarray(pairs.beats))
    alike_model = fit(x, np.isin(labels, list(ALIKE)))
    linked_model = fit(x, np.isin(labels, list(LINKED)))
    found = {
        "features": names,
        "alike": {"intercept": alike_model[0], "coef": dict(zip(names, alike_model[1].tolist()))},
        "linked": {"intercept": linked_model[0], "coef": dict(zip(names, linked_model[1].tolist()))},
        "thresholds": limits,
        "cv": {"by_article_pair": by_article.summary(), "by_beat": by_beat.summary()},
    }
    if DUPLICATE_MODEL:
        same_model = fit(x, labels == DUPLICATE)
        found["duplicate"] = {"intercept": same_model[0], "coef": dict(zip(names, same_model[1].tolist()))}
    return found


def training_pairs() -> Pairs:
    """The gold pairs and those of the own training sets, with e5 cosines (cached in /tmp)."""
    feats, dicts, mapping, relations = own_claims()
    return gold_pairs(feats, dicts, mapping, claim_vectors([d["text"] for d in dicts]), relations)


def errors(pairs: Pairs, texts: dict[int, str]) -> None:
    """Print the pairs the semantic variant decides wrongly out of fold (5 grouped folds, thresholds
    chosen on the same out-of-fold probabilities), with their features: to find what the features
    miss, not to write rules for these pairs."""
    x = matrix(pairs, names_of(True), True)
    labels, groups = np.asarray(pairs.labels), np.asarray(pairs.groups)
    alike, linked, same = out_of_fold(x, labels, groups, 5)
    limits = choose(pairs.features, pairs.labels, alike, linked, pairs.claims, pairs.articles, same)
    made = relations(pairs.features, alike, linked, limits, pairs.claims, pairs.articles, same)
    print(f"out-of-fold thresholds {limits}")
    for i, (gold, found) in enumerate(zip(pairs.labels, made)):
        if gold == found or (gold == "none" and found in {"none", RELATED}) or (gold == RELATED and found != "none"):
            continue
        a, b = pairs.claims[i]
        f = pairs.features[i]
        shown = {k: round(v, 2) for k, v in f.values().items()}
        flags = {
            k: v
            for k, v in vars(f).items()
            if k not in shown and k not in {"cosine", "words", "wording", "actors"} and v not in (False, None, "")
        }
        print(f"{gold} -> {found}  same {same[i]:.2f} alike {alike[i]:.2f} linked {linked[i]:.2f}  {shown} {flags}")
        print(f"    {texts[a][:110]!r}\n    {texts[b][:110]!r}")


def main() -> None:
    if "--errors" in sys.argv:
        feats, dicts, mapping, found = own_claims()
        pairs = gold_pairs(feats, dicts, mapping, claim_vectors([d["text"] for d in dicts]), found)
        errors(pairs, {i: d["text"] for i, d in enumerate(dicts)})
        return
    pairs = training_pairs()
    counts = Counter(pairs.labels)
    print(f"{len(pairs.labels)} pairs: {dict(counts)}")
    found = {
        "note": "Written by `python -m benchmarks.fit_relations` (logistic regressions on the gold pairs "
        "and the own training sets p, q and s); "
        "coefficients apply to the raw pair features of workbench.matching.compare.",
        "pairs": dict(counts),
        "variants": {},
    }
    for variant, semantic in (("semantic", True), ("lexical", False)):
        fitted = fit_variant(pairs, semantic)
        found["variants"][variant] = fitted
        print(f"{variant}: thresholds {fitted['thresholds']}")
        for name in ("alike", "linked", "duplicate")[: 3 if DUPLICATE_MODEL else 2]:
            coef = ", ".join(f"{k} {v:+.2f}" for k, v in fitted[name]["coef"].items())
            print(f"  {name}: intercept {fitted[name]['intercept']:+.2f}, {coef}")
        print(f"  CV, held-out article pairs (6 folds, nested): {fitted['cv']['by_article_pair']}")
        print(f"  CV, held-out beat (nested):                   {fitted['cv']['by_beat']}")
    if "--check" not in sys.argv:
        OUT.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

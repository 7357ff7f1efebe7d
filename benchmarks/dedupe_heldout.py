"""Dedupe on stories nobody tuned on: the workbench end to end (import, `dedupe --apply`) on the
held-out wildfire stories of own_data/ (see its README), beside a rapidfuzz baseline in one run.

    python -m benchmarks.dedupe_heldout [SET ...]

Sets (see own_data/README.md): `p` (wildfires in Chile, round 3, tuning data since), `q` (an
Amazon ferry sinking, round 4) and `s` (floods in Bolivia, round 5), training data of the relation
model, and `r` (a jailbreak in Ecuador, round 4), `t` (a hurricane in Mexico, round 5) and `v` (a
ransomware attack in Costa Rica, round 7, whose earlier attack is told in English), `y` (a volcanic
eruption in Peru, round 8) and `m` (a landslide in Colombia, round 10, with background clauses
dated apart from the story), held out from all fitting; `p`, `r`, `t`, `v`, `y` and `m` by default,
each in a database of its own.
The gold claims are mapped to the stored claim that covers them most atomically (the coverage
rule of benchmarks.gold); pairs are scored over whole confirmed clusters, so a chain that joins
a near-miss counts against precision. Nothing here is fitted: the relation model and thresholds
are the shipped ones.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from benchmarks.gold import best_coverers, cluster_pairs
from workbench.models import ArticleInput
from workbench.service import Workbench

OWN_DIR = Path(__file__).resolve().parent / "own_data"
SETS = {
    "p": ("p1-incendios-valparaiso.es.txt", "p2-chile-wildfires.en.txt", "p3-incendios-2024.es.txt"),
    "q": ("q1-ferri-amazonas.es.txt", "q2-amazon-ferry.en.txt", "q3-ferri-2022.es.txt"),
    "r": ("r1-fuga-carcel-ecuador.es.txt", "r2-ecuador-jailbreak.en.txt", "r3-fuga-machala-2024.es.txt"),
    "s": ("s1-inundaciones-beni.es.txt", "s2-bolivia-floods.en.txt", "s3-inundaciones-pando-2024.es.txt"),
    "t": ("t1-huracan-guerrero.es.txt", "t2-mexico-hurricane.en.txt", "t3-huracan-los-cabos.es.txt"),
    "v": ("v1-ciberataque-ccss.es.txt", "v2-costa-rica-ransomware.en.txt", "v3-costa-rica-ransomware-2025.en.txt"),
    "y": ("y1-erupcion-ubinas.es.txt", "y2-peru-volcano-eruption.en.txt", "y3-erupcion-ubinas-2019.es.txt"),
    "m": ("m1-derrumbe-guayabetal.es.txt", "m2-colombia-landslide.en.txt", "m3-derrumbe-guayabetal-2022.es.txt"),
}
"""Story sets: a pair's claims are named by their set's letter (p101, q205, r304)."""
HELD_OUT = ("r", "t", "v", "y", "m")
"""The sets no fitting ever reads: measured only."""
STORIES = SETS["p"]


@dataclass
class Table:
    """Pair counts of one method against the held-out relations."""

    merged: int = 0
    correct: int = 0
    duplicates: int = 0
    found: int = 0
    crosslingual: int = 0
    crosslingual_found: int = 0
    flagged: dict[str, int] = field(default_factory=lambda: {"near-miss": 0, "conflict": 0})
    merged_wrongly: dict[str, int] = field(default_factory=lambda: {"near-miss": 0, "conflict": 0})
    totals: dict[str, int] = field(default_factory=lambda: {"near-miss": 0, "conflict": 0})
    notes: list[str] = field(default_factory=list)
    wrong: list[tuple[int, int]] = field(default_factory=list)

    def row(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b if b else 0:.2f} ({a}/{b})"

        return (
            f"{name:<30}{ratio(self.correct, self.merged):>12}{ratio(self.found, self.duplicates):>12}"
            f"{ratio(self.crosslingual_found, self.crosslingual):>12}"
            f"{self.flagged['near-miss']:>4}/{self.totals['near-miss']:<3}{self.merged_wrongly['near-miss']:>6}"
            f"{self.flagged['conflict']:>4}/{self.totals['conflict']:<3}{self.merged_wrongly['conflict']:>6}"
        )


HEADER = (
    f"{'method':<30}{'precision':>12}{'recall':>12}{'es<->en':>12}{'near-m.':>8}{'merged':>6}{'confl.':>8}{'merged':>6}"
)


def load(name: str) -> tuple[str, dict]:
    gold = json.loads((OWN_DIR / _claims_file(name)).read_text(encoding="utf-8"))
    return (OWN_DIR / name).read_text(encoding="utf-8").strip(), gold


def _claims_file(name: str) -> str:
    return name.rsplit(".", 2)[0] + "-claims.json"


def set_pairs(letter: str) -> list[dict]:
    """The marked relations between the claims of one story set."""
    pairs = json.loads((OWN_DIR / "dedupe-pairs.json").read_text(encoding="utf-8"))["pairs"]
    return [pair for pair in pairs if pair["a"][0] == letter and pair["b"][0] == letter]


def imported(
    folder: Path, stories: tuple[str, ...] = STORIES
) -> tuple[Workbench, dict[str, int], dict[int, str], list]:
    """The stories imported into a new database: the workbench, gold id -> claim id, claim id ->
    language, and the stored claims."""
    workbench = Workbench(folder / "heldout.db", actor="bench")
    mapping: dict[str, int] = {}
    language_of: dict[int, str] = {}
    for name in stories:
        text, gold = load(name)
        [result] = workbench.import_articles(
            [ArticleInput(text, name, gold["language"], published=gold["published"], origin=name)]
        )
        claims = workbench.claims(result.article_id)
        rows = [{"text": c.text, "start": c.start, "end": c.end} for c in claims]
        for gold_id, index in best_coverers(gold["claims"], rows, text).items():
            mapping[gold_id] = claims[index].id
        language_of.update({c.id: gold["language"] for c in claims})
    return workbench, mapping, language_of, workbench.claims()


def scored(
    merged: set[tuple[int, int]],
    relations: dict[tuple[int, int], str],
    mapping: dict[str, int],
    language_of: dict,
    letter: str = "p",
) -> Table:
    table = Table(merged=len(merged))
    gold_duplicates = set()
    for pair in set_pairs(letter):
        relation = pair["relation"]
        known = pair["a"] in mapping and pair["b"] in mapping
        key = tuple(sorted((mapping[pair["a"]], mapping[pair["b"]]))) if known else None
        if relation == "duplicate":
            table.duplicates += 1
            crosslingual = known and language_of[key[0]] != language_of[key[1]]
            table.crosslingual += bool(crosslingual)
            if key is not None:
                gold_duplicates.add(key)
            if key in merged:
                table.found += 1
                table.crosslingual_found += bool(crosslingual)
            else:
                table.notes.append(f"missed {pair['a']}-{pair['b']}" + ("" if known else " (not extracted)"))
        elif relation in table.totals:
            table.totals[relation] += 1
            table.flagged[relation] += key is not None and relations.get(key) == relation
            table.merged_wrongly[relation] += key in merged
    table.correct = len(merged & gold_duplicates)
    table.wrong = sorted(merged - gold_duplicates)
    return table


def main() -> None:
    letters = [a for a in sys.argv[1:] if not a.startswith("-")] or ["p", *HELD_OUT]
    unknown = sorted(set(letters) - set(SETS))
    if unknown:
        sys.exit(f"No story set {', '.join(unknown)}: the sets are {', '.join(SETS)}.")
    for letter in letters:
        run_set(letter)


def run_set(letter: str) -> None:
    """Import one story set into a new database, dedupe it and print its table."""
    stories = SETS[letter]
    with tempfile.TemporaryDirectory(prefix="workbench-heldout-") as folder:
        started = time.perf_counter()
        workbench, mapping, language_of, claims = imported(Path(folder), stories)
        imported_in = time.perf_counter() - started
        checkable = [c for c in claims if c.checkable]
        role = "held out from all fitting" if letter in HELD_OUT else "seen in fitting or tuning"
        print(
            f"set {letter} ({role}): {len(stories)} stories, {len(claims)} claims ({len(checkable)} checkable), "
            f"{len(mapping)} gold claims found, imported in {imported_in:.1f} s"
        )
        print(HEADER)
        for threshold in (60, 70):
            links = [
                (a.id, b.id)
                for a, b in combinations(checkable, 2)
                if a.article_id != b.article_id and fuzz.token_set_ratio(a.text, b.text) >= threshold
            ]
            baseline = scored(cluster_pairs(links), {}, mapping, language_of, letter)
            print(baseline.row(f"rapidfuzz token_set >= {threshold}"))
        started = time.perf_counter()
        suggested, confirmed = workbench.dedupe(apply=True)
        spent = time.perf_counter() - started
        relations = {tuple(sorted((s.claim_a, s.claim_b))): s.relation for s in suggested}
        merged = cluster_pairs([(s.claim_a, s.claim_b) for s in confirmed])
        table = scored(merged, relations, mapping, language_of, letter)
        print(table.row("workbench dedupe --apply"))
        suggested_dupes = {pair for pair, relation in relations.items() if relation == "duplicate"}
        print(scored(suggested_dupes, relations, mapping, language_of, letter).row("  its suggestions"))
        print(f"dedupe --apply took {spent:.1f} s")
        for note in table.notes:
            print(f"  {note}")
        text = {c.id: c.text for c in claims}
        for a, b in table.wrong:
            print(f"  merged, not a held-out duplicate: {text[a][:60]!r} ~ {text[b][:60]!r}")


if __name__ == "__main__":
    main()

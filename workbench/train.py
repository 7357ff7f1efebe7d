"""`workbench train checkworthiness`: refit the check-worthiness model on labelled files and on
the newsroom's own decisions, compare it with the model in use, and install it only when asked.

Reviewers' decisions become labels this way:
- a claim a reviewer marked not checkable: not checkable, not check-worthy;
- a claim given a verdict that stands: checkable and check-worthy;
- a claim left new and unrated in an article where a reviewer rated another claim: a weak
  "not check-worthy" (weight 0.3: passing over it says less than marking it).

With enough of them (MIN_REVIEWED_ARTICLES articles with a verdict), the same decisions choose
the article threshold, where `checkworthy` starts on the newsroom's claims: each reviewed claim
scored by the new recipe fitted without its article, the F1-best cut against "it got a verdict".
With fewer, the threshold of the model in use carries over.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InvalidInput

if TYPE_CHECKING:
    import numpy as np

    from workbench.matching.embedding import Embedder
    from workbench.nlp.checkworthiness import Model
    from workbench.nlp.checkworthiness_train import Example, Featurized, Report, ReviewedThreshold
    from workbench.service import Workbench

SKIPPED_WEIGHT = 0.3


@dataclass
class TrainingResult:
    reports: list[tuple[Report, Report | None]]
    """Per decision: the new model's cross-validated figures, and the current model's on the same rows."""
    candidate: Path
    """Where the new model was written (not in use unless installed)."""
    installed: Path | None
    """Where it was installed, when --install was given."""
    settings_file: Path | None
    examples: int
    from_reviews: int
    thresholds: list[ArticleThreshold] = field(default_factory=list)
    """Per model that scores articles (without vectors, and with them where the embedder runs):
    where its article threshold came from."""


@dataclass
class ArticleThreshold:
    """The article threshold the new model carries, and whether the reviewers' decisions chose it."""

    model: str
    """Which decision: "checkworthy" (without vectors) or "checkworthy + vectors"."""
    threshold: float | None
    """What the new model carries (None: its own tweets' threshold decides)."""
    current: float
    """The threshold the model in use decides articles with."""
    reviewed: ReviewedThreshold | None
    """How it was chosen on the reviews; None: too few reviews, the current threshold carried over."""


def models_dir() -> Path:
    """Where installed models live: $XDG_DATA_HOME/workbench (default ~/.local/share/workbench)."""
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "workbench"


def review_examples(workbench: Workbench) -> list[Example]:
    """The reviewers' decisions in the database as labelled examples (see the module's docstring)."""
    from workbench.nlp.checkworthiness_train import Example

    with workbench.store() as store:
        rows = store.verdicts.review_decisions()
    labels = {
        "not_checkable": (False, False, 1.0),
        "verdict": (True, True, 1.0),
        "skipped": (None, False, SKIPPED_WEIGHT),
    }
    return [
        Example(
            row["text"],
            *labels[row["decision"]][:2],
            weight=labels[row["decision"]][2],
            source="reviews",
            group=f"article {row['article_id']}",
        )
        for row in rows
        if row["language"] == "es"
    ]


def train(
    workbench: Workbench | None,
    data: Sequence[Path],
    install: bool,
) -> TrainingResult:
    """Fit on the files (and the reviewers' decisions when `workbench` is given), cross-validate
    beside the model in use, write the candidate, and install it only when `install`. Where the
    embedding model runs, the decisions that read sentence vectors are fitted and measured too."""
    from dataclasses import replace

    from workbench.nlp.checkworthiness import current_model
    from workbench.nlp.checkworthiness_train import VECTOR_SCALE, cross_validate, fit_model, read_tsv, write_model

    examples = [e for path in data for e in read_tsv(path)]
    reviewed = review_examples(workbench) if workbench is not None else []
    examples += reviewed
    if not examples:
        raise InvalidInput("There is nothing to train on: give --data TSV, or --from-reviews with reviewed claims.")
    feats, embedder = training_features(examples, workbench.settings.semantic if workbench else None)
    current = current_model()
    reports = [
        cross_validate(examples, feats, attribute, current=current) for attribute in ("checkable", "checkworthy")
    ]
    if embedder is not None:
        for attribute in ("checkable", "checkworthy"):
            ours, theirs = cross_validate(
                examples, feats, attribute, current=current.vector_model(embedder), vector_scale=VECTOR_SCALE
            )
            reports.append(
                (
                    replace(ours, name=ours.name + " + vectors"),
                    None if theirs is None else replace(theirs, name=ours.name + " + vectors current"),
                )
            )
    about = {
        "trained_on": [p.name for p in data] + (["reviews"] if workbench is not None else []),
        "examples": len(examples),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    # The article thresholds: chosen on the reviews when there are enough, else those in use carry over.
    reviewed_rows = list(range(len(examples) - len(reviewed), len(examples)))
    thresholds = [article_threshold(examples, feats, reviewed_rows, 0.0, "checkworthy", current)]
    inner = current.with_vectors
    if embedder is not None:
        thresholds.append(
            article_threshold(examples, feats, reviewed_rows, VECTOR_SCALE, "checkworthy + vectors", inner or current)
        )
    vector_threshold = thresholds[-1].threshold if embedder else inner.article_threshold if inner else None
    # A threshold carried over keeps the scale it was chosen on; one chosen on the reviews is on the new model's own.
    plain_scale = current.article_calibration if thresholds[0].reviewed is None else None
    vector_scale = (inner.article_calibration if inner else None) if thresholds[-1].reviewed is None else None
    model = fit_model(
        examples, feats, about, thresholds[0].threshold, embedder, vector_threshold, plain_scale, vector_scale
    )
    candidate = write_model(model, models_dir() / "checkworthiness.candidate.json")
    installed = settings_file = None
    if install:
        installed = models_dir() / f"checkworthiness-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
        candidate.replace(installed)
        candidate = installed
        settings_file = point_settings_at(installed)
    return TrainingResult(reports, candidate, installed, settings_file, len(examples), len(reviewed), thresholds)


def article_threshold(
    examples: Sequence[Example],
    feats: Featurized,
    reviewed: Sequence[int],
    vector_scale: float,
    name: str,
    current: Model,
) -> ArticleThreshold:
    """The article threshold of one decision: chosen on the reviewed claims (`reviewed`, indices
    into `examples`) when there are enough of them, else the one of `current` (the decision in
    use) carried over."""
    from workbench.nlp.checkworthiness_train import reviewed_threshold

    found = reviewed_threshold(examples, feats, reviewed, vector_scale) if reviewed else None
    return ArticleThreshold(
        name, found.choice.threshold if found else current.article_threshold, current.threshold, found
    )


def training_features(examples: Sequence[Example], semantic: bool | None = None) -> tuple[Featurized, str | None]:
    """The examples' features and, where the embedding model runs (and semantic matching is on,
    when `semantic` is None the settings file says), their passage vectors with the embedder's
    name; vectors are cached (`vector_cache`), so training again embeds only what is new."""
    from workbench.nlp.checkworthiness_train import featurize

    feats = featurize([e.text for e in examples])
    if semantic is None:
        from workbench.config import load_settings

        semantic = load_settings().semantic
    if not semantic:
        return feats, None
    from workbench.matching.embedding import default_embedder

    embedder = default_embedder()
    if embedder is None:
        return feats, None
    feats.vectors = cached_passages(embedder, [e.text for e in examples])
    return feats, embedder.name


def cache_dir() -> Path:
    """Where training keeps the vectors it computed: $WORKBENCH_EMBED_CACHE when set (the
    benchmarks' cache, benchmarks/embed_cache.py, same files), else $XDG_CACHE_HOME/workbench
    (~/.cache/workbench)."""
    shared = os.environ.get("WORKBENCH_EMBED_CACHE", "").strip()
    if shared:
        return Path(shared)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "workbench"


def cached_passages(embedder: Embedder, texts: Sequence[str], batch: int = 256) -> np.ndarray:
    """Passage vectors of texts, each computed once per embedder and kept in an npz keyed by the
    text's hash (embedding runs tens of texts a second here; a CheckThat! set is minutes)."""
    import hashlib

    import numpy as np

    path = cache_dir() / f"{embedder.name}.passage.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
    keys = [hashlib.sha1(text.encode("utf-8")).hexdigest() for text in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    text_of = dict(zip(keys, texts))
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        known.update(zip(chunk, embedder.passages([text_of[k] for k in chunk])))
        save_vector_cache(path, known)
    return np.stack([known[k] for k in keys]) if keys else np.zeros((0, embedder.dim), dtype=np.float32)


def save_vector_cache(path: Path, rows: dict[str, np.ndarray]) -> None:
    """Write cached vectors to `path`, keeping rows another process added since this one read the
    file: several benchmark and training runs share one cache, and a plain rewrite dropped each
    other's rows (or crashed on a shared partial file). A lock file serialises the writers."""
    import fcntl

    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            with np.load(path) as stored:
                for key, vector in zip(stored["keys"].tolist(), stored["vectors"]):
                    rows.setdefault(key, vector)
        partial = path.with_suffix(f".{os.getpid()}.partial.npz")
        np.savez(partial, keys=np.array(list(rows)), vectors=np.stack(list(rows.values())))
        partial.replace(path)


def reproduce(data: Sequence[Path], out: Path) -> Path:
    """The shipped model from the CheckThat! files (both decisions, without and with vectors),
    keeping the article thresholds and scales the file at `out` had (`python -m
    benchmarks.article_calibration --write` fits them on marked articles after the fit)."""
    from workbench.nlp.checkworthiness import load_model
    from workbench.nlp.checkworthiness_train import fit_model, read_tsv, write_model

    examples = [e for path in data for e in read_tsv(path)]
    feats, embedder = training_features(examples)
    about = {"trained_on": [Path(p).name for p in data], "examples": len(examples)}
    previous = load_model(out) if out.exists() else None
    inner = previous.with_vectors if previous else None
    model = fit_model(
        examples,
        feats,
        about,
        previous.article_threshold if previous else None,
        embedder,
        inner.article_threshold if inner else None,
        previous.article_calibration if previous else None,
        inner.article_calibration if inner else None,
    )
    return write_model(model, out)


def main(argv: Sequence[str] | None = None) -> None:
    """python -m workbench.train --data ct24-es-dev.tsv --data ct21-es-newtral-train.tsv
    reproduces workbench/nlp/models/checkworthiness.json; then
    python -m benchmarks.article_calibration --write."""
    import argparse
    import sys

    from workbench.nlp.checkworthiness import SHIPPED_MODEL

    parser = argparse.ArgumentParser(description="Reproduce the shipped check-worthiness model.")
    parser.add_argument("--data", action="append", required=True, type=Path, help="a labelled TSV (repeatable)")
    parser.add_argument("--out", default=SHIPPED_MODEL, type=Path, help="where to write the model")
    args = parser.parse_args(argv)
    print(f"wrote {reproduce(args.data, args.out)}", file=sys.stderr)
    print(
        "now fit its article scale and thresholds on the marked stories: "
        "python -m benchmarks.article_calibration --write",
        file=sys.stderr,
    )


def point_settings_at(model: Path) -> Path:
    """Set `[checkworthiness] model` in the settings file in force (./workbench.toml when there is
    none), keeping everything else in it as written."""
    from workbench.config import SETTINGS_FILE, load_settings, settings_path

    path = settings_path() or Path(SETTINGS_FILE)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    line = f'model = "{model.as_posix()}"'
    section = re.search(r"(?m)^\[checkworthiness\][^\n]*\n", text)
    if section is None:
        text = text + ("\n" if text and not text.endswith("\n") else "") + f"\n[checkworthiness]\n{line}\n"
    else:
        body_start = section.end()
        following = re.search(r"(?m)^\[", text[body_start:])
        body_end = body_start + following.start() if following else len(text)
        body = re.sub(r"(?m)^model\s*=.*\n?", "", text[body_start:body_end])
        text = text[:body_start] + line + "\n" + body + text[body_end:]
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    load_settings(partial)  # refuse to leave a settings file that no longer reads
    partial.replace(path)
    return path


if __name__ == "__main__":
    main()

"""`workbench train checkworthiness`: refit the check-worthiness model on labelled files and on
the newsroom's own decisions, compare it with the model in use, and install it only when asked.

Reviewers' decisions become labels this way:
- a claim a reviewer marked not checkable: not checkable, not check-worthy;
- a claim given a verdict that stands: checkable and check-worthy;
- a claim left new and unrated in an article where a reviewer rated another claim: a weak
  "not check-worthy" (weight 0.3: passing over it says less than marking it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InvalidInput

if TYPE_CHECKING:
    from workbench.nlp.checkworthiness_train import Example, Report
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
        Example(row["text"], *labels[row["decision"]][:2], weight=labels[row["decision"]][2], source="reviews")
        for row in rows
        if row["language"] == "es"
    ]


def train(
    workbench: Workbench | None,
    data: Sequence[Path],
    install: bool,
) -> TrainingResult:
    """Fit on the files (and the reviewers' decisions when `workbench` is given), cross-validate
    beside the model in use, write the candidate, and install it only when `install`."""
    from workbench.nlp.checkworthiness import current_model
    from workbench.nlp.checkworthiness_train import cross_validate, featurize, fit_model, read_tsv, write_model

    examples = [e for path in data for e in read_tsv(path)]
    reviewed = review_examples(workbench) if workbench is not None else []
    examples += reviewed
    if not examples:
        raise InvalidInput("There is nothing to train on: give --data TSV, or --from-reviews with reviewed claims.")
    feats = featurize([e.text for e in examples])
    current = current_model()
    reports = [
        cross_validate(examples, feats, attribute, current=current) for attribute in ("checkable", "checkworthy")
    ]
    about = {
        "trained_on": [p.name for p in data] + (["reviews"] if workbench is not None else []),
        "examples": len(examples),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    # check-worthiness (#14): the article threshold of the model in use carries over (chosen on gold articles).
    model = fit_model(examples, feats, about, current.article_threshold)
    candidate = write_model(model, models_dir() / "checkworthiness.candidate.json")
    installed = settings_file = None
    if install:
        installed = models_dir() / f"checkworthiness-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
        candidate.replace(installed)
        candidate = installed
        settings_file = point_settings_at(installed)
    return TrainingResult(reports, candidate, installed, settings_file, len(examples), len(reviewed))


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

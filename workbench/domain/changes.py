"""A reviewer's write as something undo can take back: one record per kind of change.

`Change.payload` is one of the `Undo` union; `ClaimEditor.undo` matches on its type, so a kind of
change with no way back is a type error, not a string nobody dispatches on. `Change.undo` keeps
the payload's dict form for the shells that read the attachment number from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from workbench.domain.records import ClaimContent, Link
from workbench.domain.vocab import ChangeAction


@dataclass(frozen=True)
class ContentUndo:
    """An edit or a checkable mark: the content before and after, and the version it left."""

    version: int
    before: ClaimContent
    after: ClaimContent


@dataclass(frozen=True)
class SplitUndo(ContentUndo):
    new: int
    """The claim the second part became."""


@dataclass(frozen=True)
class MergeUndo(ContentUndo):
    removed: dict[str, Any]
    """The merged-in claim as `remove_claim` returned it (id, status, version, links, content)."""


@dataclass(frozen=True)
class AddClaimUndo:
    claim: int


@dataclass(frozen=True)
class VerdictUndo:
    verdict: int
    status: str
    """The claim's status before the verdict, which it returns to when none of its own is left."""


@dataclass(frozen=True)
class AttachUndo:
    attachment: int


@dataclass(frozen=True)
class RemoveSourceUndo:
    attachment: int


@dataclass(frozen=True)
class EditSourceUndo:
    attachment: int
    before: dict[str, Any]
    """The edited fields as they were."""


@dataclass(frozen=True)
class LinkUndo:
    a: int
    b: int
    before: Link | None
    """The pair's link before the decision; None when there was none."""


Undo = (
    ContentUndo | SplitUndo | MergeUndo | AddClaimUndo | VerdictUndo | AttachUndo | RemoveSourceUndo | EditSourceUndo
) | LinkUndo


@dataclass(frozen=True)
class Change:
    """A review write as the reviewer may take it back: what was done, and what undoing it needs.

    `payload` is read only by Workbench.undo; the TUI keeps Changes on a stack and shows `note`.
    """

    action: ChangeAction
    claim_id: int
    note: str
    """One sentence for the reviewer: what happened."""
    payload: Undo

    @property
    def undo(self) -> dict[str, Any]:
        """The payload as a dict (e.g. "attachment", "new"), as scripts and the CLI's JSON read it."""
        return asdict(self.payload)

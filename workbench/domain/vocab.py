"""Every closed vocabulary of the workbench as a StrEnum: the values are the strings the database,
the exports and the JSON output store, so a member compares and serialises as its value.

What a person reads is kept apart in `labels.py`, so the interface language can change without
touching a stored value. `parse` is the one place a value typed by a user is checked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from workbench.errors import InvalidInput


class Vocabulary(StrEnum):
    """A closed set of stored strings; subclasses name what their values are in `noun`."""

    @classmethod
    def noun(cls) -> str:
        """What a value is called in an error message ("Status 'x' is not one of ...")."""
        return cls.__name__

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def parse(cls, value: str) -> Self:
        """A member from a stored or already normalised value; anything else is refused in one sentence."""
        try:
            return cls(value)
        except ValueError:
            raise InvalidInput(f"{cls.noun()} {value!r} is not one of {', '.join(cls.values())}.") from None


class ClaimStatus(Vocabulary):
    """Where a claim is in review: nobody has looked, someone is on it, a verdict stands."""

    NEW = "new"
    IN_REVIEW = "in_review"
    CHECKED = "checked"

    @classmethod
    def noun(cls) -> str:
        return "Status"


class ClaimKind(Vocabulary):
    """What sort of proposition a claim is; opinions and predictions are not checkable facts."""

    EVENT = "event"
    QUANTITY = "quantity"
    STATEMENT = "statement"
    PREDICTION = "prediction"
    OPINION = "opinion"

    @classmethod
    def noun(cls) -> str:
        return "Kind"


class Stance(Vocabulary):
    """What an attached source does for its claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"

    @classmethod
    def noun(cls) -> str:
        return "Stance"


class LinkRelation(Vocabulary):
    """What a link between two claims says.

    duplicate: the same checkable proposition (only these form clusters that share a verdict);
    related: linked, another proposition; near-miss: looks the same but is another event (another
    launch, another year), never sharing a verdict; conflict: the same event with figures or facts
    that disagree.
    """

    DUPLICATE = "duplicate"
    RELATED = "related"
    NEAR_MISS = "near-miss"
    CONFLICT = "conflict"

    @classmethod
    def noun(cls) -> str:
        return "Relation"


class LinkState(Vocabulary):
    """Who decided a link: matching suggested it, or a reviewer confirmed or rejected it."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"

    @classmethod
    def noun(cls) -> str:
        return "State"


class ChangeAction(Vocabulary):
    """A reviewer's write that undo can take back (the kinds of `Change`)."""

    VERDICT = "verdict"
    SOURCE = "source"
    EDIT_SOURCE = "edit_source"
    REMOVE_SOURCE = "remove_source"
    LINK = "link"
    EDIT = "edit"
    CHECKABLE = "checkable"
    SPLIT = "split"
    MERGE = "merge"
    ADD_CLAIM = "add_claim"

    @classmethod
    def noun(cls) -> str:
        return "Change"


class AuditAction(Vocabulary):
    """What an audit row records; the reviewer-facing history reads these."""

    SET = "set"
    IMPORT = "import"
    BULK_VERDICTS = "bulk_verdicts"
    BULK_SOURCES = "bulk_sources"
    ATTACH_SOURCE = "attach_source"
    SET_STATUS = "set_status"
    VERDICT = "verdict"
    SUGGEST_LINK = "suggest_link"
    SET_LINK_STATE = "set_link_state"
    RETRACT_VERDICT = "retract_verdict"
    REMOVE_SOURCE = "remove_source"
    RESTORE_SOURCE = "restore_source"
    EDIT_SOURCE = "edit_source"
    UNDO_LINK = "undo_link"
    EDIT = "edit"
    CHECKABLE = "checkable"
    SPLIT = "split"
    MERGE = "merge"
    ADD_CLAIM = "add_claim"
    UNDO = "undo"
    RESCORE = "rescore"
    """The model scored a claim again (its vector now stored): check-worthiness, score, reasons."""

    @classmethod
    def noun(cls) -> str:
        return "Audit action"


CONTENT_ACTIONS: tuple[AuditAction, ...] = (
    AuditAction.EDIT,
    AuditAction.CHECKABLE,
    AuditAction.SPLIT,
    AuditAction.MERGE,
    AuditAction.UNDO,
)
"""Audit actions that change a claim's content (and so its version)."""

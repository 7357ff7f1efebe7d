"""What a person reads for each stored value, kept apart from the values so the interface
language can change (issue 17) without touching the database or the exports.

Only English today; a value with no entry reads as itself.
"""

from __future__ import annotations

from workbench.domain.vocab import ClaimStatus, LinkRelation, Vocabulary

LABELS: dict[str, dict[Vocabulary, str]] = {
    "en": {
        ClaimStatus.NEW: "new",
        ClaimStatus.IN_REVIEW: "in review",
        ClaimStatus.CHECKED: "checked",
        LinkRelation.NEAR_MISS: "near miss",
    },
}


def label(value: Vocabulary, language: str = "en") -> str:
    """The words shown for a stored value in an interface language (English when unknown)."""
    return LABELS.get(language, LABELS["en"]).get(value, str(value.value))

"""The workbench's domain types: vocabularies, the rating scale, stored records and changes.

Nothing here touches SQL, spaCy, Textual or click; every other layer may import it.
"""

from workbench.domain.changes import Change, Undo
from workbench.domain.records import (
    Article,
    AttachedSource,
    AuditRow,
    ClaimContent,
    ClaimLink,
    Entity,
    Link,
    Verdict,
)
from workbench.domain.scale import DEFAULT_SCALE, Rating
from workbench.domain.vocab import (
    AuditAction,
    ChangeAction,
    ClaimKind,
    ClaimStatus,
    LinkRelation,
    LinkState,
    Stance,
)

__all__ = [
    "DEFAULT_SCALE",
    "Article",
    "AttachedSource",
    "AuditAction",
    "AuditRow",
    "Change",
    "ChangeAction",
    "ClaimContent",
    "ClaimKind",
    "ClaimLink",
    "ClaimStatus",
    "Entity",
    "Link",
    "LinkRelation",
    "LinkState",
    "Rating",
    "Stance",
    "Undo",
    "Verdict",
]

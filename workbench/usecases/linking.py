"""Links between claims: a reviewer's decision on a pair, and dedupe over every stored claim."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.domain.changes import LinkUndo
from workbench.domain.vocab import ChangeAction, LinkRelation, LinkState
from workbench.errors import Conflict, InvalidInput
from workbench.i18n import _, vocabulary_label
from workbench.models import Change

if TYPE_CHECKING:
    from workbench.matching.embedding import Embedder
    from workbench.matching.links import Suggestion
    from workbench.store import Store


def decision(claim_a: int, claim_b: int, state: str, relation: str | None) -> tuple[LinkState, LinkRelation | None]:
    """A decision as stored; a claim linked to itself, or a state or relation of no vocabulary, is refused."""
    if claim_a == claim_b:
        raise InvalidInput("A claim cannot be linked to itself.")
    return LinkState.parse(state), None if relation is None else LinkRelation.parse(relation)


def set_link(store: Store, claim_a: int, claim_b: int, decided: LinkState, kind: LinkRelation | None) -> Change:
    """A reviewer confirms (as duplicate, related, near-miss or conflict) or rejects a pair."""
    with store.transaction():
        if decided == LinkState.CONFIRMED and (kind or LinkRelation.DUPLICATE) == LinkRelation.DUPLICATE:
            refuse_chaining(store, claim_a, claim_b)
        before = store.links.set_link_state(claim_a, claim_b, decided, kind)
    if decided == LinkState.REJECTED:  # i18n: notes are shown (issue 17)
        note = _("Claims {first} and {second}: rejected.").format(first=claim_a, second=claim_b)
    else:
        note = _("Claims {first} and {second}: confirmed as {relation}.").format(
            first=claim_a, second=claim_b, relation=vocabulary_label("relation", kind or LinkRelation.DUPLICATE)
        )
    return Change(ChangeAction.LINK, claim_a, note, LinkUndo(claim_a, claim_b, before))


def dedupe(
    store: Store, embedder: Embedder | None, apply: bool = False, progress: Callable[[int, int], None] | None = None
) -> tuple[list[Suggestion], list[Suggestion]]:
    """Suggest links between all stored claims; with apply, confirm duplicates above the threshold.

    Returns (suggested, confirmed). Rejected pairs stay rejected; conflicts are never confirmed.
    """
    from workbench.matching.engine import Matcher
    from workbench.usecases.finding import ensure_indexed

    with store.transaction():
        ensure_indexed(store)
        matcher = Matcher(store, embedder)
        made = matcher.link_all(progress)
        confirmed = matcher.confirm_duplicates(made) if apply else []
    return made, confirmed


def refuse_chaining(store: Store, claim_a: int, claim_b: int) -> None:
    """A reviewer's duplicate joins two clusters only when no pair across them was decided apart:
    confirmed a near-miss or a conflict, or rejected. Otherwise one canonical verdict would cover
    claims a reviewer said are not the same."""
    from workbench.matching.links import duplicate_clusters

    clusters = duplicate_clusters(store)
    members: dict[int, set[int]] = {}
    for claim, canonical in clusters.items():
        members.setdefault(canonical, set()).add(claim)
    left = members.get(clusters.get(claim_a, -1), {claim_a})
    right = members.get(clusters.get(claim_b, -1), {claim_b})
    for own, links in store.links.links_by_claim(sorted(left)).items():
        for link in links:
            apart = link["state"] == LinkState.REJECTED or (
                link["state"] == LinkState.CONFIRMED
                and link["relation"] in {LinkRelation.NEAR_MISS, LinkRelation.CONFLICT}
            )
            if apart and link["claim"] in right and {own, link["claim"]} != {claim_a, claim_b}:
                decided = "rejected as duplicates" if link["state"] == LinkState.REJECTED else f"a {link['relation']}"
                raise Conflict(
                    f"Confirming claims {claim_a} and {claim_b} as duplicates would put claims {own} and "
                    f"{link['claim']} in one cluster, but they were {decided}; change that link first."
                )

"""A reviewer's work on a claim: verdicts given and sources attached, edited and removed, each
returned as a Change the reviewer can undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.domain.changes import AttachUndo, EditSourceUndo, RemoveSourceUndo, VerdictUndo
from workbench.domain.vocab import ChangeAction, Stance
from workbench.i18n import _, rating_label
from workbench.models import Change
from workbench.urls import validate_url

if TYPE_CHECKING:
    from workbench.store import Store


def add_source(
    store: Store,
    claim_id: int,
    url: str,
    *,
    stance: str = Stance.CONTEXT,
    title: str | None = None,
    publisher: str | None = None,
    excerpt: str | None = None,
    date: str | None = None,
    version: int | None = None,
) -> Change:
    """Attach a source (url, stance and date checked already, see `check_source`); with `version`,
    refused if the claim changed since the reviewer read it."""
    attachment = store.sources.add_source(
        claim_id,
        url.strip(),
        stance=stance,
        title=title,
        publisher=publisher,
        excerpt=excerpt,
        date=date,
        version=version,
    )
    return Change(
        ChangeAction.SOURCE,
        claim_id,
        _("Source {attachment} attached to claim {claim}.").format(attachment=attachment, claim=claim_id),
        AttachUndo(attachment),
    )


def check_source(url: str, stance: str, date: str | None) -> tuple[Stance, str | None]:
    """A new source's stance and date as stored; a bad url, stance or date is refused before the
    database is opened."""
    from workbench.ingest.reader import validate_date

    checked = parse_stance(stance)
    validate_url(url)
    return checked, validate_date(date) if date else None


def check_source_fields(fields: dict[str, str | None]) -> dict[str, str | None]:
    """An edit's fields as stored (the stance spelled as stored, the date checked); refused as add_source's are."""
    if "stance" in fields:
        fields["stance"] = parse_stance(fields["stance"] or "")
    if "url" in fields:
        validate_url(fields["url"] or "")
    if date := fields.get("date"):
        from workbench.ingest.reader import validate_date

        fields["date"] = validate_date(date)
    return fields


def edit_source(store: Store, attachment: int, fields: dict[str, str | None]) -> Change:
    """Change an attached source's url, title, publisher, date, excerpt or stance."""
    before = store.review.edit_source(attachment, fields)
    previous: dict[str, object] = dict(before)
    undo = EditSourceUndo(attachment, {k: previous[k] for k in fields})
    return Change(
        ChangeAction.EDIT_SOURCE,
        before["claim_id"],
        _("Source {attachment} of claim {claim} edited.").format(attachment=attachment, claim=before["claim_id"]),
        undo,
    )


def remove_source(store: Store, attachment: int) -> Change:
    """Take a source off its claim; it stays in the database, marked removed, and undo puts it back."""
    store.review.source(attachment)
    claim_id = store.review.set_source_removed(attachment, True)
    return Change(
        ChangeAction.REMOVE_SOURCE,
        claim_id,
        _("Source {attachment} removed from claim {claim}.").format(attachment=attachment, claim=claim_id),
        RemoveSourceUndo(attachment),
    )


def add_verdict(
    store: Store,
    claim_id: int,
    canonical: str,
    rationale: str | None = None,
    reviewer: str | None = None,
    version: int | None = None,
) -> Change:
    """Append a verdict (`canonical`: a rating as the scale spells it, see Settings.rating); with
    `version`, refused if the claim changed since the reviewer read it."""
    status = store.claims.get(claim_id).status
    verdict = store.verdicts.add_verdict(claim_id, canonical, rationale, reviewer or store.actor, version)
    note = _("Claim {claim}: {rating}.").format(claim=claim_id, rating=rating_label(canonical))  # i18n (issue 17)
    return Change(ChangeAction.VERDICT, claim_id, note, VerdictUndo(verdict, status))


def parse_stance(stance: str) -> Stance:
    return Stance.parse(stance.strip().lower())

"""A reviewer's changes to claims (edit, split, merge, mark, add from a span), and undo.

Every change returns a Change that `undo` takes back as a new, audited write; the store refuses a
change based on a version of the claim older than the current one. Without a version from the
caller, the one read at the start stands in: the slow reading of the new text happens outside the
write lock, and whatever another reviewer writes meanwhile is refused, never written over. A changed claim is read again
(entities, dates, figures through the full pipeline, kept whole) and re-matched against the archive.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from workbench.domain.changes import (
    AddClaimUndo,
    AttachUndo,
    Change,
    ContentUndo,
    EditSourceUndo,
    LinkUndo,
    MergeUndo,
    RemoveSourceUndo,
    SplitUndo,
    VerdictUndo,
)
from workbench.domain.records import Article, ClaimContent
from workbench.domain.vocab import AuditAction, ChangeAction
from workbench.errors import InvalidInput
from workbench.i18n import _
from workbench.store.claim_writes import draft_content

if TYPE_CHECKING:
    from workbench.models import ClaimRow
    from workbench.store import Store

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MIN_WORDS = 2
"""Fewer words than this make no proposition: a stray letter from a slip of the cursor."""


class ClaimEditor:
    """Claim changes on one store, with the longest claim text the settings allow."""

    def __init__(self, store: Store, max_chars: int):
        self.store = store
        self.max_chars = max_chars

    # -- changes ------------------------------------------------------------------

    def edit_text(self, claim_id: int, text: str, version: int | None) -> Change:
        claim = self.store.edits.check_version(claim_id, version)
        text = self._clean(text)
        before = self.store.edits.content(claim_id)
        article = self.store.articles.get(claim.article_id)
        content = self._read(text, article, (claim.start, claim.end), claim.claimant, claim.checkable)
        with self.store.transaction():
            new_version = self.store.edits.write_content(claim_id, claim.version, content, AuditAction.EDIT)
            self._rematch([claim_id])
            after = self.store.edits.content(claim_id)
        note = _("Claim {claim} edited.").format(claim=claim_id)  # i18n: notes are shown (issue 17)
        return Change(ChangeAction.EDIT, claim_id, note, ContentUndo(new_version, before, after))

    def set_checkable(self, claim_id: int, checkable: bool, version: int | None) -> Change:
        with self.store.transaction():
            claim = self.store.edits.check_version(claim_id, version)
            before = self.store.edits.content(claim_id)
            content: ClaimContent = {**before, "checkable": int(checkable)}
            new_version = self.store.edits.write_content(claim_id, claim.version, content, AuditAction.CHECKABLE)
            after = self.store.edits.content(claim_id)
        if checkable:
            note = _("Claim {claim} checkable again.").format(claim=claim_id)  # i18n: notes are shown (issue 17)
        else:
            note = _("Claim {claim} marked not checkable.").format(claim=claim_id)
        undo = ContentUndo(new_version, before, after)
        return Change(ChangeAction.CHECKABLE, claim_id, note, undo)

    def split(self, claim_id: int, at: int, version: int | None) -> Change:
        """Cut a claim in two at a character of its text; the first part keeps the claim's id,
        verdicts and sources, the second becomes a new claim waiting for review."""
        claim = self.store.edits.check_version(claim_id, version)
        left, right = claim.text[:at], claim.text[at:]
        if not 0 < at < len(claim.text):
            raise InvalidInput(
                f"Split claim {claim_id} inside its text, between characters 1 and {len(claim.text) - 1}."
            )
        cut = min(claim.start + at, claim.end)
        article = self.store.articles.get(claim.article_id)
        spans = (
            (_trimmed(left, claim.start), _trimmed(right, cut))
            if _is_span(claim, article)
            else ((claim.start, cut), (cut, claim.end))
        )
        before = self.store.edits.content(claim_id)
        first = self._read(self._clean(left), article, spans[0], claim.claimant, claim.checkable)
        second = self._read(self._clean(right), article, spans[1], claim.claimant, claim.checkable)
        with self.store.transaction():
            new_version = self.store.edits.write_content(claim_id, claim.version, first, AuditAction.SPLIT)
            new_id = self.store.edits.insert_claim(claim.article_id, second, AuditAction.SPLIT)
            self._rematch([claim_id, new_id])
            after = self.store.edits.content(claim_id)
        undo = SplitUndo(new_version, before, after, new_id)
        note = _("Claim {claim} split; the second part is claim {new}.").format(claim=claim_id, new=new_id)
        return Change(ChangeAction.SPLIT, claim_id, note, undo)

    def merge_next(self, claim_id: int, version: int | None) -> Change:
        """Join a claim with the one after it in its article (a sentence cut in two); the next
        claim must have no verdicts or sources of its own, since they would not carry over."""
        claim = self.store.edits.check_version(claim_id, version)
        following = self._next(claim)
        start, end = min(claim.start, following.start), max(claim.end, following.end)
        article = self.store.articles.get(claim.article_id)
        if _is_span(claim, article) and _is_span(following, article):
            text = article["text"][start:end]
        else:
            text = f"{claim.text} {following.text}"
        content = self._read(self._clean(text), article, (start, end), claim.claimant, claim.checkable)
        before = self.store.edits.content(claim_id)
        with self.store.transaction():
            self.store.edits.check_version(following.id, following.version)
            removed = self.store.edits.remove_claim(following.id, AuditAction.MERGE)
            new_version = self.store.edits.write_content(claim_id, claim.version, content, AuditAction.MERGE)
            self._rematch([claim_id])
            after = self.store.edits.content(claim_id)
        undo = MergeUndo(new_version, before, after, removed)
        note = _("Claims {claim} and {next} merged into claim {claim}.").format(claim=claim_id, next=following.id)
        return Change(ChangeAction.MERGE, claim_id, note, undo)

    def add_from_span(self, article_id: int, start: int, end: int) -> Change:
        """A claim the extraction missed, from a passage of the article the reviewer marks."""
        article = self.store.articles.get(article_id)
        if not 0 <= start < end <= len(article["text"]):
            raise InvalidInput(f"Characters {start} to {end} are not a passage of article {article_id}.")
        start, end = _trimmed(article["text"][start:end], start)
        text = self._clean(article["text"][start:end])
        content = self._read(text, article, (start, end), None, True)
        content["claimant"] = content["claimant"] or article["outlet"]
        with self.store.transaction():
            claim_id = self.store.edits.insert_claim(article_id, content, AuditAction.ADD_CLAIM)
            self._rematch([claim_id])
        note = _("Claim {claim} added to article {article}.").format(claim=claim_id, article=article_id)
        return Change(ChangeAction.ADD_CLAIM, claim_id, note, AddClaimUndo(claim_id))

    # -- undo ---------------------------------------------------------------------

    def undo(self, change: Change) -> str:
        """Take a change back as a new write; refused if the claim changed again since."""
        claim_id = change.claim_id
        with self.store.transaction():
            match change.payload:
                case ContentUndo() as undo:
                    if isinstance(undo, MergeUndo):
                        removed = undo.removed
                        self.store.edits.insert_claim(
                            removed["article_id"], removed["content"], AuditAction.UNDO, claim=removed
                        )
                    self.store.edits.write_content(
                        claim_id, self._undo_version(claim_id, undo), undo.before, AuditAction.UNDO
                    )
                    if isinstance(undo, SplitUndo):
                        self.store.edits.remove_claim(undo.new, AuditAction.UNDO)
                    self._rematch([claim_id] + ([undo.removed["id"]] if isinstance(undo, MergeUndo) else []))
                case AddClaimUndo():
                    self.store.edits.remove_claim(claim_id, AuditAction.UNDO)
                case VerdictUndo(verdict=verdict, status=status):
                    self.store.review.retract_verdict(verdict, status)
                case AttachUndo(attachment=attachment):
                    self.store.review.set_source_removed(attachment, True)
                case RemoveSourceUndo(attachment=attachment):
                    self.store.review.set_source_removed(attachment, False)
                case EditSourceUndo(attachment=attachment, before=fields):
                    self.store.review.edit_source(attachment, fields)
                case LinkUndo(a=a, b=b, before=link):
                    self.store.review.restore_link(a, b, dict(link) if link is not None else None)
        return _("Undone: {note}").format(note=change.note)  # i18n: notes are shown (issue 17)

    def dates_for(self, article: Article) -> dict[int, list[str]]:
        """The dates an article's claims get when resolved against this version of its metadata
        (publication date, language), for those whose dates would change; nothing is written.

        A claim still on the span extraction gave it takes the dates a fresh extraction of the whole
        article finds there (the sentence's tense and frame count); a claim a reviewer reshaped is
        read alone, as an edit reads it. Slow (the pipeline runs), so it runs outside any write.
        """
        from workbench.nlp.extract import extract_claims, extract_one

        found = extract_claims(article["text"], article["language"], article["published"])
        fresh = {(d.start, d.end): d for d in found}
        changed = {}
        for claim in self.store.claims.rows(article_id=article["id"]):
            draft = fresh.get((claim.start, claim.end)) or extract_one(
                claim.text, article["language"], article["published"], claim.claimant, claim.checkable
            )
            if tuple(draft.dates) != tuple(claim.dates):
                changed[claim.id] = list(draft.dates)
        return changed

    def redate(self, dates: dict[int, list[str]]) -> None:
        """Store claims' new dates (from dates_for), each an audited edit of the claim, and match them again."""
        with self.store.transaction():
            for claim_id, found in dates.items():
                before = self.store.edits.content(claim_id)
                self.store.edits.write_content(claim_id, None, {**before, "dates": json.dumps(found)}, AuditAction.EDIT)
            self._rematch(list(dates))

    # -- helpers ------------------------------------------------------------------

    def _undo_version(self, claim_id: int, undo: ContentUndo) -> int:
        """The version an undo may write over: the one the change left, or a later one whose content
        is still what the change left (the reviewer's own later change, already undone).

        Undoing twice (n, n, u, u) would otherwise see its own first undo as another's change.
        """
        current = self.store.claims.get(claim_id)
        if current.version != undo.version and undo.after == self.store.edits.content(claim_id):
            return current.version
        return undo.version

    def _clean(self, text: str) -> str:
        text = _CONTROL.sub(" ", text).strip()
        if len(re.findall(r"\w+", text)) < MIN_WORDS:
            raise InvalidInput(f"A claim needs at least {MIN_WORDS} words.")
        if len(text) > self.max_chars:
            raise InvalidInput(f"A claim can be at most {self.max_chars:,} characters; this one has {len(text):,}.")
        return text

    def _read(
        self, text: str, article: Article, span: tuple[int, int], claimant: str | None, checkable: bool
    ) -> ClaimContent:
        """The content of a claim with this text, read as extraction reads a clause, at `span`
        (dates resolve against the article's publication date)."""
        from workbench.nlp.extract import extract_one

        draft = extract_one(text, article["language"], article["published"], claimant, checkable)
        content = draft_content(draft, offset=span[0])
        content["start"], content["end"] = span
        return content

    def _next(self, claim: ClaimRow) -> ClaimRow:
        claims = self.store.claims.rows(article_id=claim.article_id)
        position = [c.id for c in claims].index(claim.id)
        if position + 1 == len(claims):
            raise InvalidInput(f"Claim {claim.id} is the last of its article; there is no next claim to merge with.")
        return claims[position + 1]

    def _rematch(self, claim_ids: list[int]) -> None:
        """Index changed claims afresh and suggest their links again (reviewers' decisions stay)."""
        from workbench.matching.engine import Matcher

        for claim_id in claim_ids:
            self.store.edits.drop_suggestions(claim_id)
        self.store.index.remove(claim_ids)
        matcher = Matcher(self.store)
        found = matcher.features(claim_ids)
        matcher.index(found, {c.id: c.article_id for c in self.store.claims.rows(claim_ids=claim_ids)})
        matcher.link(claim_ids)


def _is_span(claim: ClaimRow, article: Article) -> bool:
    """True when the claim's text is still the article's text under its span (not edited). An
    extracted claim's text may lead with the subject or antecedent its clause lacks (issue 13)."""
    return claim.text.endswith(article["text"][claim.start : claim.end])


def _trimmed(passage: str, start: int) -> tuple[int, int]:
    """The span of a passage starting at `start`, without its surrounding white space."""
    lead = len(passage) - len(passage.lstrip())
    return start + lead, start + lead + len(passage.strip())

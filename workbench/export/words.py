"""The words of a report in its own language: labels, rating names, vocabulary labels and dates.

A report is written in the language of its articles by default (see `workbench.i18n.report_language`),
not the reviewer's interface language, so every writer asks a `Words` rather than the global `_`.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.config import DEFAULT_SCALE, Rating
from workbench.export.document import Report
from workbench.i18n import N_, format_day, format_moment, rating_label, report_language, translator, vocabulary_label

NOT_REVIEWED = N_("Not reviewed")
"""The summary's last row (`rating_counts` names it so); translated like a rating."""


@dataclass(frozen=True)
class Words:
    language: str
    scale: tuple[Rating, ...] = DEFAULT_SCALE

    @classmethod
    def of(cls, report: Report) -> Words:
        articles = report.document["articles"]
        return cls(report_language(article.get("language") for article in articles), report.settings.scale)

    def gettext(self, message: str) -> str:
        return translator(self.language).gettext(message) if message else message

    def rating(self, stored: str) -> str:
        """A stored rating (or the summary's 'Not reviewed') in the report's language."""
        if stored == NOT_REVIEWED:
            return self.gettext(NOT_REVIEWED)
        return rating_label(stored, self.language, self.scale) or stored

    def label(self, vocabulary: str, value: str) -> str:
        return vocabulary_label(vocabulary, value, self.language)

    def day(self, value: str | None) -> str:
        return format_day(value, self.language, iso_english=False)

    def moment(self, value: str | None) -> str:
        """A time for people, in English too: a published report is read, not parsed."""
        return format_moment(value, self.language, iso_english=False)

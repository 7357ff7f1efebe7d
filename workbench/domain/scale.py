"""The verdict scale: its steps with English and Spanish labels and ClaimReview values, and the
other outlets' labels read onto it. Settings may replace the scale (see `workbench.config`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Rating:
    """One step of the verdict scale."""

    en: str
    """The label verdicts store and English reports show."""
    es: str
    """The Spanish label: accepted as input, shown in Spanish ClaimReview."""
    value: float | None = None
    """ClaimReview's ratingValue; None for a rating off the numeric scale (Unverifiable)."""

    def label(self, language: str | None) -> str:
        return self.es if language == "es" else self.en


DEFAULT_SCALE: tuple[Rating, ...] = (
    Rating("True", "Verdadero", 6),
    Rating("Mostly true", "Mayormente verdadero", 5),
    Rating("Half true", "Verdad a medias", 4),
    Rating("Misleading", "Engañoso", 3),
    Rating("Mostly false", "Mayormente falso", 2),
    Rating("False", "Falso", 1),
    Rating("Unverifiable", "Inverificable", None),
)

DEFAULT_RATINGS: tuple[str, ...] = tuple(r.en for r in DEFAULT_SCALE)

DEFAULT_ALIASES: dict[str, str] = {
    # Other outlets' labels, English (PolitiFact, Snopes, Full Fact, AFP, Reuters...).
    "pants on fire": "False",
    "fake": "False",
    "incorrect": "False",
    "wrong": "False",
    "fabricated": "False",
    "altered": "False",
    "correct": "True",
    "accurate": "True",
    "barely true": "Mostly false",
    "half-true": "Half true",
    "mixture": "Half true",
    "mixed": "Half true",
    "partly false": "Half true",
    "partly true": "Half true",
    "missing context": "Misleading",
    "lacks context": "Misleading",
    "out of context": "Misleading",
    "miscaptioned": "Misleading",
    "exaggerated": "Mostly false",
    "unproven": "Unverifiable",
    "unsupported": "Unverifiable",
    "no evidence": "Unverifiable",
    "unverified": "Unverifiable",
    # Spanish (Maldita, Newtral, EFE Verifica, Chequeado, AFP Factual...).
    "verdadera": "True",
    "verdad": "True",
    "cierto": "True",
    "cierta": "True",
    "falsa": "False",
    "bulo": "False",
    "engañosa": "Misleading",
    "sin contexto": "Misleading",
    "falta contexto": "Misleading",
    "fuera de contexto": "Misleading",
    "verdadero, pero": "Mostly true",
    "casi verdadero": "Mostly true",
    "mayormente verdadera": "Mostly true",
    "a medias": "Half true",
    "medio verdadero": "Half true",
    "parcialmente falso": "Half true",
    "parcialmente verdadero": "Half true",
    "discutible": "Half true",
    "exagerado": "Mostly false",
    "exagerada": "Mostly false",
    "mayormente falsa": "Mostly false",
    "casi falso": "Mostly false",
    "sin evidencia": "Unverifiable",
    "sin evidencias": "Unverifiable",
    "sin pruebas": "Unverifiable",
    "no verificable": "Unverifiable",
    "insostenible": "Unverifiable",
}
"""Foreign labels (folded) -> a label of the default scale; used only where the target is on the scale."""

_PUNCTUATION_ENDS = re.compile(r"^[\s\"'¡¿!?.:;()\[\]]+|[\s\"'¡¿!?.:;()\[\]]+$")


def fold_label(label: str) -> str:
    """A rating label as compared: case, accents, spacing and end punctuation ignored ("¡Falso!" is "falso")."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION_ENDS.sub("", bare).split())


@lru_cache(maxsize=1)
def folded_aliases() -> dict[str, str]:
    """DEFAULT_ALIASES with their labels folded, as `fold_label` compares them."""
    return {fold_label(label): target for label, target in DEFAULT_ALIASES.items()}

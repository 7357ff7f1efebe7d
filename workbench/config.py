"""Settings the CLI and TUI share: where the database is, who is reviewing, what scale, who publishes.

The rating scale, foreign rating labels and the publishing organisation can be set in a TOML file
($WORKBENCH_SETTINGS, else ./workbench.toml); see `load_settings` and the README.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.domain.scale import DEFAULT_ALIASES, DEFAULT_RATINGS, DEFAULT_SCALE, Rating, fold_label, folded_aliases
from workbench.domain.vocab import ClaimKind, ClaimStatus, LinkRelation, Stance
from workbench.errors import InvalidInput, NotFound

__all__ = [  # the scale moved to workbench.domain.scale; these names stay importable from here
    "DEFAULT_ALIASES",
    "DEFAULT_RATINGS",
    "DEFAULT_SCALE",
    "Rating",
    "fold_label",
]

DEFAULT_DB = "claims.db"
SETTINGS_FILE = "workbench.toml"
LINK_RELATIONS = LinkRelation.values()
"""What a link between two claims says (see `LinkRelation`)."""

STANCES: tuple[str, ...] = Stance.values()
STANCE_PROPERTY = "https://claims-workbench.invalid/ns#stance"
"""The JSON-LD property a source's stance travels under in ClaimReview (schema.org has none);
an absolute IRI, so JSON-LD processors keep it and an import reads it back."""

CLAIM_KINDS: tuple[str, ...] = ClaimKind.values()

CLAIM_STATUSES: tuple[str, ...] = ClaimStatus.values()


@dataclass(frozen=True)
class Organization:
    """Who publishes the fact checks: ClaimReview's author."""

    name: str = "Claims workbench"
    url: str = "https://claims-workbench.invalid"
    """The .invalid placeholder says plainly that nobody has configured it yet."""
    review_url: str = "{organization_url}/claims/{claim}"
    """Where the fact check of a claim is published; {claim}, {article} and {organization_url} are filled in."""

    @property
    def configured(self) -> bool:
        """Whether someone has named the publisher: ClaimReview is refused until then, since a
        review authored by the placeholder is of no use to anyone who reads it."""
        return not self.url.rstrip("/").endswith(".invalid")

    def review_link(self, claim_id: int, article_id: int) -> str:
        return self.review_url.format(claim=claim_id, article=article_id, organization_url=self.url.rstrip("/"))


LINKS_WITHIN_ARTICLE = 5
"""Default of Settings.links_within_article. The gold and own articles have at most two links per
claim within their article, so five changes none of them; in a 1 MB article of repeated paragraphs
it keeps 5 of some 50 per claim."""


@dataclass(frozen=True)
class Settings:
    """What a session of the workbench runs with."""

    scale: tuple[Rating, ...] = DEFAULT_SCALE
    """The verdict scale, best first; matching a rating ignores case and accepts either language."""

    rating_aliases: tuple[tuple[str, str], ...] = ()
    """(folded foreign label, scale label) pairs from the settings file, consulted before DEFAULT_ALIASES."""

    organization: Organization = Organization()

    max_article_bytes: int = 5 * 1024 * 1024
    """Larger files are refused: no wire story is 5 MB, and spaCy would stall on it."""

    reviewer: str | None = None
    """Who reviews on this machine, when neither --reviewer nor $WORKBENCH_REVIEWER says."""

    max_claim_chars: int = 2000
    """Longer claim texts (a reviewer's edit, an archive row) are refused: a checkable claim is a
    proposition, and a wall of text pasted in its place would swamp matching and reports."""

    languages: tuple[str, ...] = field(default=("es", "en"))
    """Languages the extraction pipeline handles."""

    semantic: bool = True
    """Match by sentence embeddings as well as by terms ([matching] semantic); off on a machine
    that cannot run the model, where matching falls back to lexical terms alone."""

    index_in_tui: bool = True
    """[matching] index_in_tui: the TUI embeds claims that have no vector yet (an archive import
    leaves them to `workbench index`) in a background worker while the reviewer works; off where
    the model's load on the cores is unwelcome, and `workbench index` is run instead."""

    links_within_article: int = LINKS_WITHIN_ARTICLE
    """[matching] links_within_article: the most links an import suggests from one claim to other
    claims of its own article (links.capped_within_source); an article that repeats itself would
    otherwise link each claim to every copy."""

    origin: str | None = None
    """The settings file these came from, for messages; None for the defaults."""

    language: str | None = None
    """language = "es" | "en": the interface language (issue 17); None follows $LC_ALL / $LANG (see workbench.i18n)."""

    checkworthiness_model: str | None = None
    """[checkworthiness] model: the check-worthiness model in use (a JSON file that `workbench
    train checkworthiness --install` wrote); None for the one shipped with the package."""

    @property
    def ratings(self) -> tuple[str, ...]:
        """The scale's labels as verdicts store them, best first."""
        return tuple(r.en for r in self.scale)

    def step(self, label: str) -> Rating | None:
        """The scale step a label names, in English or Spanish, ignoring case and accents."""
        folded = fold_label(label)
        for rating in self.scale:
            if folded in (fold_label(rating.en), fold_label(rating.es)):
                return rating
        return None

    def rating(self, value: str) -> str:
        """The scale's spelling of a rating given in any case or language; anything else is refused."""
        found = self.step(value)
        if found is None:
            raise InvalidInput(f"{value!r} is not a rating; use one of: {', '.join(self.ratings)}.")
        return found.en

    def foreign_rating(self, label: str) -> str | None:
        """A rating label of another outlet mapped onto the scale: the scale itself, then the aliases."""
        found = self.step(label)
        if found is not None:
            return found.en
        folded = fold_label(label)
        for alias, target in self.rating_aliases:
            if alias == folded:
                return target
        alias_target = folded_aliases().get(folded)
        step = self.step(alias_target) if alias_target else None
        return step.en if step else None

    def nearest_rating(self, value: float, best: float, worst: float) -> str | None:
        """The scale step closest to a numeric rating on another scale (best..worst), or None."""
        numeric = [r for r in self.scale if r.value is not None]
        if best == worst or not numeric:
            return None
        position = (value - worst) / (best - worst)
        if not 0 <= position <= 1:
            return None  # off its own scale (-7 of 1..5): no step of ours says what it meant
        values = [r.value for r in numeric if r.value is not None]
        ours_best, ours_worst = max(values), min(values)  # best_value and worst_value, known to exist here
        if ours_best == ours_worst:
            return numeric[0].en
        return min(numeric, key=lambda r: abs(((r.value or 0.0) - ours_worst) / (ours_best - ours_worst) - position)).en

    @property
    def best_value(self) -> float | None:
        values = [r.value for r in self.scale if r.value is not None]
        return max(values) if values else None

    @property
    def worst_value(self) -> float | None:
        values = [r.value for r in self.scale if r.value is not None]
        return min(values) if values else None


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The database the user means: --db, else $WORKBENCH_DB, else ./claims.db."""
    return Path(option or os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def default_reviewer(option: str | None = None, configured: str | None = None) -> str:
    """Who is acting: --reviewer, else $WORKBENCH_REVIEWER, else the settings file's
    `reviewer`, else the login name."""
    if option and option.strip():
        return option.strip()
    env = os.environ.get("WORKBENCH_REVIEWER", "").strip()
    if env:
        return env
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# -- the settings file ----------------------------------------------------------------


def settings_path() -> Path | None:
    """The settings file in force: $WORKBENCH_SETTINGS (which must exist), else ./workbench.toml if present."""
    chosen = os.environ.get("WORKBENCH_SETTINGS", "").strip()
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise NotFound(f"There is no settings file at {path} (named by $WORKBENCH_SETTINGS).")
        return path
    local = Path(SETTINGS_FILE)
    return local if local.is_file() else None


def load_settings(path: Path | None = None) -> Settings:
    """Settings from a TOML file (default: `settings_path()`), or the defaults when there is none.

    A file that cannot be read is refused whole with one sentence, rather than half applied.
    """
    import tomllib

    path = path or settings_path()
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(f"Settings file {path} is not valid TOML: {error}.") from error
    except OSError as error:
        raise InvalidInput(f"Cannot read settings file {path}: {error.strerror}.") from error
    return settings_from_dict(data, str(path))


SECTIONS = {
    "language",
    "organization",
    "ratings",
    "rating_aliases",
    "limits",
    "reviewer",
    "checkworthiness",
    "matching",
}
_WEB_ADDRESS = re.compile(r"https?://[^\s/]+")


def settings_from_dict(data: dict[str, Any], name: str) -> Settings:
    """Settings from a parsed settings file; `name` is the file, for messages."""
    unknown = sorted(set(data) - SECTIONS)
    if unknown:
        raise InvalidInput(
            f"Settings file {name} has an unknown entry {unknown[0]!r}; known: {', '.join(sorted(SECTIONS))}."
        )
    scale = _scale(data["ratings"], name) if "ratings" in data else DEFAULT_SCALE
    base = Settings(scale=scale, origin=name)
    aliases = _aliases(data.get("rating_aliases", {}), base, name)
    organization = _organization(data.get("organization", {}), name)
    max_bytes, max_chars = _limits(data.get("limits", {}), name)
    reviewer = data.get("reviewer")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise InvalidInput(f"Settings file {name}: reviewer must be a name in quotes.")
    semantic, index_in_tui, links_within_article = _matching(data.get("matching", {}), name)
    language = data.get("language")  # interface language (issue 17)
    if language is not None and language not in ("es", "en"):
        raise InvalidInput(f'Settings file {name}: language must be "es" or "en".')
    return Settings(
        language=language,
        checkworthiness_model=_checkworthiness_model(data.get("checkworthiness", {}), name),  # check-worthiness
        reviewer=reviewer.strip() if reviewer else None,
        scale=scale,
        rating_aliases=aliases,
        organization=organization,
        origin=name,
        max_article_bytes=max_bytes,
        max_claim_chars=max_chars,
        semantic=semantic,
        index_in_tui=index_in_tui,
        links_within_article=links_within_article,
    )


def _checkworthiness_model(table: Any, name: str) -> str | None:  # noqa: ANN401 - parsed TOML
    """[checkworthiness] model = PATH: which check-worthiness model scores claims."""
    if not isinstance(table, dict) or set(table) - {"model"}:
        raise InvalidInput(f"Settings file {name}: [checkworthiness] takes only model = PATH.")
    model = table.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise InvalidInput(f"Settings file {name}: [checkworthiness] model must be a path in quotes.")
    return model.strip() if model else None


def _matching(table: Any, name: str) -> tuple[bool, bool, int]:  # noqa: ANN401 - parsed TOML
    """[matching] semantic: match by sentence embeddings as well as by terms (default true);
    index_in_tui: the TUI embeds claims without vectors in the background (default true);
    links_within_article: the most links from a claim to claims of its own article (default 5)."""
    if not isinstance(table, dict) or set(table) - {"semantic", "index_in_tui", "links_within_article"}:
        raise InvalidInput(
            f"Settings file {name}: [matching] takes only semantic, index_in_tui and links_within_article."
        )
    flags = []
    for key in ("semantic", "index_in_tui"):
        value = table.get(key, True)
        if not isinstance(value, bool):
            raise InvalidInput(f"Settings file {name}: [matching] {key} must be true or false.")
        flags.append(value)
    most = table.get("links_within_article", LINKS_WITHIN_ARTICLE)
    if not isinstance(most, int) or isinstance(most, bool) or not 0 <= most <= 1000:
        raise InvalidInput(
            f"Settings file {name}: [matching] links_within_article must be a whole number from 0 to 1000."
        )
    return flags[0], flags[1], most


def _limits(limits: Any, name: str) -> tuple[int, int]:  # noqa: ANN401 - parsed TOML
    """[limits] max_article_mb: the largest article file taken, in megabytes (default 5);
    max_claim_chars: the longest claim text taken (default 2,000)."""
    if not isinstance(limits, dict) or set(limits) - {"max_article_mb", "max_claim_chars"}:
        raise InvalidInput(f"Settings file {name}: [limits] takes only max_article_mb and max_claim_chars.")
    megabytes = limits.get("max_article_mb", 5)
    if not isinstance(megabytes, (int, float)) or isinstance(megabytes, bool) or not 0 < megabytes <= 100:
        raise InvalidInput(f"Settings file {name}: max_article_mb must be a number above 0 and at most 100.")
    chars = limits.get("max_claim_chars", 2000)
    if not isinstance(chars, int) or isinstance(chars, bool) or not 20 <= chars <= 100_000:
        raise InvalidInput(f"Settings file {name}: max_claim_chars must be a whole number from 20 to 100000.")
    return int(megabytes * 1024 * 1024), chars


def _scale(entries: Any, name: str) -> tuple[Rating, ...]:  # noqa: ANN401 - parsed TOML
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise InvalidInput(f"Settings file {name}: 'ratings' must be a list of [[ratings]] tables, best first.")
    scale, seen = [], set()
    for n, entry in enumerate(entries, 1):
        extra = sorted(set(entry) - {"en", "es", "value"})
        if extra:
            raise InvalidInput(
                f"Settings file {name}: rating {n} has an unknown key {extra[0]!r}; use en, es and value."
            )
        en, es, value = entry.get("en"), entry.get("es", entry.get("en")), entry.get("value")
        if not isinstance(en, str) or not en.strip() or not isinstance(es, str) or not es.strip():
            raise InvalidInput(f"Settings file {name}: rating {n} needs an 'en' label (and optionally 'es') as text.")
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise InvalidInput(f"Settings file {name}: the value of rating {en!r} must be a number, or left out.")
        for label in {fold_label(en), fold_label(es)}:
            if label in seen:
                raise InvalidInput(f"Settings file {name}: the label {label!r} names two ratings.")
            seen.add(label)
        scale.append(Rating(" ".join(en.split()), " ".join(es.split()), value))
    return tuple(scale)


def _aliases(table: Any, settings: Settings, name: str) -> tuple[tuple[str, str], ...]:  # noqa: ANN401
    if not isinstance(table, dict):
        raise InvalidInput(f'Settings file {name}: \'rating_aliases\' must be a table of "label" = "rating".')
    aliases = []
    for foreign, target in table.items():
        step = settings.step(target) if isinstance(target, str) else None
        if step is None:
            raise InvalidInput(
                f"Settings file {name} maps {foreign!r} to {target!r}, which is not on the rating scale."
            )
        aliases.append((fold_label(foreign), step.en))
    return tuple(aliases)


def _organization(table: Any, name: str) -> Organization:  # noqa: ANN401
    if not isinstance(table, dict):
        raise InvalidInput(f"Settings file {name}: 'organization' must be a table with name, url and review_url.")
    extra = sorted(set(table) - {"name", "url", "review_url"})
    if extra:
        raise InvalidInput(
            f"Settings file {name}: [organization] has an unknown key {extra[0]!r}; use name, url and review_url."
        )
    if not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise InvalidInput(f"Settings file {name}: [organization] values must be non-empty text.")
    organization = Organization(**{k: v.strip() for k, v in table.items()})
    try:
        example = organization.review_link(1, 1)
    except (KeyError, IndexError, ValueError) as error:
        raise InvalidInput(
            f"Settings file {name}: review_url may use only {{claim}}, {{article}} and {{organization_url}} ({error})."
        ) from error
    for key, value in (("url", organization.url), ("review_url", example)):
        if not _WEB_ADDRESS.match(value):
            raise InvalidInput(f"Settings file {name}: the organisation's {key} {value!r} is not a web address.")
    return organization

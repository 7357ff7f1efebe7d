"""The `workbench` command: bare, it opens the TUI; subcommands run the headless core.

Heavy modules (spaCy, Textual, rich) are imported inside the commands that use them,
so `workbench --help` and `workbench claims` start fast.

Exit codes: 0 ok, 1 unexpected, 2 usage error, 3 not found, 4 invalid input,
5 conflict, 6 database unavailable, 7 language model not installed.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeVar

import click

from workbench.config import (
    CLAIM_KINDS,
    CLAIM_STATUSES,
    DEFAULT_DB,
    LINK_RELATIONS,
    STANCES,
    Settings,
    load_settings,
    resolve_db_path,
)
from workbench.domain.vocab import LinkRelation, LinkState, Stance
from workbench.errors import InvalidInput, StoreUnavailable, WorkbenchError
from workbench.export import FORMATS as EXPORT_FORMATS
from workbench.i18n import (
    N_,
    _,
    actor_names,
    format_count,
    format_moment,
    ngettext,
    rating_label,
    resolve_language,
    set_language,
    set_report_language,
    set_scale,
    translate_error,
    vocabulary_filters,
    vocabulary_label,
    vocabulary_value,
)
from workbench.service import Workbench
from workbench.store import DatabaseError, describe_database_error
from workbench.text import printable, strip_controls

if TYPE_CHECKING:
    from workbench.train import ArticleThreshold

T = TypeVar("T")

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
"""The seed articles travel inside the package (the repository's top-level seeds/ links here)."""


CLICK_DOMAIN = "click"
"""The catalog of click's own words (workbench/locale/es/LC_MESSAGES/click.po, extracted from the
installed click by `make catalogs`), apart from the workbench's: their ids are click's."""
CLICK_HELP = "Show this message and exit."
"""Click's help for --help, which it writes once per command in the language of that moment."""


def speak_click(language: str) -> None:
    """Click's own words (usage errors, "Usage:", "Options", "[default: ...]", "Did you mean ...")
    in `language`, from here on.

    Click marks them with the stdlib's classic gettext API (`from gettext import gettext as _` in
    each of its modules): a lookup in the process's text domain, in the language $LANGUAGE names
    first (read at every call, before $LC_ALL and $LANG). That is the extension point click means
    for applications, so here the workbench binds its catalog of click's messages as that domain
    and names the interface language in $LANGUAGE. Nothing of click is replaced: no private name
    patched, no message rewritten by a pattern, so it holds as click's modules change, and a click
    that adds messages fails tests/test_i18n.py until `make catalogs` and a translator catch up.
    """
    import gettext
    import os

    from workbench.i18n import LOCALE_DIR

    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = language


def _asked_language(group: click.Command, args: Sequence[str]) -> str | None:
    """The --language a command line gives before its command, read before click parses the line,
    so that click's own complaints about the rest of it are in that language too."""
    takes_value = {
        name for p in group.params if isinstance(p, click.Option) and not (p.is_flag or p.count) for name in p.opts
    }
    at = 0
    while at < len(args) and args[at].startswith("-") and args[at] != "--":
        name, equals, value = args[at].partition("=")
        if name == "--language":
            return value if equals else (args[at + 1] if at + 1 < len(args) else None)
        at += 2 if name in takes_value and not equals else 1
    return None


def _choose_language(asked: str | None) -> str:
    """The interface language before the command line is parsed: --language, the settings file,
    the locale. What is wrong with either is reported once the group runs, in this language."""
    try:
        configured = load_settings().language
    except WorkbenchError:
        configured = None
    try:
        return resolve_language(asked, configured)
    except WorkbenchError:
        return resolve_language(None, configured)


@contextmanager
def _help_translated(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """The command's help, its options' and (for a group) its commands' summaries in the interface
    language while a help page is formatted, put back afterwards. The English text is the message
    id (extracted by workbench.i18n.extract_messages), so what has no translation shows as written;
    click's help of --help and --version, written once in whatever language was in force, are its
    own message ids, said through its catalog."""
    import gettext
    import inspect

    saved: list[tuple[object, str, str]] = []

    def swap(owner: object, attribute: str, text: str | None = None) -> None:
        shown = getattr(owner, attribute, None)
        if isinstance(shown, str) and shown:
            saved.append((owner, attribute, shown))
            english = text or inspect.cleandoc(shown)
            ours = _(english)
            setattr(owner, attribute, ours if ours != english else gettext.gettext(english))

    owners: list[object] = [command, *command.params]
    if isinstance(command, click.Group):
        owners += command.commands.values()
    for owner in owners:
        for attribute in ("help", "short_help", "epilog"):
            swap(owner, attribute)
    swap(command.get_help_option(ctx), "help", CLICK_HELP)
    try:
        yield
    finally:
        for owner, attribute, text in reversed(saved):
            setattr(owner, attribute, text)


USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."))
"""Click's placeholders in a usage line, which it does not mark for translation."""


class TranslatedHelp(click.Command):
    """A command whose --help and usage line speak the interface language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_translated(self, ctx):
            super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_(piece) if piece in USAGE_WORDS else piece for piece in super().collect_usage_pieces(ctx)]


class WorkbenchGroup(TranslatedHelp, click.Group):
    """Turns every workbench error into one sentence on stderr and its exit code; its commands'
    help, and click's own words, speak the interface language."""

    command_class = TranslatedHelp
    group_class = type  # subgroups are WorkbenchGroups too

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:  # noqa: ANN401 - click's
        """Chooses the interface language before click reads the command line: its usage errors
        ("No such option", "Missing argument") come before any command runs."""
        language = _choose_language(_asked_language(self, sys.argv[1:] if args is None else list(args)))
        set_language(language)
        speak_click(language)
        return super().main(args, *rest, **options)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except WorkbenchError as error:
            _fail(translate_error(str(error)), error.exit_code)
        except DatabaseError as error:
            _fail(describe_database_error(error), StoreUnavailable.exit_code)
        except KeyboardInterrupt:
            _fail(_("Interrupted; nothing more was written."), INTERRUPTED)
        except OSError as error:
            # Output the system refused (a full disk, a closed pipe): later writes would fail too.
            _silence_stdout()
            _fail(_("Cannot write the output: {error}.").format(error=error.strerror or error), InvalidInput.exit_code)


SHOWN_WORDS = (N_("confirmed"), N_("suggested"), N_("claim"), N_("article"))
"""Stored words the human output translates where it prints them (a link's state, a search hit's kind)."""

NUMBER = click.IntRange(0, 2**63 - 1)
"""Ids, positions and counts: what SQLite's 64-bit integers hold, so a larger number is a usage
error of one sentence, not an overflow deep in the store."""
INTERRUPTED = 130
"""The shell's exit code for a command stopped by Ctrl-C."""


WARNINGS_OF_A_KIND = 3
"""Problems of one kind (200,000 empty rows) are listed this many times, then counted."""


PLACES = {"line": N_("line {number}: {problem}"), "review": N_("review {number}: {problem}")}
"""Where in its file the core says a problem is: a CSV's line, a ClaimReview file's review."""
_PLACE = re.compile(r"(line|review) (\d+): (.*)", re.DOTALL)


def summarised(problems: list[str]) -> list[str]:
    """Problem sentences in the interface language, with each kind (the sentence without its
    "line N:" place) listed at most WARNINGS_OF_A_KIND times and the rest counted in one more sentence."""
    kinds: dict[str, list[tuple[str, str] | None]] = {}
    for problem in problems:
        place = _PLACE.fullmatch(problem)
        kind = place.group(3) if place else problem
        kinds.setdefault(kind, []).append((place.group(1), place.group(2)) if place else None)
    shown = []
    for kind, places in kinds.items():
        said = translate_error(kind)
        for where in places[:WARNINGS_OF_A_KIND]:
            shown.append(_(PLACES[where[0]]).format(number=where[1], problem=said) if where else said)
        if len(places) > WARNINGS_OF_A_KIND:
            shown.append(
                _("and {count} more rows: {kind}").format(
                    count=format_count(len(places) - WARNINGS_OF_A_KIND), kind=said
                )
            )
    return shown


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail a second time."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_JSON_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029]")
"""What json.dumps leaves raw with ensure_ascii=False and a terminal or a line reader acts on."""


def json_text(value: object, indent: int | None = None) -> str:
    """A JSON document whose strings can reach a terminal: DEL, C1 controls and the Unicode line
    separators are escaped (json.dumps already escapes the C0 controls)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def json_line(value: object) -> str:
    """One JSON document on one line, even for readers that also break lines at U+2028 or U+0085."""
    return json_text(value)


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Human output: stored text is data, so control characters are shown, never sent raw."""
    click.echo(printable(text), err=err, nl=nl)


def _fail(message: str, code: int) -> NoReturn:
    say(_("Error: {message}").format(message=message), err=True)
    sys.exit(code)


db_option = click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    help="Database file (default: $WORKBENCH_DB, else ./claims.db).",
)


# -- completion of option values (bash, zsh, fish: `eval "$(_WORKBENCH_COMPLETE=bash_source workbench)"`)


def offer(
    values: Callable[[click.Context], Iterable[str]],
) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """A shell_complete callback offering the values that start with what is typed, case and
    accents ignored, so `--status ch` offers "checked" and `verdict 3 enga` "Engañoso"."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        from unidecode import unidecode  # only when the shell asks, not on every start-up

        typed = unidecode(incomplete).casefold()
        try:
            return [value for value in dict.fromkeys(values(ctx)) if unidecode(value).casefold().startswith(typed)]
        except (WorkbenchError, DatabaseError, OSError):
            return []  # completion never prints an error into the reviewer's command line

    return complete


def _rating_names(ctx: click.Context) -> list[str]:
    return [name for rating in load_settings().scale for name in (rating.en, rating.es) if name]


def _entity_names(ctx: click.Context) -> list[str]:
    """Entities of the database the command line names (or the default one), if it exists."""
    named = next((c.params["db"] for c in (ctx, ctx.parent) if c is not None and c.params.get("db")), None)
    db = resolve_db_path(named)
    if not db.exists():
        return []
    return actor_names(Workbench(db).entity_names())  # by their names in both languages


LANGUAGES = ("auto", "es", "en")
ARCHIVE_FORMATS = ("claims-csv", "claimreview")


def _workbench(ctx: click.Context, db: Path | None, reviewer: str | None = None) -> Workbench:
    """The core on the chosen database, with the settings file in force ($WORKBENCH_SETTINGS or ./workbench.toml)."""
    chosen = db or (ctx.find_root().params.get("db"))
    return Workbench(resolve_db_path(chosen), actor=reviewer, settings=load_settings())


@click.group(cls=WorkbenchGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--no-seed", is_flag=True, help="Open the TUI without importing the demo seed articles.")
@click.option(
    "--language",
    "interface_language",
    metavar="es|en",
    help="The interface language for this command (default: the settings file's language, else $LC_ALL/$LANG).",
)
@click.version_option(package_name="claims-workbench")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, no_seed: bool, interface_language: str | None) -> None:
    """Claims workbench: split news articles into checkable claims, review them, export verdicts.

    Run without a command to open the terminal UI on the database.

    \b
    Exit codes: 0 ok, 2 usage error, 3 not found, 4 invalid input,
    5 conflict, 6 database unavailable, 7 language model not installed.
    """
    settings = load_settings()
    set_language(resolve_language(interface_language, settings.language))  # issue 17: before any message
    set_scale(settings.scale)
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui, db=db, no_seed=no_seed)


@cli.command()
@db_option
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of seed articles (with manifest.json) imported into a new database.",
)
@click.option("--no-seed", is_flag=True, help="Do not import the seed articles.")
@click.pass_context
def tui(ctx: click.Context, db: Path | None, seeds: Path | None, no_seed: bool) -> None:
    """Open the terminal UI (the default command).

    The demo seed articles are imported the first time the default database (./claims.db) is
    opened, so a new user sees real work at once; another database starts empty unless --seeds
    names a folder.

    Example: workbench --db claims.db
    """
    from workbench.tui.app import make_app

    workbench = _workbench(ctx, db)
    workbench.ensure_database()
    default = workbench.db_path.resolve() == Path(DEFAULT_DB).resolve()
    seeds_dir = None if no_seed else (seeds or (SEEDS_DIR if default else None))
    make_app(workbench, seeds_dir=seeds_dir).run()


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.pass_context
def seed(ctx: click.Context, folder: Path | None, db: Path | None) -> None:
    """Import the articles a folder's manifest.json lists, with their titles, languages and dates
    (default: the demo seeds that come with the workbench). Already imported ones are reported.

    Example: workbench seed seeds/ --db claims.db
    """
    for result in _workbench(ctx, db).seed(folder or SEEDS_DIR, again=True):
        if result.created:
            message = _("Imported article {article}: {title} ({count} claims)")
        else:
            message = _("Already imported as article {article}: {title} ({count} claims)")
        say(message.format(article=result.article_id, title=result.title, count=result.claim_count))


@cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--title", help="Title of the article (one file only); derived from the text when absent.")
@click.option("--url", help="Where the article was published (one file only).")
@click.option("--outlet", help="The publishing outlet.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; relative dates resolve against it.")
@click.option(
    "--lang",
    "language",
    default="auto",
    show_default=True,
    help="Language: es, en or auto.",
    shell_complete=offer(lambda _: LANGUAGES),
)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per file: its article id, claims and matches.")
@click.option(
    "--format",
    "fmt",
    default="article",
    show_default=True,
    help="article (text, Markdown, HTML), claims-csv or claimreview.",
    shell_complete=offer(lambda _: ("article", *ARCHIVE_FORMATS)),
)
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: Path | None,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: str | None,
    language: str,
    as_json: bool,
    fmt: str,
) -> None:
    """Import articles from files, or from standard input with '-'.

    Re-importing the same text reports the stored article and adds nothing.

    Example: workbench import story.html --published 2023-09-13 --lang es
    """
    if fmt in ARCHIVE_FORMATS:
        _import_archive(ctx, paths, db, fmt, as_json)
        return
    if fmt != "article":
        raise InvalidInput(
            _("Import format {format!r} is not one of article, claims-csv, claimreview.").format(format=fmt)
        )
    if len(paths) > 1 and (title or url):
        raise InvalidInput(_("--title and --url describe one article; import one file at a time to use them."))
    if language not in {"es", "en", "auto"}:
        raise InvalidInput(_("Language {language!r} is not supported; use es, en or auto.").format(language=language))
    workbench = _workbench(ctx, db)

    # Read and check every input before writing anything, so one bad file leaves the database as it was.
    def read(path: str) -> Any:  # noqa: ANN401 - an ArticleInput
        return workbench.read_article(path, title=title, url=url, outlet=outlet, published=published, language=language)

    for result in _import_with_progress(workbench, paths, read):
        if as_json:
            click.echo(
                json_line(
                    _imported_json(result.origin, result.article_id, result.created, result.claim_count)
                    | {"title": result.title, "matched": result.matched}
                )
            )
        elif result.created:
            say(
                _("Imported article {article}: {title} ({count} claims, {matched} matching earlier claims)").format(
                    article=result.article_id, title=result.title, count=result.claim_count, matched=result.matched
                )
            )
            if result.unembedded:
                say(_("Run `workbench index` to embed them for matching across wording and languages."), err=True)
        else:
            say(
                _("Already imported as article {article}: {title} ({count} claims)").format(
                    article=result.article_id, title=result.title, count=result.claim_count
                )
            )


"""Files of earlier claims, one archive article per file."""


def _imported_json(origin: str, article_id: int, created: bool, claims: int) -> dict[str, Any]:
    return {"origin": origin, "article": article_id, "created": created, "claims": claims}


def _import_archive(ctx: click.Context, paths: tuple[str, ...], db: Path | None, fmt: str, as_json: bool) -> None:
    from workbench.ingest.reader import decode, read_bytes

    workbench = _workbench(ctx, db)
    limit = 50 * workbench.settings.max_article_bytes
    files = [(path, decode(read_bytes(path, limit), "Standard input" if path == "-" else path)) for path in paths]
    run = workbench.import_claims_csv if fmt == "claims-csv" else workbench.import_claimreview
    for path, data in files:
        result = _with_row_progress(lambda tick, linking, d=data, p=path: run(d, p, tick, linking))
        for problem in summarised(result.problems):
            say(_("Warning: {path}, {problem}.").format(path=path, problem=problem), err=True)
        if as_json:
            found = _imported_json(path, result.article_id, result.created, result.claim_count)
            click.echo(json_line(found | {"matched": result.matched, "linked": result.linked}))
            continue
        if not result.created:
            say(
                _("Already imported as article {article} ({count} claims)").format(
                    article=result.article_id, count=result.claim_count
                )
            )
            continue
        if result.linked:
            matched = _("{count} matching earlier claims").format(count=result.matched)
        else:
            matched = _("run `workbench dedupe` to link them")
        say(
            _("Imported archive {path} as article {article} ({count} claims, {matched})").format(
                path=path, article=result.article_id, count=result.claim_count, matched=matched
            )
        )
        if workbench.settings.semantic and sys.stderr.isatty():
            say(_("Run `workbench index` to embed them for matching across wording and languages."), err=True)


def _with_row_progress(run: Any) -> Any:  # noqa: ANN401 - the import's result
    """An archive import: the rows staged, then the claims matched against the earlier ones."""
    return _counted(
        _("Reading claims"), lambda tick: run(tick, lambda done, total: tick(done, total, _("Matching claims")))
    )


def _import_with_progress(workbench: Workbench, paths: tuple[str, ...], read: Callable[[str], Any]) -> list:
    """Many files: read, extract, then store and match each, one bar on stderr that names the step."""

    def work(tick: Tick) -> list:
        articles = []
        for path in paths:
            articles.append(read(path))
            tick(len(articles), len(paths))
        stored = [0]

        def one(_result: object) -> None:
            stored[0] += 1
            tick(stored[0], len(articles), _("Storing and matching"))

        def extracted(done: int, total: int) -> None:
            tick(done, total, _("Extracting claims"))

        return workbench.import_articles(articles, progress=one, extracting=extracted)

    return _counted(_("Reading files"), work)


@cli.command()
@click.argument("path")
@click.option(
    "--lines",
    is_flag=True,
    help="Treat each input line as its own text, read as a post (a tweet); one JSON line out per line.",
)
@click.option("--json", "as_json", is_flag=True, help="Print claims as JSON.")
@click.option(
    "--lang",
    "language",
    default="auto",
    show_default=True,
    help="Language: es, en or auto.",
    shell_complete=offer(lambda _: LANGUAGES),
)
def extract(path: str, lines: bool, as_json: bool, language: str) -> None:
    """Print the claims of a text without storing anything.

    Example: echo "Corea del Norte disparó dos misiles el miércoles." | workbench extract - --json
    """
    from workbench.ingest.reader import decode, read_bytes
    from workbench.service import extract_texts

    settings = Settings()
    text = decode(read_bytes(path, settings.max_article_bytes), "Standard input" if path == "-" else path)
    texts = text.replace("\r\n", "\n").split("\n") if lines else [text]
    if lines and texts[-1] == "":
        texts.pop()  # the newline that ends the last line does not start another

    def work(tick: Tick) -> None:
        for done, claims in enumerate(extract_texts(texts, language, settings), 1):
            rows = [asdict(claim) for claim in claims]
            if lines:
                click.echo(json_line({"claims": rows}))
            elif as_json:
                click.echo(json_text(rows, indent=2))
            else:
                for claim in claims:
                    say(f"[{claim.start}:{claim.end}] {claim.kind:<10} {claim.text}")
            tick(done, len(texts))

    _counted(_("Extracting claims"), work)


@cli.command()
@db_option
@click.option("--article", "article_id", type=NUMBER, help="Only the claims of this article.")
@click.option(
    "--status",
    help="Only claims with this review status: new, in_review or checked (or their Spanish names).",
    shell_complete=offer(lambda _: CLAIM_STATUSES),
)
@click.option(
    "--rating",
    help="Only claims whose latest verdict is this rating (English, Spanish or an alias).",
    shell_complete=offer(_rating_names),
)
@click.option(
    "--kind",
    help="Only claims of this kind: event, quantity, statement, prediction or opinion (or their Spanish names).",
    shell_complete=offer(lambda _: CLAIM_KINDS),
)
@click.option(
    "--entity",
    metavar="NAME",
    help="Only claims naming this entity: its name in either language, any alias, or as written.",
    shell_complete=offer(_entity_names),
)
@click.option(
    "--queue", is_flag=True, help="The review queue: checkable claims not yet checked, highest check-worthiness first."
)
@click.option("--limit", type=NUMBER, default=200, show_default=True, help="How many claims --queue lists.")
@click.option("--json", "as_json", is_flag=True, help="Print claims as JSON.")
@click.pass_context
def claims(
    ctx: click.Context,
    db: Path | None,
    article_id: int | None,
    status: str | None,
    rating: str | None,
    kind: str | None,
    entity: str | None,
    queue: bool,
    limit: int,
    as_json: bool,
) -> None:
    """List stored claims, all of them or those the filters let through.

    Example: workbench claims --queue --entity "Corea del Norte" --kind quantity
    """
    given = vocabulary_filters({"status": status, "kind": kind})  # labels in either language
    workbench = _workbench(ctx, db)
    filters = workbench.claim_filter(
        article_id=article_id, status=given["status"], rating=rating, kind=given["kind"], entity=entity
    )
    rows = workbench.queued(filters, limit) if queue else workbench.listed(filters)
    if as_json:
        click.echo(json_text([asdict(row) for row in rows], indent=2))
        return
    for row in rows:
        rating_shown = rating_label(row.rating) or ("-" if row.checkable else _("not checkable"))
        say(f"{row.id:>5}  {vocabulary_label('kind', row.kind):<10} {rating_shown:<13} {row.text}")


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    default="json",
    show_default=True,
    help="json, md, html, csv or claimreview.",
    shell_complete=offer(lambda _: EXPORT_FORMATS),
)
@click.option("--article", "article_id", type=NUMBER, help="Only this article.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only articles published on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only articles published on or before this day.")
@click.option(
    "--status",
    help="Only claims with this review status: new, in_review or checked (or their Spanish names).",
    shell_complete=offer(lambda _: CLAIM_STATUSES),
)
@click.option("--cluster", type=NUMBER, metavar="CLAIM", help="Only the confirmed duplicate cluster of this claim.")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file ('-': standard output).")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.option(
    "--unreviewed",
    is_flag=True,
    help="Markdown and HTML: list the claims nobody has reviewed too (by default they are counted after the reviewed ones).",
)
@click.option(
    "--language",
    "report_language",
    metavar="es|en",
    help="The language of a report's words (default: its articles' language).",
)
@click.pass_context
def export(
    ctx: click.Context,
    db: Path | None,
    fmt: str,
    article_id: int | None,
    date_from: str | None,
    date_to: str | None,
    status: str | None,
    cluster: int | None,
    out: Path | None,
    force: bool,
    unreviewed: bool,
    report_language: str | None,
) -> None:
    """Export verdict reports: JSON (the contract), Markdown, HTML, CSV or ClaimReview JSON-LD.

    Example: workbench export --format html --from 2023-09-01 --to 2023-09-30 --out report.html
    """
    from workbench.export import check_format

    check_format(fmt)
    set_report_language(resolve_language(report_language) if report_language else None)
    workbench = _workbench(ctx, db)
    status = vocabulary_value("status", status) if status else None
    scope: dict[str, Any] = {
        "date_from": date_from,
        "date_to": date_to,
        "status": status,
        "cluster": cluster,
        "unreviewed": unreviewed,
    }
    warnings: list[str] = []
    if out is not None and str(out) != "-":
        _counted(
            _("Reading claims"),
            lambda tick: workbench.export_to(
                out, fmt, article_id, force=force, warnings=warnings, progress=tick, **scope
            ),
        )
        say(_("Wrote {path}").format(path=out), err=True)
    else:
        text = _counted(
            _("Reading claims"),
            lambda tick: workbench.export(fmt, article_id, warnings=warnings, progress=tick, **scope),
        )
        click.echo(text, nl=False)  # after the bar is erased: the report alone reaches stdout
    for warning in warnings:
        say(_("Warning: {warning}").format(warning=translate_error(warning)), err=True)


@cli.group()
def article() -> None:
    """Articles already imported."""


@article.command("set")
@click.argument("article_id", type=NUMBER, metavar="ARTICLE")
@click.option("--title", help="A better title.")
@click.option("--url", help="Where it was published ('' clears it).")
@click.option("--outlet", help="The publishing outlet ('' clears it).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date ('' clears it); claims' dates follow.")
@click.option(
    "--lang",
    "language",
    help="Its language: es or en; claims' dates follow.",
    shell_complete=offer(lambda _: ("es", "en")),
)
@db_option
@click.option("--reviewer", help="Who corrects it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@click.pass_context
def article_set(
    ctx: click.Context,
    article_id: int,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: str | None,
    language: str | None,
    db: Path | None,
    reviewer: str | None,
    as_json: bool,
) -> None:
    """Correct an article's title, url, outlet, date or language after import.

    A new date or language resolves the claims' relative dates again ("el miércoles"); the
    claims keep their text, split, verdicts and sources. Each change is in `history`.

    Example: workbench article set 3 --published 2023-09-13 --outlet EFE
    """
    workbench = _workbench(ctx, db, reviewer)
    changed, redated = workbench.set_article(
        article_id, title=title, url=url, outlet=outlet, published=published, language=language
    )
    if as_json:
        click.echo(json_line({"article": article_id, "changed": changed, "redated_claims": redated}))
        return
    if not changed:
        say(_("Article {article} already reads so; nothing changed.").format(article=article_id))
        return
    fields = ", ".join(
        f"{name} {value!r}" if value is not None else _("{field} cleared").format(field=name)
        for name, value in changed.items()
    )
    if redated:
        say(
            _("Article {article}: {fields}; dates of {count} claims resolved again.").format(
                article=article_id, fields=fields, count=len(redated)
            )
        )
    else:
        say(_("Article {article}: {fields}.").format(article=article_id, fields=fields))


@cli.group()
def source() -> None:
    """Sources attached to claims."""


@source.command("add")
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@click.argument("url")
@db_option
@click.option("--title")
@click.option("--publisher")
@click.option(
    "--stance",
    default=Stance.CONTEXT,
    show_default=True,
    help="supports, refutes or context (or their Spanish names).",
    shell_complete=offer(lambda _: STANCES),
)
@click.option("--excerpt", help="The passage of the source that bears on the claim.")
@click.option("--date", metavar="YYYY-MM-DD", help="When the source was published.")
@click.option("--reviewer", help="Who attaches it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.option("--json", "as_json", is_flag=True, help="Print the change as JSON (with the attachment number).")
@click.pass_context
def source_add(
    ctx: click.Context,
    claim_id: int,
    url: str,
    db: Path | None,
    title: str | None,
    publisher: str | None,
    stance: str,
    excerpt: str | None,
    date: str | None,
    reviewer: str | None,
    as_json: bool,
) -> None:
    """Attach a source to a claim.

    Example: workbench source add 12 https://www.jcs.mil.kr/ --stance supports
    """
    change = _workbench(ctx, db, reviewer).add_source(
        claim_id,
        url,
        stance=vocabulary_value("stance", stance),
        title=title,
        publisher=publisher,
        excerpt=excerpt,
        date=date,
    )
    _report_change(change, as_json)


@source.command("edit")
@click.argument("attachment", type=NUMBER)
@db_option
@click.option("--url")
@click.option("--title")
@click.option("--publisher")
@click.option("--date", metavar="YYYY-MM-DD")
@click.option(
    "--stance", help="supports, refutes or context (or their Spanish names).", shell_complete=offer(lambda _: STANCES)
)
@click.option("--excerpt")
@click.option("--reviewer", help="Who edits it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.option("--json", "as_json", is_flag=True, help="Print the change as JSON.")
@click.pass_context
def source_edit(
    ctx: click.Context, attachment: int, db: Path | None, reviewer: str | None, as_json: bool, **fields: str | None
) -> None:
    """Change an attached source (the number `source add` printed, or `attachment` in `history`).

    Example: workbench source edit 7 --stance refutes --excerpt "Two missiles, says Tokyo."
    """
    given = {key: value for key, value in fields.items() if value is not None}
    if not given:
        raise InvalidInput(_("Give at least one of --url, --title, --publisher, --date, --stance, --excerpt."))
    if "stance" in given:
        given["stance"] = vocabulary_value("stance", given["stance"])
    _report_change(_workbench(ctx, db, reviewer).edit_source(attachment, **given), as_json)


@source.command("remove")
@click.argument("attachment", type=NUMBER)
@db_option
@click.option("--reviewer", help="Who removes it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.option("--json", "as_json", is_flag=True, help="Print the change as JSON.")
@click.pass_context
def source_remove(ctx: click.Context, attachment: int, db: Path | None, reviewer: str | None, as_json: bool) -> None:
    """Take a source off its claim; it stays in the database and the audit log, marked removed.

    Example: workbench source remove 7
    """
    _report_change(_workbench(ctx, db, reviewer).remove_source(attachment), as_json)


@cli.group()
def edit() -> None:
    """Change a claim: its text, where it is cut, whether it is checkable; add a missed one.

    Each takes --claim-version, the claim's version as you read it (`claims --json`): a claim another
    reviewer changed since is refused (exit 5) instead of being written over.
    """


version_option = click.option(
    "--claim-version",
    "--version",
    "version",
    type=NUMBER,
    help="Refuse if the claim's version (claims --json) is no longer this; --version is the older name.",
)
reviewer_option = click.option("--reviewer", help="Who edits (default: $WORKBENCH_REVIEWER, else the login name).")


@edit.command("text")
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@click.argument("text")
@db_option
@version_option
@reviewer_option
@click.pass_context
def edit_text(
    ctx: click.Context, claim_id: int, text: str, db: Path | None, version: int | None, reviewer: str | None
) -> None:
    """Rewrite a claim's text; entities, dates and figures are read again.

    Example: workbench edit text 12 "Corea del Norte lanzó un misil balístico el 13 de septiembre"
    """
    say(_workbench(ctx, db, reviewer).edit_claim(claim_id, text, version).note)


@edit.command("split")
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@click.argument("at", type=NUMBER)
@db_option
@version_option
@reviewer_option
@click.pass_context
def edit_split(
    ctx: click.Context, claim_id: int, at: int, db: Path | None, version: int | None, reviewer: str | None
) -> None:
    """Cut a claim in two before character AT of its text; the second part becomes a new claim.

    Example: workbench edit split 12 57
    """
    say(_workbench(ctx, db, reviewer).split_claim(claim_id, at, version).note)


@edit.command("merge")
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@db_option
@version_option
@reviewer_option
@click.pass_context
def edit_merge(ctx: click.Context, claim_id: int, db: Path | None, version: int | None, reviewer: str | None) -> None:
    """Join a claim with the next claim of its article.

    Example: workbench edit merge 12
    """
    say(_workbench(ctx, db, reviewer).merge_next(claim_id, version).note)


@edit.command("checkable")
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@click.argument("checkable", type=click.Choice(["yes", "no"]))
@db_option
@version_option
@reviewer_option
@click.pass_context
def edit_checkable(
    ctx: click.Context, claim_id: int, checkable: str, db: Path | None, version: int | None, reviewer: str | None
) -> None:
    """Mark a claim not checkable (no), or checkable again (yes).

    Example: workbench edit checkable 12 no
    """
    say(_workbench(ctx, db, reviewer).set_checkable(claim_id, checkable == "yes", version).note)


@edit.command("add")
@click.argument("article_id", type=NUMBER, metavar="ARTICLE")
@click.argument("start", type=NUMBER)
@click.argument("end", type=NUMBER)
@db_option
@reviewer_option
@click.pass_context
def edit_add(ctx: click.Context, article_id: int, start: int, end: int, db: Path | None, reviewer: str | None) -> None:
    """Add a claim the extraction missed: the article's text from character START to END.

    Example: workbench edit add 1 120 188
    """
    say(_workbench(ctx, db, reviewer).add_claim(article_id, start, end).note)


@cli.command()
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@click.argument("rating", shell_complete=offer(_rating_names))
@db_option
@click.option("--rationale", help="Why this rating.")
@click.option("--reviewer", help="Who gives it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as stored, as JSON.")
@click.pass_context
def verdict(
    ctx: click.Context,
    claim_id: int,
    rating: str,
    db: Path | None,
    rationale: str | None,
    reviewer: str | None,
    as_json: bool,
) -> None:
    """Give a claim a verdict; earlier verdicts stay in its history.

    Example: workbench verdict 12 "mostly true" --rationale "Seoul and Tokyo disagree on the count."
    """
    workbench = _workbench(ctx, db, reviewer)
    workbench.add_verdict(claim_id, rating, rationale)
    latest = workbench.verdict_history(claim_id)[-1]
    if as_json:
        click.echo(
            json_line(
                {
                    "claim": claim_id,
                    "rating": latest["rating"],
                    "rationale": latest["rationale"],
                    "reviewer": latest["reviewer"],
                    "at": latest["at"],
                }
            )
        )
        return
    say(
        _("Claim {claim}: {rating} (by {reviewer} at {at})").format(
            claim=claim_id,
            rating=rating_label(latest["rating"]),
            reviewer=latest["reviewer"],
            at=format_moment(latest["at"]),
        )
    )


@cli.command()
@click.argument("text")
@db_option
@click.option("--limit", default=10, show_default=True, help="How many earlier claims to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (always, with '-').")
@click.option(
    "--lang",
    "language",
    default="auto",
    show_default=True,
    help="Language of the query: es, en or auto.",
    shell_complete=offer(lambda _: LANGUAGES),
)
@click.pass_context
def match(ctx: click.Context, text: str, db: Path | None, limit: int, as_json: bool, language: str) -> None:
    """Earlier claims ranked by similarity, each with its relation (duplicate, related, near-miss, conflict).

    With '-', reads one query per line from standard input and prints one JSON line per query.

    Example: workbench match "Corea del Norte lanzó dos misiles balísticos" --limit 5
    """
    workbench = _workbench(ctx, db)
    if text == "-":
        queries = _query_lines(workbench.settings.max_article_bytes, workbench.settings.max_claim_chars)
        for query, matches in zip(queries, workbench.match_many(queries, limit, language)):
            click.echo(json_line({"query": query, "matches": [_match_json(m) for m in matches]}))
        return
    if not text.strip():
        raise InvalidInput(_("The query is empty."))
    matches = workbench.match(text, limit, language)
    if as_json:
        click.echo(json_line({"query": text, "matches": [_match_json(m) for m in matches]}))
        return
    if not matches:
        say(_("No earlier claim matches."), err=True)
    for m in matches:
        relation = vocabulary_label("relation", m.relation) if m.relation else "-"
        say(f"{m.claim:>6}  {m.score:.2f}  {relation:<9}  {' '.join(m.text.split())}")


def _query_lines(max_bytes: int, max_chars: int) -> list[str]:
    """The lines of standard input, read with a bound (`/dev/zero` never ends) and decoded leniently
    (a stray byte becomes U+FFFD, not an encoding error when the line is printed back)."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidInput(
            _("Standard input is larger than the {size} MB limit for queries.").format(size=f"{max_bytes / 2**20:g}")
        )
    if b"\x00" in data:
        raise InvalidInput(_("Standard input is binary, not lines of text."))
    queries = strip_controls(data.decode("utf-8", errors="replace")).replace("\r\n", "\n").split("\n")
    if queries and queries[-1] == "":
        queries.pop()
    for number, query in enumerate(queries, 1):
        if len(query) > max_chars:
            raise InvalidInput(
                _("Line {number} is longer than the {count} characters a claim may have.").format(
                    number=number, count=f"{max_chars:,}"
                )
            )
    return queries


def _match_json(m: Any) -> dict[str, Any]:  # noqa: ANN401 - workbench.matching.engine.Match
    return {"claim": m.claim, "text": m.text, "score": m.score, "relation": m.relation}


@cli.command()
@db_option
@click.pass_context
def index(ctx: click.Context, db: Path | None) -> None:
    """Embed every claim that has no vector yet, so matching finds it in other words and languages.

    Runs in batches and resumes where it stopped; progress, rate and ETA go to stderr.
    An archive import leaves its claims to this command; matching uses vectors where they exist.
    In a large archive the vectors are then filed under lists, so a match reads only a few of them.

    Example: workbench index --db claims.db
    """
    workbench = _workbench(ctx, db)
    done = _index_with_progress(workbench)
    say(
        ngettext("Embedded {count} claim", "Embedded {count} claims", done).format(count=done)
        if done
        else _("Every claim has its vector already")
    )
    filed = _counted(_("Filing vectors under their lists"), lambda progress: workbench.index_lists(progress=progress))
    if filed:
        say(
            ngettext(
                "Filed {count} vector under its list for fast matching",
                "Filed {count} vectors under their lists for fast matching",
                filed,
            ).format(count=filed)
        )


def _index_with_progress(workbench: Workbench) -> int:
    return _counted(_("Embedding claims"), lambda progress: workbench.index_vectors(progress=progress))


class Tick(Protocol):
    """What long work calls as it goes: (done, total), and the step's name when it changes."""

    def __call__(self, done: int, total: int, step: str | None = None, /) -> None: ...


def _counted(label: str, run: Callable[[Tick], T]) -> T:
    """Run work that reports progress(done, total[, step]): rich's bar with the count, the rate and
    the time left, on stderr and only on a terminal. Stdout stays the command's output (a file, a
    pipe, jq) and a log gets no bar drawings; a finished bar is erased."""
    if not sys.stderr.isatty():
        return run(lambda done, total, step=None: None)
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    # stdout is never redirected through the bar: what a command prints there stays on stdout.
    with Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False) as bar:
        task = bar.add_task(label, total=None, rate="")
        started, shown = time.monotonic(), label

        def tick(done: int, total: int, step: str | None = None) -> None:
            nonlocal started, shown
            if step is not None and step != shown:
                started, shown = time.monotonic(), step  # a new step counts from its own start
                bar.reset(task, description=step, total=total, rate="")
            elapsed = time.monotonic() - started
            rate = _("{rate}/s").format(rate=f"{done / elapsed:,.1f}") if done and elapsed else ""
            bar.update(task, completed=done, total=total, rate=rate)

        return run(tick)


@cli.command()
@db_option
@click.option("--apply", is_flag=True, help="Confirm duplicate suggestions at or above the measured threshold.")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
@click.pass_context
def dedupe(ctx: click.Context, db: Path | None, apply: bool, as_json: bool) -> None:
    """Suggest duplicate, near-miss and conflict links between all stored claims.

    Rejected pairs are never suggested again; conflicts and near-misses are never confirmed
    automatically, and --apply never lets duplicates chain into a cluster whose members are not
    all duplicates of each other.

    Example: workbench dedupe --apply
    """
    workbench = _workbench(ctx, db)
    made, confirmed = _counted(_("Comparing pairs"), lambda progress: workbench.dedupe(apply, progress=progress))
    done = {(c.claim_a, c.claim_b) for c in confirmed}
    rows = [
        asdict(s) | {"state": LinkState.CONFIRMED if (s.claim_a, s.claim_b) in done else LinkState.SUGGESTED}
        for s in made
    ]
    if as_json:
        click.echo(json_text(rows, indent=2))
        return
    for row in rows:
        relation, state = vocabulary_label("relation", row["relation"]), _(row["state"])
        say(f"{row['claim_a']:>6} {row['claim_b']:>6}  {row['score']:.2f}  {relation:<9}  {state}")
    counts = {
        r: sum(1 for row in rows if row["relation"] == r)
        for r in (LinkRelation.DUPLICATE, LinkRelation.NEAR_MISS, LinkRelation.CONFLICT, LinkRelation.RELATED)
    }
    summary = ", ".join(f"{n} {vocabulary_label('relation', r)}" for r, n in counts.items())
    say(
        _("{count} suggestions ({summary}); {confirmed} duplicates confirmed.").format(
            count=len(rows), summary=summary, confirmed=len(confirmed)
        ),
        err=True,
    )


@cli.group()
def link() -> None:
    """A reviewer's decision on a pair of claims."""


@link.command("confirm")
@click.argument("claim_a", type=NUMBER)
@click.argument("claim_b", type=NUMBER)
@click.option(
    "--as",
    "relation",
    default=LinkRelation.DUPLICATE,
    show_default=True,
    help="duplicate, related, near-miss or conflict.",
    shell_complete=offer(lambda _: LINK_RELATIONS),
)
@db_option
@click.pass_context
def link_confirm(ctx: click.Context, claim_a: int, claim_b: int, relation: str, db: Path | None) -> None:
    """Confirm two claims as duplicates (or related, a near-miss: another event, or in conflict).

    Example: workbench link confirm 12 48
    """
    relation = vocabulary_value("relation", relation)
    _workbench(ctx, db).set_link(claim_a, claim_b, LinkState.CONFIRMED, relation)
    say(
        _("Claims {first} and {second}: confirmed {relation}.").format(
            first=claim_a, second=claim_b, relation=vocabulary_label("relation", relation)
        )
    )


@link.command("reject")
@click.argument("claim_a", type=NUMBER)
@click.argument("claim_b", type=NUMBER)
@db_option
@click.pass_context
def link_reject(ctx: click.Context, claim_a: int, claim_b: int, db: Path | None) -> None:
    """Reject a suggested link; it is not suggested again.

    Example: workbench link reject 12 31
    """
    _workbench(ctx, db).set_link(claim_a, claim_b, LinkState.REJECTED)
    say(_("Claims {first} and {second}: rejected.").format(first=claim_a, second=claim_b))


@cli.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.pass_context
def search(ctx: click.Context, query: str, db: Path | None, as_json: bool) -> None:
    """Full-text search over claims and articles.

    Example: workbench search "misil balístico"
    """
    hits = _workbench(ctx, db).search(query)
    if as_json:
        click.echo(json_text([asdict(hit) for hit in hits], indent=2))
        return
    if not hits:
        say(_("No matches."), err=True)
    for hit in hits:
        say(
            f"{_(hit.kind):<8}{hit.id:>5}  " + _("(article {article})").format(article=hit.article_id) + f"  {hit.text}"
        )


@cli.command()
@click.argument("claim_id", type=NUMBER, metavar="CLAIM")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the audit rows as JSON.")
@click.pass_context
def history(ctx: click.Context, claim_id: int, db: Path | None, as_json: bool) -> None:
    """Who changed what about a claim, and when (from the audit log).

    Example: workbench history 12
    """
    rows = _workbench(ctx, db).history(claim_id)
    if as_json:
        click.echo(json_text([_audit_json(row) for row in rows], indent=2))
        return
    for row in rows:
        change = row["after"] or ""
        say(
            f"{format_moment(row['at'])}  {row['actor']:<12} {row['action']:<16} {row['table_name']} {row['row_id'] or ''}  {change[:100]}"
        )


def _report_change(change: Any, as_json: bool) -> None:  # noqa: ANN401 - workbench.models.Change
    """A review write as one sentence, or for scripts as JSON: the claim, the action and its note,
    with the source's attachment number where there is one (what `source edit` and `remove` take)."""
    if not as_json:
        say(change.note)
        return
    found = {"claim": change.claim_id, "action": change.action, "note": change.note}
    if "attachment" in change.undo:
        found["attachment"] = change.undo["attachment"]
    click.echo(json_line(found))


def _audit_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """An audit row with its before and after as the objects they are, not JSON inside strings."""
    return {**row, **{key: json.loads(row[key]) if row[key] else None for key in ("before", "after")}}


@cli.group()
def train() -> None:
    """Refit a learned part of the workbench on your own data."""


@train.command("checkworthiness")
@db_option
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A labelled TSV (CheckThat! 2024 or 2021 layout, or text/checkable/checkworthy); repeatable.",
)
@click.option("--from-reviews", is_flag=True, help="Also learn from the reviewers' decisions in the database.")
@click.option("--install", is_flag=True, help="Put the new model in use (the settings file says which model).")
@click.pass_context
def train_checkworthiness(
    ctx: click.Context, db: Path | None, data: tuple[Path, ...], from_reviews: bool, install: bool
) -> None:
    """Fit the check-worthiness model, print cross-validated F1 beside the model in use, and
    replace that model only with --install.

    Example: workbench train checkworthiness --data ct24-es-dev.tsv --from-reviews --install
    """
    from workbench.train import train as fit

    if not data and not from_reviews:
        _fail(_("Give training data: --data TSV (repeatable), --from-reviews, or both."), 2)
    result = fit(_workbench(ctx, db) if from_reviews else None, list(data), install)
    click.echo(
        f"{result.examples} examples ({result.from_reviews} from reviewers' decisions); 5-fold cross-validation:"
    )
    for ours, theirs in result.reports:
        click.echo("  new      " + ours.line())
        if theirs is not None:
            click.echo("  in use   " + theirs.line() + "  (scored on rows it may have seen)")
    if from_reviews:
        for chosen in result.thresholds:
            _echo_article_threshold(chosen)
    if result.installed:
        click.echo(f"Installed {result.installed}; {result.settings_file} now names it under [checkworthiness].")
    else:
        click.echo(f"Wrote {result.candidate}; the model in use is unchanged (run again with --install to replace it).")


def _echo_article_threshold(chosen: ArticleThreshold) -> None:
    """Where one decision's article threshold came from: the reviews (with its held-out F1 beside
    the threshold in use on the same claims), or the model in use when the reviews are too few."""
    from workbench.nlp.checkworthiness_train import MIN_REVIEWED_ARTICLES, MIN_REVIEWED_MARKED

    found = chosen.reviewed
    if found is None:
        click.echo(
            _(
                "Article threshold ({model}): too few reviews to choose it (verdicts in {articles} articles and"
                " {claims} claims are needed); the one in use carries over."
            ).format(model=chosen.model, articles=MIN_REVIEWED_ARTICLES, claims=MIN_REVIEWED_MARKED)
        )
        return
    f1, _precision, _recall = found.f1_of(chosen.current)
    click.echo(
        _(
            "Article threshold ({model}): {threshold:.3f}, chosen on {claims} reviewed claims in {articles} articles;"
            " each article judged by the others' choice: F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f});"
            " the threshold in use ({current:.3f}) scores F1 {current_f1:.3f} on the same claims."
        ).format(
            model=chosen.model,
            threshold=found.choice.threshold,
            claims=len(found.scores),
            articles=found.articles,
            f1=found.choice.cv_f1,
            precision=found.choice.cv_precision,
            recall=found.choice.cv_recall,
            current=chosen.current,
            current_f1=f1,
        )
    )


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def backup(ctx: click.Context, path: Path, db: Path | None) -> None:
    """Copy the database to PATH with SQLite's online backup, while others keep working.

    Example: workbench backup backups/claims-2023-09-14.db
    """
    _workbench(ctx, db).backup(path)
    say(_("Backed up to {path}").format(path=path), err=True)

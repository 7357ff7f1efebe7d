"""The `workbench` command: bare, it opens the TUI; subcommands run the headless core.

Heavy modules (spaCy, Textual, rich) are imported inside the commands that use them,
so `workbench --help` and `workbench claims` start fast.

Exit codes: 0 ok, 1 unexpected, 2 usage error, 3 not found, 4 invalid input,
5 conflict, 6 database unavailable.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from workbench.config import CLAIM_KINDS, CLAIM_STATUSES, STANCES, Settings, load_settings, resolve_db_path
from workbench.errors import InvalidInput, StoreUnavailable, WorkbenchError
from workbench.service import Workbench

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


class WorkbenchGroup(click.Group):
    """Turns every workbench error into one sentence on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except WorkbenchError as error:
            _fail(str(error), error.exit_code)
        except sqlite3.Error as error:
            _fail(f"The database could not be used: {error}.", StoreUnavailable.exit_code)


def json_line(value: object) -> str:
    """One JSON document on one line, even for readers that also break lines at U+2028 or U+0085."""
    text = json.dumps(value, ensure_ascii=False)
    for separator in ("\u2028", "\u2029", "\u0085"):
        text = text.replace(separator, f"\\u{ord(separator):04x}")
    return text


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


db_option = click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    help="Database file (default: $WORKBENCH_DB, else ./claims.db).",
)


def _workbench(ctx: click.Context, db: Path | None, reviewer: str | None = None) -> Workbench:
    """The core on the chosen database, with the settings file in force ($WORKBENCH_SETTINGS or ./workbench.toml)."""
    chosen = db or (ctx.find_root().params.get("db"))
    return Workbench(resolve_db_path(chosen), actor=reviewer, settings=load_settings())


@click.group(cls=WorkbenchGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="claims-workbench")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Claims workbench: split news articles into checkable claims, review them, export verdicts.

    Run without a command to open the terminal UI on the database.

    \b
    Exit codes: 0 ok, 2 usage error, 3 not found, 4 invalid input,
    5 conflict, 6 database unavailable.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui, db=db)


@cli.command()
@db_option
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of seed articles imported into a new database (default: the project's seeds/).",
)
@click.option("--no-seed", is_flag=True, help="Do not import the seed articles.")
@click.pass_context
def tui(ctx: click.Context, db: Path | None, seeds: Path | None, no_seed: bool) -> None:
    """Open the terminal UI (the default command).

    Example: workbench --db claims.db
    """
    from workbench.tui.app import make_app

    workbench = _workbench(ctx, db)
    workbench.ensure_database()
    seeds_dir = None if no_seed else (seeds or (SEEDS_DIR if (SEEDS_DIR / "manifest.json").exists() else None))
    make_app(workbench, seeds_dir=seeds_dir).run()


@cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--title", help="Title of the article (one file only); derived from the text when absent.")
@click.option("--url", help="Where the article was published (one file only).")
@click.option("--outlet", help="The publishing outlet.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; relative dates resolve against it.")
@click.option("--lang", "language", default="auto", show_default=True, help="Language: es, en or auto.")
@click.option(
    "--format",
    "fmt",
    default="article",
    show_default=True,
    help="article (text, Markdown, HTML), claims-csv or claimreview.",
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
    fmt: str,
) -> None:
    """Import articles from files, or from standard input with '-'.

    Re-importing the same text reports the stored article and adds nothing.

    Example: workbench import story.html --published 2023-09-13 --lang es
    """
    if fmt in ARCHIVE_FORMATS:
        _import_archive(ctx, paths, db, fmt)
        return
    if fmt != "article":
        raise InvalidInput(f"Import format {fmt!r} is not one of article, claims-csv, claimreview.")
    if len(paths) > 1 and (title or url):
        raise InvalidInput("--title and --url describe one article; import one file at a time to use them.")
    if language not in {"es", "en", "auto"}:
        raise InvalidInput(f"Language {language!r} is not supported; use es, en or auto.")
    workbench = _workbench(ctx, db)
    # Read and check every input before writing anything, so one bad file leaves the database as it was.
    articles = [
        workbench.read_article(path, title=title, url=url, outlet=outlet, published=published, language=language)
        for path in paths
    ]
    for result in _import_with_progress(workbench, articles):
        if result.created:
            click.echo(
                f"Imported article {result.article_id}: {result.title} "
                f"({result.claim_count} claims, {result.matched} matching earlier claims)"
            )
        else:
            click.echo(f"Already imported as article {result.article_id}: {result.title} ({result.claim_count} claims)")


ARCHIVE_FORMATS = ("claims-csv", "claimreview")
"""Files of earlier claims, one archive article per file."""


def _import_archive(ctx: click.Context, paths: tuple[str, ...], db: Path | None, fmt: str) -> None:
    from workbench.ingest.reader import decode, read_bytes

    workbench = _workbench(ctx, db)
    limit = 50 * workbench.settings.max_article_bytes
    files = [(path, decode(read_bytes(path, limit), "Standard input" if path == "-" else path)) for path in paths]
    run = workbench.import_claims_csv if fmt == "claims-csv" else workbench.import_claimreview
    for path, data in files:
        rows = data.count("\n") if fmt == "claims-csv" else data.count("claimReviewed")
        result = _with_row_progress(lambda tick, d=data, p=path: run(d, p, tick), rows)
        for problem in result.problems:
            click.echo(f"Warning: {path}, {problem}.", err=True)
        if not result.created:
            click.echo(f"Already imported as article {result.article_id} ({result.claim_count} claims)")
            continue
        matched = (
            f"{result.matched} matching earlier claims" if result.linked else "run `workbench dedupe` to link them"
        )
        click.echo(f"Imported archive {path} as article {result.article_id} ({result.claim_count} claims, {matched})")
        if workbench.settings.semantic and sys.stderr.isatty():
            click.echo("Run `workbench index` to embed them for matching across wording and languages", err=True)


def _with_row_progress(run: Any, rows: int) -> Any:  # noqa: ANN401 - the import's result
    if rows < 5000 or not sys.stderr.isatty():
        return run(None)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("Reading claims", total=rows)
        return run(lambda n: progress.advance(task, n))


def _import_with_progress(workbench: Workbench, articles: list) -> list:
    if len(articles) < 2 or not sys.stderr.isatty():
        return workbench.import_articles(articles)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("Importing", total=len(articles))
        return workbench.import_articles(articles, progress=lambda _: progress.advance(task))


@cli.command()
@click.argument("path")
@click.option("--lines", is_flag=True, help="Treat each input line as its own text; one JSON line out per line.")
@click.option("--json", "as_json", is_flag=True, help="Print claims as JSON.")
@click.option("--lang", "language", default="auto", show_default=True, help="Language: es, en or auto.")
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
    for claims in extract_texts(texts, language, settings):
        rows = [asdict(claim) for claim in claims]
        if lines:
            click.echo(json_line({"claims": rows}))
        elif as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for claim in claims:
                click.echo(f"[{claim.start}:{claim.end}] {claim.kind:<10} {claim.text}")


@cli.command()
@db_option
@click.option("--article", "article_id", type=int, help="Only the claims of this article.")
@click.option("--status", help=f"Only claims with this review status: {', '.join(CLAIM_STATUSES)}.")
@click.option("--rating", help="Only claims whose latest verdict is this rating (English, Spanish or an alias).")
@click.option("--kind", help=f"Only claims of this kind: {', '.join(CLAIM_KINDS)}.")
@click.option("--entity", metavar="NAME", help="Only claims naming this entity (canonical name or as written).")
@click.option(
    "--queue", is_flag=True, help="The review queue: checkable claims not yet checked, highest check-worthiness first."
)
@click.option("--limit", type=int, default=200, show_default=True, help="How many claims --queue lists.")
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
    filters = {"status": status, "rating": rating, "kind": kind, "entity": entity}
    workbench = _workbench(ctx, db)
    if queue:
        rows = workbench.queue(article_id=article_id, limit=limit, **filters)
    else:
        rows = workbench.claims(article_id, **filters)
    if as_json:
        click.echo(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        rating_shown = row.rating or ("-" if row.checkable else "not checkable")
        click.echo(f"{row.id:>5}  {row.kind:<10} {rating_shown:<13} {row.text}")


@cli.command()
@db_option
@click.option("--format", "fmt", default="json", show_default=True, help="json, md, html, csv or claimreview.")
@click.option("--article", "article_id", type=int, help="Only this article.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only articles published on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only articles published on or before this day.")
@click.option("--status", help=f"Only claims with this review status: {', '.join(CLAIM_STATUSES)}.")
@click.option("--cluster", type=int, metavar="CLAIM", help="Only the confirmed duplicate cluster of this claim.")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
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
) -> None:
    """Export verdict reports: JSON (the contract), Markdown, HTML, CSV or ClaimReview JSON-LD.

    Example: workbench export --format html --from 2023-09-01 --to 2023-09-30 --out report.html
    """
    from workbench.export import check_format

    check_format(fmt)
    workbench = _workbench(ctx, db)
    scope = {"date_from": date_from, "date_to": date_to, "status": status, "cluster": cluster}
    if out is not None:
        workbench.export_to(out, fmt, article_id, force=force, **scope)
        click.echo(f"Wrote {out}", err=True)
        return
    click.echo(workbench.export(fmt, article_id, **scope), nl=False)


@cli.group()
def source() -> None:
    """Sources attached to claims."""


@source.command("add")
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.argument("url")
@db_option
@click.option("--title")
@click.option("--publisher")
@click.option("--stance", default="context", show_default=True, help=f"One of: {', '.join(STANCES)}.")
@click.option("--excerpt", help="The passage of the source that bears on the claim.")
@click.option("--date", metavar="YYYY-MM-DD", help="When the source was published.")
@click.option("--reviewer", help="Who attaches it (default: $WORKBENCH_REVIEWER, else the login name).")
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
) -> None:
    """Attach a source to a claim.

    Example: workbench source add 12 https://www.jcs.mil.kr/ --stance supports
    """
    change = _workbench(ctx, db, reviewer).add_source(
        claim_id, url, stance=stance, title=title, publisher=publisher, excerpt=excerpt, date=date
    )
    click.echo(change.note)


@source.command("edit")
@click.argument("attachment", type=int)
@db_option
@click.option("--url")
@click.option("--title")
@click.option("--publisher")
@click.option("--date", metavar="YYYY-MM-DD")
@click.option("--stance", help=f"One of: {', '.join(STANCES)}.")
@click.option("--excerpt")
@click.option("--reviewer", help="Who edits it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.pass_context
def source_edit(
    ctx: click.Context, attachment: int, db: Path | None, reviewer: str | None, **fields: str | None
) -> None:
    """Change an attached source (the number `source add` printed, or `attachment` in `history`).

    Example: workbench source edit 7 --stance refutes --excerpt "Two missiles, says Tokyo."
    """
    given = {key: value for key, value in fields.items() if value is not None}
    if not given:
        raise InvalidInput("Give at least one of --url, --title, --publisher, --date, --stance, --excerpt.")
    click.echo(_workbench(ctx, db, reviewer).edit_source(attachment, **given).note)


@source.command("remove")
@click.argument("attachment", type=int)
@db_option
@click.option("--reviewer", help="Who removes it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.pass_context
def source_remove(ctx: click.Context, attachment: int, db: Path | None, reviewer: str | None) -> None:
    """Take a source off its claim; it stays in the database and the audit log, marked removed.

    Example: workbench source remove 7
    """
    click.echo(_workbench(ctx, db, reviewer).remove_source(attachment).note)


@cli.group()
def edit() -> None:
    """Change a claim: its text, where it is cut, whether it is checkable; add a missed one.

    Each takes --version, the claim's version as you read it (`claims --json`): a claim another
    reviewer changed since is refused (exit 5) instead of being written over.
    """


version_option = click.option("--version", "version", type=int, help="Refuse if the claim's version is no longer this.")
reviewer_option = click.option("--reviewer", help="Who edits (default: $WORKBENCH_REVIEWER, else the login name).")


@edit.command("text")
@click.argument("claim_id", type=int, metavar="CLAIM")
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
    click.echo(_workbench(ctx, db, reviewer).edit_claim(claim_id, text, version).note)


@edit.command("split")
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.argument("at", type=int)
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
    click.echo(_workbench(ctx, db, reviewer).split_claim(claim_id, at, version).note)


@edit.command("merge")
@click.argument("claim_id", type=int, metavar="CLAIM")
@db_option
@version_option
@reviewer_option
@click.pass_context
def edit_merge(ctx: click.Context, claim_id: int, db: Path | None, version: int | None, reviewer: str | None) -> None:
    """Join a claim with the next claim of its article.

    Example: workbench edit merge 12
    """
    click.echo(_workbench(ctx, db, reviewer).merge_next(claim_id, version).note)


@edit.command("checkable")
@click.argument("claim_id", type=int, metavar="CLAIM")
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
    click.echo(_workbench(ctx, db, reviewer).set_checkable(claim_id, checkable == "yes", version).note)


@edit.command("add")
@click.argument("article_id", type=int, metavar="ARTICLE")
@click.argument("start", type=int)
@click.argument("end", type=int)
@db_option
@reviewer_option
@click.pass_context
def edit_add(ctx: click.Context, article_id: int, start: int, end: int, db: Path | None, reviewer: str | None) -> None:
    """Add a claim the extraction missed: the article's text from character START to END.

    Example: workbench edit add 1 120 188
    """
    click.echo(_workbench(ctx, db, reviewer).add_claim(article_id, start, end).note)


@cli.command()
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.argument("rating")
@db_option
@click.option("--rationale", help="Why this rating.")
@click.option("--reviewer", help="Who gives it (default: $WORKBENCH_REVIEWER, else the login name).")
@click.pass_context
def verdict(
    ctx: click.Context, claim_id: int, rating: str, db: Path | None, rationale: str | None, reviewer: str | None
) -> None:
    """Give a claim a verdict; earlier verdicts stay in its history.

    Example: workbench verdict 12 "mostly true" --rationale "Seoul and Tokyo disagree on the count."
    """
    workbench = _workbench(ctx, db, reviewer)
    workbench.add_verdict(claim_id, rating, rationale)
    latest = workbench.verdict_history(claim_id)[-1]
    click.echo(f"Claim {claim_id}: {latest['rating']} (by {latest['reviewer']} at {latest['at']})")


@cli.command()
@click.argument("text")
@db_option
@click.option("--limit", default=10, show_default=True, help="How many earlier claims to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (always, with '-').")
@click.option("--lang", "language", default="auto", show_default=True, help="Language of the query: es, en or auto.")
@click.pass_context
def match(ctx: click.Context, text: str, db: Path | None, limit: int, as_json: bool, language: str) -> None:
    """Earlier claims ranked by similarity, each with its relation (duplicate, related, conflict).

    With '-', reads one query per line from standard input and prints one JSON line per query.

    Example: workbench match "Corea del Norte lanzó dos misiles balísticos" --limit 5
    """
    workbench = _workbench(ctx, db)
    if text == "-":
        queries = sys.stdin.read().replace("\r\n", "\n").split("\n")
        if queries and queries[-1] == "":
            queries.pop()
        for query, matches in zip(queries, workbench.match_many(queries, limit, language)):
            click.echo(json_line({"query": query, "matches": [_match_json(m) for m in matches]}))
        return
    if not text.strip():
        raise InvalidInput("The query is empty.")
    matches = workbench.match(text, limit, language)
    if as_json:
        click.echo(json_line({"query": text, "matches": [_match_json(m) for m in matches]}))
        return
    if not matches:
        click.echo("No earlier claim matches.", err=True)
    for m in matches:
        click.echo(f"{m.claim:>6}  {m.score:.2f}  {m.relation or '-':<9}  {' '.join(m.text.split())}")


def _match_json(m: Any) -> dict[str, Any]:  # noqa: ANN401 - workbench.matching.engine.Match
    return {"claim": m.claim, "text": m.text, "score": m.score, "relation": m.relation}


@cli.command()
@db_option
@click.pass_context
def index(ctx: click.Context, db: Path | None) -> None:
    """Embed every claim that has no vector yet, so matching finds it in other words and languages.

    Runs in batches and resumes where it stopped; progress, rate and ETA go to stderr.
    An archive import leaves its claims to this command; matching uses vectors where they exist.

    Example: workbench index --db claims.db
    """
    workbench = _workbench(ctx, db)
    done = _index_with_progress(workbench)
    click.echo(f"Embedded {done} claims" if done else "Every claim has its vector already")


def _index_with_progress(workbench: Workbench) -> int:
    """Rich's bar (rate, ETA) on a terminal; elsewhere a plain line per tenth of the work."""
    import time

    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (
            TextColumn("Embedding claims"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task("index", total=None, rate="")
            started = time.monotonic()

            def tick(done: int, total: int) -> None:
                elapsed = time.monotonic() - started
                bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f}/s" if done else "")

            return workbench.index_vectors(progress=tick)
    started = time.monotonic()
    shown = [0]

    def line(done: int, total: int) -> None:
        if total and (done >= shown[0] + total / 10 or done == total) and done:
            shown[0] = done
            elapsed = time.monotonic() - started
            rate = done / elapsed if elapsed else 0.0
            eta = (total - done) / rate if rate else 0.0
            click.echo(f"Embedded {done}/{total} claims, {rate:.1f}/s, {eta:.0f} s left", err=True)

    return workbench.index_vectors(progress=line)


@cli.command()
@db_option
@click.option("--apply", is_flag=True, help="Confirm duplicate suggestions at or above the measured threshold.")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
@click.pass_context
def dedupe(ctx: click.Context, db: Path | None, apply: bool, as_json: bool) -> None:
    """Suggest duplicate, related and conflict links between all stored claims.

    Rejected pairs are never suggested again; conflicts are never confirmed automatically.

    Example: workbench dedupe --apply
    """
    made, confirmed = _workbench(ctx, db).dedupe(apply)
    done = {(c.claim_a, c.claim_b) for c in confirmed}
    rows = [asdict(s) | {"state": "confirmed" if (s.claim_a, s.claim_b) in done else "suggested"} for s in made]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['claim_a']:>6} {row['claim_b']:>6}  {row['score']:.2f}  {row['relation']:<9}  {row['state']}")
    counts = {r: sum(1 for row in rows if row["relation"] == r) for r in ("duplicate", "conflict", "related")}
    summary = ", ".join(f"{n} {r}" for r, n in counts.items())
    click.echo(f"{len(rows)} suggestions ({summary}); {len(confirmed)} duplicates confirmed.", err=True)


@cli.group()
def link() -> None:
    """A reviewer's decision on a pair of claims."""


@link.command("confirm")
@click.argument("claim_a", type=int)
@click.argument("claim_b", type=int)
@click.option("--as", "relation", default="duplicate", show_default=True, help="duplicate, related or conflict.")
@db_option
@click.pass_context
def link_confirm(ctx: click.Context, claim_a: int, claim_b: int, relation: str, db: Path | None) -> None:
    """Confirm two claims as duplicates (or related, or in conflict).

    Example: workbench link confirm 12 48
    """
    if relation not in {"duplicate", "related", "conflict"}:
        raise InvalidInput(f"Relation {relation!r} is not one of duplicate, related, conflict.")
    _workbench(ctx, db).set_link(claim_a, claim_b, "confirmed", relation)
    click.echo(f"Claims {claim_a} and {claim_b}: confirmed {relation}.")


@link.command("reject")
@click.argument("claim_a", type=int)
@click.argument("claim_b", type=int)
@db_option
@click.pass_context
def link_reject(ctx: click.Context, claim_a: int, claim_b: int, db: Path | None) -> None:
    """Reject a suggested link; it is not suggested again.

    Example: workbench link reject 12 31
    """
    _workbench(ctx, db).set_link(claim_a, claim_b, "rejected")
    click.echo(f"Claims {claim_a} and {claim_b}: rejected.")


@cli.command()
@click.argument("query")
@db_option
@click.pass_context
def search(ctx: click.Context, query: str, db: Path | None) -> None:
    """Full-text search over claims and articles.

    Example: workbench search "misil balístico"
    """
    hits = _workbench(ctx, db).search(query)
    if not hits:
        click.echo("No matches.", err=True)
    for hit in hits:
        click.echo(f"{hit.kind:<8}{hit.id:>5}  (article {hit.article_id})  {hit.text}")


@cli.command()
@click.argument("claim_id", type=int, metavar="CLAIM")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the audit rows as JSON.")
@click.pass_context
def history(ctx: click.Context, claim_id: int, db: Path | None, as_json: bool) -> None:
    """Who changed what about a claim, and when (from the audit log).

    Example: workbench history 12
    """
    rows = _workbench(ctx, db).history(claim_id)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        change = row["after"] or ""
        click.echo(
            f"{row['at']}  {row['actor']:<12} {row['action']:<16} {row['table_name']} {row['row_id'] or ''}  {change[:100]}"
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
    click.echo(f"Backed up to {path}", err=True)

"""Verdict reports (Markdown, HTML, CSV) and ClaimReview interchange (export, import, round trip).

Most databases here are built through the store with hand-made claims, so the writers are tested on
exactly the text given (hostile text included) without the spaCy model; importing, which runs the
light pipeline, is marked slow.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.conftest import file_digest
from tests.helpers import assert_clean_failure, assert_ok, invoke, validate_export, write
from workbench.config import DEFAULT_SCALE, Settings, load_settings, settings_from_dict
from workbench.errors import InvalidInput
from workbench.export.claimreview import STANCE
from workbench.export.csv_report import FORMULA_STARTS
from workbench.ingest.claimreview import read_claimreview
from workbench.models import ArticleInput, ClaimDraft, EntityDraft
from workbench.service import Workbench, content_hash

INVALID = InvalidInput.exit_code
DATA = Path(__file__).resolve().parent / "data"
FORMATS = ("json", "md", "html", "csv", "claimreview")

CLAIM = "Corea del Norte disparó dos misiles balísticos hacia el Mar del Este el miércoles."
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
HOSTILE = f"{SCRIPT} dijo \"Putin\" y 'Kim'\nen otra línea {FORMULA}\r\nfin & <img src=x onerror=alert(2)>"
HOSTILE_TITLE = f"<b>Informe</b> {SCRIPT}"
PUBLISHER = '[organization]\nname = "Comprobado"\nurl = "https://comprobado.example"\n'


@pytest.fixture(autouse=True)
def _default_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No settings file of the person running the tests leaks in: no $WORKBENCH_SETTINGS; the
    ./workbench.toml read is ours, naming the publisher ClaimReview needs."""
    monkeypatch.delenv("WORKBENCH_SETTINGS", raising=False)
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "workbench.toml", PUBLISHER)


def add_article(
    workbench: Workbench,
    claims: list[str | tuple[str, str]],
    *,
    title: str = "Kim visita Rusia",
    url: str | None = "https://news.example/kim-putin",
    published: str | None = "2023-09-13",
    language: str = "es",
    outlet: str | None = "Agencia",
) -> list[int]:
    """Store an article made of the given claim texts (or (text, claimant) pairs); returns the claim ids."""
    pairs = [(c, None) if isinstance(c, str) else c for c in claims]
    text = "\n\n".join(t for t, _ in pairs)
    drafts, offset = [], 0
    for claim_text, claimant in pairs:
        entities = (EntityDraft(claimant, "PER", claimant, 0, len(claimant)),) if claimant == "Putin" else ()
        drafts.append(
            ClaimDraft(
                offset,
                offset + len(claim_text),
                claim_text,
                "statement",
                True,
                0.7,
                claimant,
                entities=entities,
                dates=(published,) if published else (),
            )
        )
        offset += len(claim_text) + 2
    article = ArticleInput(text=text, title=title, language=language, url=url, outlet=outlet, published=published)
    with workbench.store(create=True) as store:
        _, ids = store.articles.insert_article(article, content_hash(text), drafts)
    return ids


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[Workbench, dict[str, int]]:
    """Two articles: a reviewed claim with a refuting source, confirmed as duplicate of a claim in the second."""
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    first = add_article(
        workbench, [(CLAIM, "Estado Mayor Conjunto"), ("Putin dijo que ayudará con satélites.", "Putin")]
    )
    second = add_article(
        workbench,
        ["Pyongyang lanzó dos misiles balísticos el miércoles."],
        title="Misiles",
        url="https://other.example/misiles",
        published="2023-09-14",
    )
    workbench.add_verdict(first[0], "False", "First reading.", reviewer="luis")
    workbench.add_verdict(first[0], "engañoso", "Tokyo counted two missiles, Seoul one.", reviewer="ana")
    workbench.add_source(
        first[0],
        "https://www.mod.go.jp/",
        stance="refutes",
        title="Japan MoD",
        publisher="Ministry of Defense",
        excerpt="Two ballistic missiles.",
    )
    workbench.add_verdict(first[1], "True", None, reviewer="ana")
    workbench.set_link(first[0], second[0], "confirmed", "duplicate")
    return workbench, {"claim": first[0], "putin": first[1], "duplicate": second[0]}


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Workbench, list[int]]:
    """Claims, a title, a rationale, a reviewer and sources that try to be markup or formulas."""
    workbench = Workbench(tmp_path / "hostile.db", actor="tester")
    ids = add_article(
        workbench,
        [HOSTILE, FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)"],
        title=HOSTILE_TITLE,
        url="javascript:alert(3)",
        outlet="-2+3",
    )
    workbench.add_verdict(ids[0], "False", f"{FORMULA} {SCRIPT}", reviewer="@reviewer")
    workbench.add_source(
        ids[0],
        'https://x.example/?q="><script>alert(4)</script>',
        stance="supports",
        title='"><img src=x onerror=alert(5)>',
        excerpt=f"-1 {SCRIPT}",
    )
    with workbench.store() as store:
        store.sources.add_appearances([(ids[1], "javascript:alert(6)")])  # archive rows are not checked as sources are
    return workbench, ids


def export(workbench: Workbench, fmt: str, *args: str) -> str:
    result = invoke("export", "--format", fmt, "--db", workbench.db_path, *args)
    assert_ok(result)
    return result.stdout


def fold(text: str) -> str:
    return " ".join(text.split())


def unescape_markdown(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


class Page(HTMLParser):
    """What a browser would build from an HTML report: elements, their attributes, and the text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return fold(" ".join(self.chunks))

    def links(self) -> dict[str, str]:
        return {attrs["href"]: attrs["href"] for tag, attrs in self.tags if tag == "a" and attrs.get("href")}


# -- a reviewed claim in every format --------------------------------------------------------


def test_reviewed_claim_in_json(reviewed) -> None:
    workbench, ids = reviewed
    document = json.loads(export(workbench, "json"))
    validate_export(document)
    claim = next(c for a in document["articles"] for c in a["claims"] if c["id"] == ids["claim"])
    assert claim["verdict"]["rating"] == "Misleading"
    assert [v["rating"] for v in claim["verdict_history"]] == ["False", "Misleading"]
    assert claim["sources"] == [
        {
            "url": "https://www.mod.go.jp/",
            "title": "Japan MoD",
            "publisher": "Ministry of Defense",
            "stance": "refutes",
            "excerpt": "Two ballistic missiles.",
        }
    ]
    duplicate = next(c for a in document["articles"] for c in a["claims"] if c["id"] == ids["duplicate"])
    assert duplicate["duplicate_of"] == ids["claim"]


def test_reviewed_claim_in_markdown(reviewed) -> None:
    workbench, ids = reviewed
    report = unescape_markdown(export(workbench, "md"))
    assert "2 of 3 claims reviewed." in report  # the summary
    assert "| Misleading | 1 |" in report and "| True | 1 |" in report and "| Not reviewed | 1 |" in report
    assert f"### Claim {ids['claim']}: Misleading" in report
    assert "verdict by ana at " in report and "Tokyo counted two missiles, Seoul one." in report
    assert "earlier verdicts: False by luis" in report
    assert (
        "source (refutes): Japan MoD <https://www.mod.go.jp/>, Ministry of Defense: “Two ballistic missiles.”" in report
    )
    assert f"also in claim {ids['duplicate']} (Misiles, Sep 14, 2023) <https://other.example/misiles>" in report
    assert re.search(r"verdict by ana at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M", report)  # for people
    assert f"### Claim {ids['duplicate']}: Misleading (from claim {ids['claim']})" in report


def test_reviewed_claim_in_html(reviewed) -> None:
    workbench, ids = reviewed
    report = export(workbench, "html")
    page = Page(report)
    assert report.startswith("<!doctype html>") and "<style>" in report and "@media print" in report
    assert not [attrs for tag, attrs in page.tags if tag in {"link", "script", "img", "iframe"}]  # self-contained
    claim = report[report.index(f'id="claim-{ids["claim"]}"') :]
    claim = Page(claim[: claim.index("</article>")])
    assert "Misleading" in claim.text and "by ana on" in claim.text
    assert "Tokyo counted two missiles, Seoul one." in claim.text
    assert "refutes Japan MoD · Ministry of Defense “Two ballistic missiles.”" in claim.text
    assert "https://www.mod.go.jp/" in claim.links()
    assert "https://other.example/misiles" in claim.links()  # where else it appeared
    assert "2 of 3 claims reviewed." in page.text


def test_reviewed_claim_in_csv(reviewed) -> None:
    workbench, ids = reviewed
    rows = list(csv.DictReader(io.StringIO(export(workbench, "csv"), newline="")))
    assert len(rows) == 3
    row = next(r for r in rows if r["claim_id"] == str(ids["claim"]))
    assert (row["text"], row["rating"], row["reviewer"], row["source_count"]) == (CLAIM, "Misleading", "ana", "1")
    assert row["rationale"] == "Tokyo counted two missiles, Seoul one."
    assert row["article_published"] == "2023-09-13"
    duplicate = next(r for r in rows if r["claim_id"] == str(ids["duplicate"]))
    assert duplicate["duplicate_of"] == str(ids["claim"]) and duplicate["rating"] == ""


def test_reviewed_claim_in_claimreview(reviewed) -> None:
    workbench, ids = reviewed
    reviews = json.loads(export(workbench, "claimreview"))
    assert len(reviews) == 2  # one per claim with a verdict of its own; the duplicate only inherits
    review = next(r for r in reviews if r["claimReviewed"] == CLAIM)
    # Google's required fields
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == f"https://comprobado.example/claims/{ids['claim']}"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "name": "Engañoso",
        "alternateName": "Engañoso",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
    }
    # and the recommended ones
    assert review["author"] == {
        "@type": "Organization",
        "name": "Comprobado",
        "url": "https://comprobado.example",
    }
    assert re.match(r"\d{4}-\d{2}-\d{2}T", review["datePublished"])
    assert review["inLanguage"] == "es"
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Estado Mayor Conjunto"},
        "datePublished": "2023-09-13",
        "appearance": [
            {"@type": "CreativeWork", "url": "https://news.example/kim-putin"},
            {"@type": "CreativeWork", "url": "https://other.example/misiles"},
        ],
    }
    assert review["reviewBody"] == "Tokyo counted two missiles, Seoul one."
    assert review["contributor"] == {"@type": "Person", "name": "ana"}
    assert review["citation"][0]["url"] == "https://www.mod.go.jp/" and review["citation"][0][STANCE] == "refutes"
    putin = next(r for r in reviews if r["claimReviewed"].startswith("Putin"))
    assert putin["itemReviewed"]["author"] == {"@type": "Person", "name": "Putin"}


def test_unverifiable_has_a_label_and_no_numbers(reviewed) -> None:
    workbench, ids = reviewed
    workbench.add_verdict(ids["duplicate"], "Unverifiable")
    [review] = [r for r in json.loads(export(workbench, "claimreview")) if r["url"].endswith(f"/{ids['duplicate']}")]
    assert review["reviewRating"] == {"@type": "Rating", "name": "Inverificable", "alternateName": "Inverificable"}


def test_claimreview_expands_as_json_ld(reviewed, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyld reads the output with schema.org's context served from tests/data; nothing is fetched."""
    from pyld import jsonld

    context = json.loads((DATA / "schema-org-context.jsonld").read_text(encoding="utf-8"))
    asked: list[str] = []

    def local_loader(url: str, options: Any = None) -> dict[str, Any]:  # noqa: ANN401
        asked.append(url)
        if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
            raise AssertionError(f"the test tried to fetch {url}")
        return {"contextUrl": None, "documentUrl": url, "document": context}

    def no_network(url: str, options: Any = None) -> None:  # noqa: ANN401
        raise AssertionError(f"pyld's default loader was asked for {url}")

    monkeypatch.setattr(jsonld, "_default_document_loader", no_network)
    workbench, _ = reviewed
    reviews = json.loads(export(workbench, "claimreview"))
    expanded = jsonld.expand(reviews, {"documentLoader": local_loader})
    assert asked
    schema = "http://schema.org/"
    review = next(node for node in expanded if node[schema + "claimReviewed"][0]["@value"] == CLAIM)
    assert review["@type"] == [schema + "ClaimReview"]
    assert review[schema + "url"] == [{"@id": "https://comprobado.example/claims/1"}]
    rating = review[schema + "reviewRating"][0]
    assert rating["@type"] == [schema + "Rating"]
    assert rating[schema + "alternateName"] == [{"@value": "Engañoso"}]
    assert rating[schema + "ratingValue"] == [{"@value": 3}]
    assert review[schema + "author"][0]["@type"] == [schema + "Organization"]
    item = review[schema + "itemReviewed"][0]
    assert item["@type"] == [schema + "Claim"]
    assert {"@id": "https://news.example/kim-putin"} in item[schema + "appearance"][0][schema + "url"]
    assert review[schema + "citation"][0][STANCE] == [{"@value": "refutes"}]


# -- hostile text stays inert ---------------------------------------------------------------


def test_hostile_text_is_exact_in_json(hostile) -> None:
    workbench, ids = hostile
    document = json.loads(export(workbench, "json"))
    [article] = document["articles"]
    assert article["title"] == HOSTILE_TITLE
    assert [c["text"] for c in article["claims"]] == [HOSTILE, FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)"]
    assert article["claims"][0]["verdict"]["rationale"] == f"{FORMULA} {SCRIPT}"


def test_hostile_text_is_escaped_in_html(hostile) -> None:
    workbench, _ = hostile
    report = export(workbench, "html")
    page = Page(report)
    tags = {tag for tag, _ in page.tags}
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "article",
        "blockquote",
        "dl",
        "dt",
        "dd",
        "ul",
        "li",
        "a",
    }, tags
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    assert all(href.startswith("https://") for href in page.links()), page.links()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert fold(HOSTILE) in page.text  # shown, as text
    assert HOSTILE_TITLE in page.text and f"{FORMULA} {SCRIPT}" in page.text
    assert "javascript:alert(3)" in page.text  # the article's address is shown, not linked


def test_hostile_text_is_neutralised_in_csv(hostile, tmp_path: Path) -> None:
    workbench, ids = hostile
    out = tmp_path / "claims.csv"  # a file, since click's test runner folds CRLF in what it captures
    assert_ok(invoke("export", "--format", "csv", "--out", out, "--db", workbench.db_path))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert len(body) == 4 and all(len(row) == len(header) for row in body)
    cells = [dict(zip(header, row)) for row in body]
    assert [c["text"] for c in cells] == [
        "'" + HOSTILE if HOSTILE.startswith(FORMULA_STARTS) else HOSTILE,
        "'" + FORMULA,
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
    ]
    assert cells[0]["rationale"] == f"'{FORMULA} {SCRIPT}"
    assert cells[0]["reviewer"] == "'@reviewer"
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_hostile_text_is_escaped_in_markdown(hostile) -> None:
    workbench, _ = hostile
    report = export(workbench, "md")
    assert "<script" not in report.lower() and "<img" not in report.lower()
    assert "<javascript:" not in report  # never an autolink to a script
    readable = unescape_markdown(report)
    assert fold(HOSTILE) in readable and HOSTILE_TITLE in readable
    rendered = MarkdownIt("commonmark").render(report)  # what a Markdown viewer makes of it
    page = Page(rendered)
    assert not {tag for tag, _ in page.tags} & {"script", "img", "iframe"}
    assert all(href.startswith("https://") for href in page.links()), page.links()
    assert fold(HOSTILE) in page.text


def test_hostile_text_is_exact_in_claimreview(hostile) -> None:
    workbench, ids = hostile
    [review] = json.loads(export(workbench, "claimreview"))
    assert review["claimReviewed"] == " ".join(HOSTILE.split())  # every character, on one line
    assert review["reviewBody"] == f"{FORMULA} {SCRIPT}"
    assert "appearance" not in review["itemReviewed"]  # a javascript: address is no appearance


# -- scope -------------------------------------------------------------------------------------


@pytest.fixture
def months(tmp_path: Path) -> tuple[Workbench, list[list[int]]]:
    workbench = Workbench(tmp_path / "months.db", actor="tester")
    ids = [
        add_article(
            workbench,
            ["Rusia desplegó tropas en agosto.", "Kiev negó el ataque."],
            title="Agosto",
            published="2023-08-20",
        ),
        add_article(
            workbench,
            ["Kim llegó en tren blindado.", "Putin ofreció ayuda espacial."],
            title="Septiembre",
            published="2023-09-13",
        ),
        add_article(workbench, ["Un archivo sin fecha."], title="Sin fecha", published=None),
    ]
    workbench.add_verdict(ids[1][0], "True")
    return workbench, ids


def claim_ids(report: str) -> list[int]:
    return [c["id"] for a in json.loads(report)["articles"] for c in a["claims"]]


def test_date_range_selects_articles_by_publication(months) -> None:
    workbench, ids = months
    assert claim_ids(export(workbench, "json", "--from", "2023-09-01", "--to", "2023-09-30")) == ids[1]
    assert claim_ids(export(workbench, "json", "--to", "2023-08-31")) == ids[0]
    assert claim_ids(export(workbench, "json", "--from", "2023-08-21")) == ids[1]
    assert "# Verdict report" in export(workbench, "md", "--from", "2024-01-01")  # nothing in range: still a report


def test_status_and_article_select_claims(months) -> None:
    workbench, ids = months
    assert claim_ids(export(workbench, "json", "--status", "checked")) == [ids[1][0]]
    assert claim_ids(export(workbench, "json", "--status", "new", "--article", "2")) == [ids[1][1]]
    rows = list(csv.DictReader(io.StringIO(export(workbench, "csv", "--article", "1"), newline="")))
    assert [int(r["claim_id"]) for r in rows] == ids[0]


def test_cluster_report_holds_the_cluster(reviewed) -> None:
    workbench, ids = reviewed
    assert claim_ids(export(workbench, "json", "--cluster", str(ids["duplicate"]))) == [ids["claim"], ids["duplicate"]]
    assert claim_ids(export(workbench, "json", "--cluster", str(ids["putin"]))) == [ids["putin"]]
    report = unescape_markdown(export(workbench, "md", "--cluster", str(ids["claim"])))
    assert f"Scope: duplicate cluster of claim {ids['claim']}" in report


# -- bad input: one sentence, exit 4, nothing written, database unchanged -------------------------


def refused(db: Path, *args: str, code: int = INVALID) -> str:
    before = file_digest(db)
    message = assert_clean_failure(invoke(*args, "--db", db), code)
    assert file_digest(db) == before
    return message


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--format", "pdf"), id="unknown-format"),
        pytest.param(("--format", "md", "--from", "13/09/2023"), id="date-not-iso"),
        pytest.param(("--format", "md", "--to", "20230913"), id="date-basic-iso"),
        pytest.param(("--format", "md", "--from", "2023-09-30", "--to", "2023-09-01"), id="range-backwards"),
        pytest.param(("--format", "csv", "--status", "done"), id="unknown-status"),
    ],
)
def test_export_refuses(reviewed, tmp_path: Path, args: tuple[str, ...]) -> None:
    workbench, _ = reviewed
    out = tmp_path / "report.out"
    refused(workbench.db_path, "export", *args, "--out", str(out))
    assert not out.exists()


def test_export_of_an_unknown_cluster_is_not_found(reviewed) -> None:
    workbench, _ = reviewed
    refused(workbench.db_path, "export", "--cluster", "999", code=3)


@pytest.mark.parametrize("fmt", FORMATS)
def test_out_that_exists_is_refused_without_force(reviewed, tmp_path: Path, fmt: str) -> None:
    workbench, _ = reviewed
    out = write(tmp_path / f"report.{fmt}", "earlier work")
    message = refused(workbench.db_path, "export", "--format", fmt, "--out", str(out))
    assert "--force" in message
    assert out.read_text(encoding="utf-8") == "earlier work"


def test_force_replaces_the_out_file(reviewed, tmp_path: Path) -> None:
    workbench, _ = reviewed
    out = write(tmp_path / "report.html", "earlier work")
    assert_ok(invoke("export", "--format", "html", "--out", out, "--force", "--db", workbench.db_path))
    assert out.read_text(encoding="utf-8") == export(workbench, "html")
    assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == ["report.html"]


def test_out_in_a_missing_folder_is_refused(reviewed, tmp_path: Path) -> None:
    workbench, _ = reviewed
    out = tmp_path / "missing" / "report.csv"
    refused(workbench.db_path, "export", "--format", "csv", "--out", str(out), "--force")
    assert not out.parent.exists()


def test_out_onto_the_database_is_refused(reviewed) -> None:
    workbench, _ = reviewed
    refused(workbench.db_path, "export", "--format", "json", "--out", str(workbench.db_path), "--force")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("{not json", "is not JSON", id="not-json"),
        pytest.param("", "is empty", id="empty"),
        pytest.param(
            '{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://x.example/1"}',
            "no ClaimReview with a claimReviewed",
            id="no-claimReviewed",
        ),
        pytest.param('[{"@type": "WebPage", "name": "x"}]', "no ClaimReview with a claimReviewed", id="no-review"),
        pytest.param('"ClaimReview"', "no ClaimReview with a claimReviewed", id="json-string"),
    ],
)
def test_import_refuses_a_bad_claimreview_file(reviewed, tmp_path: Path, content: str, words: str) -> None:
    workbench, _ = reviewed
    path = write(tmp_path / "reviews.json", content)
    assert words in refused(workbench.db_path, "import", str(path), "--format", "claimreview")


def test_refused_import_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    path = write(tmp_path / "reviews.json", "{not json")
    assert_clean_failure(invoke("import", path, "--format", "claimreview", "--db", db), INVALID)
    assert not db.exists()


# -- reading ClaimReview and mapping foreign ratings -------------------------------------------------


def one_review(rating: dict[str, Any], **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Kim llegó en tren.",
        "reviewRating": {"@type": "Rating", **rating},
        **extra,
    }


@pytest.mark.parametrize(
    ("label", "rating"),
    [
        ("Engañoso", "Misleading"),
        ("Falso", "False"),
        ("Pants on Fire!", "False"),
        ("Verdadero", "True"),
        ("Mostly False", "Mostly false"),
        ("BULO", "False"),
        ("Verdad a medias", "Half true"),
        ("Missing context", "Misleading"),
        ("sin evidencias", "Unverifiable"),
        ("enganoso", "Misleading"),
        ("Engañosa", "Misleading"),
        ("Verdadero, pero", "Mostly true"),
        ("¡Falso!", "False"),
    ],
)
def test_foreign_labels_map_onto_the_scale(label: str, rating: str) -> None:
    [row], problems = read_claimreview(json.dumps(one_review({"alternateName": label})), "f", Settings())
    assert (row.rating, problems) == (rating, [])


def test_an_unknown_label_is_read_by_its_value_or_kept_without_a_verdict() -> None:
    reviews = [
        one_review({"alternateName": "Zombie claim", "ratingValue": 2, "bestRating": 5, "worstRating": 1}),
        one_review({"alternateName": "Zombie claim"}),
        one_review({"ratingValue": "5"}),
    ]
    rows, problems = read_claimreview(json.dumps(reviews), "f", Settings())
    assert [row.rating for row in rows] == ["Mostly false", None, "True"]
    assert problems[0].startswith("review 1: rating 'Zombie claim' is not in rating_aliases; read as 'Mostly false'")
    assert problems[1].startswith("review 2: rating 'Zombie claim' is not on the scale")


def test_graph_lists_and_references_are_followed() -> None:
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "#org", "@type": "Organization", "name": "Maldita.es"},
            {
                "@type": "schema:ClaimReview",
                "schema:claimReviewed": "Rusia  envió\n tropas.",
                "url": "https://maldita.example/r/1",
                "author": {"@id": "#org"},
                "inLanguage": "es-ES",
                "datePublished": "2023-09-15",
                "reviewRating": {"alternateName": "Bulo"},
                "itemReviewed": {
                    "@type": "Claim",
                    "author": "Telegram",
                    "datePublished": "2023-09-14T08:00:00Z",
                    "appearance": [{"url": "https://t.example/post/1"}, "https://t.example/post/2"],
                },
            },
        ],
    }
    [row], problems = read_claimreview(json.dumps(document), "f", Settings())
    assert problems == []
    assert (row.text, row.claimant, row.date, row.language) == ("Rusia envió tropas.", "Telegram", "2023-09-14", "es")
    assert (row.rating, row.reviewer, row.reviewed_at) == ("False", "Maldita.es", "2023-09-15T00:00:00+00:00")
    assert row.rationale == "Maldita.es rated it 'Bulo'."
    assert row.url == "https://t.example/post/1"
    assert [(s.url, s.title, s.publisher) for s in row.sources] == [
        ("https://maldita.example/r/1", "Maldita.es: Bulo", "Maldita.es"),
        ("https://t.example/post/2", None, None),
    ]


def test_reviews_without_claimreviewed_are_left_out_with_a_warning() -> None:
    reviews = [one_review({"alternateName": "Falso"}), {"@type": "ClaimReview", "reviewRating": {"alternateName": "x"}}]
    rows, problems = read_claimreview(json.dumps(reviews), "f", Settings())
    assert len(rows) == 1 and problems == ["review 2: no claimReviewed; left out"]


# -- settings ----------------------------------------------------------------------------------------


SETTINGS = """
[organization]
name = "Verifica"
url = "https://verifica.example"
review_url = "https://verifica.example/chequeos/{claim}"

[[ratings]]
en = "Correct"
es = "Correcto"
value = 3

[[ratings]]
en = "Wrong"
es = "Incorrecto"
value = 1

[[ratings]]
en = "No evidence"
es = "Sin pruebas"

[rating_aliases]
"Pants on Fire" = "wrong"
"Engañoso" = "Incorrecto"
"""


def test_the_default_scale_is_the_design_scale() -> None:
    settings = Settings()
    assert settings.ratings == (
        "True",
        "Mostly true",
        "Half true",
        "Misleading",
        "Mostly false",
        "False",
        "Unverifiable",
    )
    assert DEFAULT_SCALE[-1].value is None and all(r.value is not None for r in DEFAULT_SCALE[:-1])
    assert [settings.rating(v) for v in ("mostly TRUE", "FALSO", "engañoso", "Inverificable")] == [
        "Mostly true",
        "False",
        "Misleading",
        "Unverifiable",
    ]
    with pytest.raises(InvalidInput):
        settings.rating("Pants on Fire")  # a foreign label is for imports, not for a reviewer's verdict


def test_a_settings_file_sets_scale_aliases_and_organisation(reviewed, tmp_path: Path) -> None:
    workbench, ids = reviewed
    env = {"WORKBENCH_SETTINGS": str(write(tmp_path / "settings.toml", SETTINGS))}
    assert_ok(invoke("verdict", str(ids["putin"]), "incorrecto", "--db", workbench.db_path, env=env))
    assert_clean_failure(invoke("verdict", str(ids["putin"]), "True", "--db", workbench.db_path, env=env), INVALID)
    reviews = json.loads(invoke("export", "--format", "claimreview", "--db", workbench.db_path, env=env).stdout)
    putin = next(r for r in reviews if r["claimReviewed"].startswith("Putin"))
    assert putin["url"] == f"https://verifica.example/chequeos/{ids['putin']}"
    assert putin["author"]["name"] == "Verifica"
    assert putin["reviewRating"] == {
        "@type": "Rating",
        "name": "Incorrecto",
        "alternateName": "Incorrecto",
        "ratingValue": 1,
        "bestRating": 3,
        "worstRating": 1,
    }
    settings = load_settings(tmp_path / "settings.toml")
    assert [settings.foreign_rating(x) for x in ("pants on fire", "Engañoso", "Falso", "Bulo")] == [
        "Wrong",
        "Wrong",
        None,
        None,
    ]  # default aliases only where their target is on this scale


def test_workbench_toml_in_the_working_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path / "workbench.toml", '[organization]\nname = "Local"\n')
    assert load_settings().organization.name == "Local"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("[ratings\n", id="not-toml"),
        pytest.param('[[ratings]]\nes = "Falso"\n', id="rating-without-en"),
        pytest.param('[[ratings]]\nen = "True"\nvalue = "high"\n', id="value-not-number"),
        pytest.param('[[ratings]]\nen = "True"\n[[ratings]]\nen = "true"\n', id="duplicate-label"),
        pytest.param('[rating_aliases]\n"Bulo" = "Hoax"\n', id="alias-off-scale"),
        pytest.param('[organization]\nurl = "verifica.example"\n', id="url-not-web"),
        pytest.param('[organization]\nreview_url = "https://v.example/{id}"\n', id="unknown-placeholder"),
        pytest.param("[raitings]\n", id="unknown-section"),
    ],
)
def test_a_bad_settings_file_is_refused(reviewed, tmp_path: Path, content: str) -> None:
    workbench, _ = reviewed
    env = {"WORKBENCH_SETTINGS": str(write(tmp_path / "settings.toml", content))}
    before = file_digest(workbench.db_path)
    message = assert_clean_failure(invoke("export", "--format", "md", "--db", workbench.db_path, env=env), INVALID)
    assert "settings.toml" in message
    assert file_digest(workbench.db_path) == before


def test_a_missing_settings_file_is_not_found(reviewed, tmp_path: Path) -> None:
    workbench, _ = reviewed
    env = {"WORKBENCH_SETTINGS": str(tmp_path / "nowhere.toml")}
    assert_clean_failure(invoke("claims", "--db", workbench.db_path, env=env), 3)


# -- the round trip: export ClaimReview, import it elsewhere ------------------------------------------


def review_state(workbench: Workbench) -> dict[str, tuple[list[tuple[str, ...]], list[dict[str, Any]]]]:
    """Reviewed claims by folded text: their verdict history and sources."""
    document = json.loads(workbench.export("json"))
    return {
        fold(c["text"]): ([tuple(v.values()) for v in c["verdict_history"]], c["sources"])
        for a in document["articles"]
        for c in a["claims"]
        if c["verdict"]
    }


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["reviewed", "hostile"])
def test_export_then_import_round_trips_claims_verdicts_and_sources(fixture: str, request, tmp_path: Path) -> None:
    workbench, _ = request.getfixturevalue(fixture)
    out = tmp_path / "reviews.jsonld"
    assert_ok(invoke("export", "--format", "claimreview", "--out", out, "--db", workbench.db_path))
    target = tmp_path / "elsewhere.db"
    result = invoke("import", out, "--format", "claimreview", "--db", target)
    assert_ok(result)
    assert result.stderr == ""  # no review needed a warning
    before, after = review_state(workbench), review_state(Workbench(target))
    assert set(after) == set(before)
    for text, (history, sources) in before.items():
        imported_history, imported_sources = after[text]
        assert imported_history == history[-1:]  # the latest verdict: rating, rationale, reviewer and time
        web = [s for s in sources if s["url"].startswith("https://")]
        assert all(source in imported_sources for source in web), (web, imported_sources)
        assert any(s["url"].startswith("https://comprobado.example/claims/") for s in imported_sources)
    again = invoke("import", out, "--format", "claimreview", "--db", target)
    assert_ok(again)
    assert again.stdout.startswith("Already imported as article 1")


@pytest.mark.slow
def test_imported_reviews_are_matched_against_earlier_claims(seeded: Workbench, tmp_path: Path) -> None:
    text = "Kim Jong-un aseguró a Vladimir Putin que Rusia logrará una gran victoria contra sus enemigos."
    path = write(
        tmp_path / "maldita.json",
        json.dumps(
            [
                one_review(
                    {"alternateName": "Engañoso"},
                    claimReviewed=text,
                    url="https://maldita.example/kim",
                    inLanguage="es",
                )
            ]
        ),
    )
    result = invoke("import", path, "--format", "claimreview", "--db", seeded.db_path)
    assert_ok(result)
    assert "(1 claims, 1 matching earlier claims)" in result.stdout
    [imported] = [c for c in seeded.claims() if c.text == text]
    assert imported.rating == "Misleading"
    assert seeded.sources(imported.id)[0]["url"] == "https://maldita.example/kim"
    assert seeded.match(text, limit=3)  # and found again like any other claim


def test_the_readme_settings_example_loads_and_is_the_default_scale() -> None:
    import tomllib

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S).group(1)
    settings = settings_from_dict(tomllib.loads(example), "README.md")
    assert settings.scale == DEFAULT_SCALE
    assert settings.organization.review_link(12, 3) == "https://verificacion.example/chequeos/12"


# -- the headless path stays light -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "csv", "claimreview"])
def test_exports_load_nothing_heavy(reviewed, tmp_path: Path, fmt: str) -> None:
    from tests.test_import_hygiene import cli_report

    workbench, _ = reviewed
    report = cli_report(["export", "--format", fmt, "--db", str(workbench.db_path)], tmp_path)
    assert report == {"exit": 0, "leaked": []}


def test_markdown_escapes_only_what_would_become_markup() -> None:
    from workbench.export.markdown import escape

    assert escape("Kim Jong-un llegó el 2023-09-13 (hora local) a Vostochni!") == (
        "Kim Jong-un llegó el 2023-09-13 (hora local) a Vostochni!"
    )
    rendered = MarkdownIt("commonmark").render(escape("# 1. *a* [b](c) `d` <e> - f"))
    assert rendered == "<p># 1. *a* [b](c) `d` &lt;e&gt; - f</p>\n"


def test_claimreview_is_refused_until_the_publisher_is_named(reviewed, tmp_path: Path) -> None:
    workbench, _ = reviewed
    (tmp_path / "workbench.toml").unlink()
    message = assert_clean_failure(invoke("export", "--format", "claimreview", "--db", workbench.db_path), INVALID)
    assert "[organization]" in message


def test_a_long_claim_reviewed_is_exported_with_a_warning(reviewed) -> None:
    workbench, ids = reviewed
    assert len(CLAIM) > 75
    result = invoke("export", "--format", "claimreview", "--db", workbench.db_path)
    assert_ok(result)
    assert CLAIM in result.stdout  # written whole: a fact-checker shortens it, not the exporter
    assert result.stderr.startswith("Warning: 1 of 2 reviews have a claimReviewed longer than 75 characters")
    assert f"comprobado.example/claims/{ids['claim']})" in result.stderr


def test_reports_put_reviewed_claims_first_and_count_the_rest(reviewed) -> None:
    workbench, ids = reviewed
    [unreviewed] = add_article(workbench, ["Rusia enviará cohetes a Corea del Norte."], url="https://news.example/c")
    report = unescape_markdown(export(workbench, "md"))
    assert f"### Claim {unreviewed}:" not in report
    assert f"Not reviewed yet: claims {unreviewed} (export with --unreviewed to list them)." in report
    listed = unescape_markdown(export(workbench, "md", "--unreviewed"))
    assert listed.index(f"### Claim {ids['claim']}:") < listed.index("### Not reviewed yet")
    assert listed.index("### Not reviewed yet") < listed.index(f"### Claim {unreviewed}:")
    page = export(workbench, "html", "--unreviewed")
    assert page.index(f'id="claim-{ids["claim"]}"') < page.index(f'id="claim-{unreviewed}"')
    assert "0 of 1 claims reviewed." in page


def test_html_prints_an_address_once(reviewed) -> None:
    workbench, _ = reviewed
    page = export(workbench, "html")
    assert '<a class="url" href="https://news.example/kim-putin"' in page  # its text is the address
    assert "a.url::after { content: none; }" in page

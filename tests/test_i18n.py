"""The interface in Spanish or English (issue 17): catalogs current and complete, the language chosen
as documented, vocabularies read in both languages, and the CLI and reports in Spanish."""

from __future__ import annotations

import gettext
import io
import json
from pathlib import Path

import pytest

from tests.helpers import assert_ok, invoke
from workbench import i18n
from workbench.config import CLAIM_KINDS, CLAIM_STATUSES, LINK_RELATIONS, STANCES, settings_from_dict
from workbench.errors import InvalidInput
from workbench.service import Workbench

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "workbench" / "locale"
KEYWORDS = {"_": None, "N_": None, "NP_": ((1, "c"), 2), "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
"""The keywords of `make catalogs` (Makefile KEYWORDS), in Babel's form."""


def extracted() -> set[tuple[str | None, str]]:
    """Every message the code and the report template mark now: (context, singular)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(ROOT, method_map, options_map, keywords=KEYWORDS):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def spanish_catalog():
    from babel.messages.pofile import read_po

    with open(LOCALE / "es" / "LC_MESSAGES" / "workbench.po", "rb") as po:
        return read_po(po, locale="es")


def test_every_marked_message_has_a_spanish_translation():
    catalog = spanish_catalog()
    translated = {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalog
        if m.id and "fuzzy" not in m.flags and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(extracted() - translated, key=str)
    assert missing == [], f"untranslated (run `make catalogs`, then translate the .po): {missing}"


def test_the_committed_mo_is_the_po_compiled():
    """The .mo the package ships says what its .po says: edit the .po, then `make catalogs`."""
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, spanish_catalog())
    compiled.seek(0)
    with open(LOCALE / "es" / "LC_MESSAGES" / "workbench.mo", "rb") as mo:
        committed = gettext.GNUTranslations(mo)
    assert committed._catalog == gettext.GNUTranslations(compiled)._catalog


def test_every_vocabulary_value_has_its_own_spanish_label():
    for vocabulary, values in (
        ("stance", STANCES),
        ("status", CLAIM_STATUSES),
        ("kind", CLAIM_KINDS),
        ("relation", LINK_RELATIONS),
    ):
        assert i18n.VOCABULARIES[vocabulary] == values
        english = [i18n.vocabulary_label(vocabulary, value, "en") for value in values]
        spanish = [i18n.vocabulary_label(vocabulary, value, "es") for value in values]
        assert english == list(values)  # English shows what is stored
        assert all(s != v for s, v in zip(spanish, values)), (vocabulary, spanish)
        assert len(set(spanish)) == len(values)  # two values never read alike


class Stance:
    """A stand-in for the domain enums another branch adds: labels are keyed by `.value`."""

    value = "refutes"


@pytest.mark.parametrize(
    ("vocabulary", "typed", "stored"),
    [
        ("status", "EN REVISION", "in_review"),
        ("status", "in review", "in_review"),
        ("status", "Verificada", "checked"),
        ("stance", "Refuta", "refutes"),
        ("stance", "RESPALDA", "supports"),
        ("kind", "predicción", "prediction"),
        ("kind", "PREDICCION", "prediction"),
        ("kind", "cifra", "quantity"),
        ("relation", "casi igual", "near-miss"),
        ("relation", "near miss", "near-miss"),
        ("relation", "Duplicate", "duplicate"),
    ],
)
def test_a_vocabulary_is_read_in_either_language_ignoring_case_and_accents(vocabulary, typed, stored):
    assert i18n.vocabulary_value(vocabulary, typed) == stored


def test_labels_are_keyed_by_the_stored_value_so_enums_work_too():
    assert i18n.vocabulary_label("stance", Stance(), "es") == "refuta"


def test_a_word_of_no_vocabulary_is_refused_in_the_interface_language():
    with pytest.raises(InvalidInput, match=r"^Status 'rumour' is not one of new, in_review, checked\.$"):
        i18n.vocabulary_value("status", "rumour")
    i18n.set_language("es")
    with pytest.raises(
        InvalidInput, match=r"^Estado 'rumour' no es ninguno de estos: nueva, en revisión, verificada\.$"
    ):
        i18n.vocabulary_value("status", "rumour")


def test_the_language_is_the_option_then_the_settings_then_the_locale_then_english(monkeypatch):
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.resolve_language() == "es"
    assert i18n.resolve_language(configured="en") == "en"
    assert i18n.resolve_language("es", configured="en") == "es"
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL outranks LANG, and C asks for no language of ours
    assert i18n.resolve_language() == "en"
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.resolve_language() == "es"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # a language the workbench has no words for
    assert i18n.resolve_language() == "en"
    with pytest.raises(InvalidInput, match="'fr' is not an interface language"):
        i18n.resolve_language("fr")


def test_the_settings_file_names_the_language():
    assert settings_from_dict({"language": "es"}, "w.toml").language == "es"
    assert settings_from_dict({}, "w.toml").language is None
    with pytest.raises(InvalidInput, match='language must be "es" or "en"'):
        settings_from_dict({"language": "spanish"}, "w.toml")


def test_dates_for_people_are_in_the_locale_and_the_local_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    try:
        assert i18n.format_moment("2023-09-13T18:00:00+00:00", "es") == "13 sept 2023, 20:00"
        assert i18n.format_day("2023-09-13", "es") == "13 sept 2023"
        assert i18n.format_day("not a day", "es") == "not a day"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_times_in_the_tui_are_an_age_today_and_a_day_and_time_before_in_either_language():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    now = datetime.fromisoformat("2023-09-14T09:35:00+00:00")
    i18n.set_clock(lambda: now, ZoneInfo("Europe/Madrid"))
    try:
        assert i18n.format_when("2023-09-14T09:30:00+00:00", "es") == "hace 5 min"
        assert i18n.format_when("2023-09-14T09:30:00+00:00", "en") == "5 min. ago"
        assert i18n.format_when("2023-09-13T12:35:00+00:00", "es") == "hace 21 h"
        assert i18n.format_when("2023-09-12T18:00:00+00:00", "es") == "12 sept 2023, 20:00"  # Madrid's time
        assert i18n.format_when("2023-09-12T18:00:00+00:00", "en") == "Sep 12, 2023, 8:00\u202fPM"
        assert i18n.format_when("2023-09-14T10:00:00+00:00", "es") == "14 sept 2023, 12:00"  # ahead of the clock
        assert i18n.format_when("yesterday", "es") == "yesterday"
    finally:
        i18n.set_clock()


# -- the CLI ------------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbench:
    """A database with one Spanish article of two claims, one checked, and no settings file."""
    from tests.test_reports import add_article

    monkeypatch.delenv("WORKBENCH_SETTINGS", raising=False)
    monkeypatch.chdir(tmp_path)
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    ids = add_article(workbench, ["Corea del Norte lanzó dos misiles.", "Seúl contó un solo misil."])
    workbench.add_verdict(ids[0], "mostly false", "Tokio contó dos.", reviewer="ana")
    workbench.add_source(ids[0], "https://www.mod.go.jp/", stance="refutes", title="MoD")
    return workbench


def test_the_cli_speaks_spanish_and_reads_spanish_words(small: Workbench, tmp_path: Path):
    (tmp_path / "workbench.toml").write_text('language = "es"\n', encoding="utf-8")
    listed = invoke("claims", "--db", small.db_path, "--status", "Verificada")
    assert_ok(listed)
    [line] = listed.stdout.splitlines()
    assert "dicho" in line and "Mayormente falso" in line and "Corea del Norte" in line
    refused = invoke("claims", "--db", small.db_path, "--kind", "rumor")
    assert refused.exit_code == 4
    assert refused.stderr.startswith("Error: Tipo 'rumor' no es ninguno de estos: hecho, cifra, dicho,")
    english = invoke("--language", "en", "claims", "--db", small.db_path, "--status", "checked")
    assert "statement" in english.stdout and "Mostly false" in english.stdout


def test_json_output_is_the_same_in_either_language(small: Workbench, tmp_path: Path):
    outputs = [
        invoke("--language", language, "claims", "--db", small.db_path, "--json").stdout for language in ("en", "es")
    ]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])[0]["status"] == "checked"


# -- reports ------------------------------------------------------------------------


def test_a_spanish_article_gets_a_spanish_report(small: Workbench, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(i18n.REPORT_LANGUAGE_VARIABLE)
    markdown = invoke("export", "--db", small.db_path, "--format", "md")
    assert_ok(markdown)
    text = markdown.stdout
    assert text.startswith("# Informe de veredictos")
    assert "1 de 2 afirmaciones revisadas." in text
    assert "| Mayormente falso | 1 |" in text and "| Sin revisar | 1 |" in text
    assert "fuente (refuta): MoD" in text and "13 sept 2023" in text
    assert "Verdict" not in text and "Mostly" not in text and "claims reviewed" not in text
    scoped = invoke("export", "--db", small.db_path, "--format", "md", "--status", "Verificada").stdout
    assert "Alcance: estado verificada" in scoped and "1 de 1 afirmaciones revisadas." in scoped

    html = invoke("export", "--db", small.db_path, "--format", "html")
    assert_ok(html)
    page = html.stdout
    assert '<html lang="es">' in page
    assert "<h1>Informe de veredictos</h1>" in page and "Mayormente falso" in page and ">refuta<" in page
    assert "Verdict" not in page and "Sources" not in page

    asked = invoke("export", "--db", small.db_path, "--format", "html", "--language", "en").stdout
    assert '<html lang="en">' in asked and "<h1>Verdict report</h1>" in asked
    assert '<section class="article" id="article-1" lang="es">' in asked  # the article's own text stays Spanish


def test_an_english_article_gets_an_english_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.test_reports import add_article

    monkeypatch.delenv(i18n.REPORT_LANGUAGE_VARIABLE)
    workbench = Workbench(tmp_path / "claims.db", actor="tester")
    add_article(workbench, ["North Korea fired two missiles."], language="en")
    page = invoke(
        "--language", "es", "export", "--db", workbench.db_path, "--format", "html"
    ).stdout  # not the interface's
    assert '<html lang="en">' in page and "Verdict report" in page


# -- the CLI's help -----------------------------------------------------------------


def _commands(command, path=()):
    import click

    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


def test_every_help_text_of_the_cli_is_extracted_for_the_translator():
    """An f-string help or a command without a docstring would stay English: the extractor must
    see every command's help and every option's, as click shows them."""
    import inspect

    from tests.test_cli_spanish import _click_catalog
    from workbench.cli import cli

    ids = {message for _context, message in extracted()}
    ids |= {m.id for m in _click_catalog() if isinstance(m.id, str)}  # --version: click's own words
    for path, command in _commands(cli):
        assert command.help and inspect.cleandoc(command.help) in ids, path
        for param in command.params:
            text = getattr(param, "help", None)
            assert not text or text in ids, (path, param.name)


def test_help_speaks_the_interface_language_from_the_option_the_settings_or_the_locale(tmp_path: Path):
    spanish = invoke("--language", "es", "export", "--help")
    assert_ok(spanish)
    for words in ("Uso: ", "Opciones:", "Exporta informes de veredictos", "Escribe en este archivo"):
        assert words in spanish.stdout, words
    assert "Muestra este mensaje y termina." in spanish.stdout
    assert "Write to this file" not in spanish.stdout and "Show this message" not in spanish.stdout
    group = invoke("--help", env={"LANG": "es_ES.UTF-8"})  # answered before the group's callback runs
    assert_ok(group)
    assert "Órdenes:" in group.stdout and "Códigos de salida:" in group.stdout
    assert "Importa artículos desde archivos" in group.stdout
    settings = tmp_path / "workbench.toml"
    settings.write_text('language = "es"\n', encoding="utf-8")
    configured = invoke("link", "--help", env={"WORKBENCH_SETTINGS": str(settings)})
    assert "La decisión de quien revisa" in configured.stdout
    english = invoke("export", "--help")
    assert "Usage: " in english.stdout and "Write to this file" in english.stdout
    assert "Escribe" not in english.stdout


# -- the core's sentences -------------------------------------------------------------


def test_the_core_s_english_sentences_are_said_in_spanish_with_their_values():
    assert (
        i18n.translate_error("There is no claim with id 42.", "es") == "No hay ninguna afirmación con id 42."
    )  # an f-string's template, its value put back
    assert (
        i18n.translate_error("Unknown export format 'pdf'; use one of: json, md.", "es")
        == "Formato de exportación desconocido 'pdf'; usa uno de: json, md."
    )
    assert i18n.translate_error("The search query is empty.", "es") == "La búsqueda está vacía."  # a constant
    assert i18n.translate_error("Standard input is empty.", "es") == "La entrada estándar no tiene contenido."
    assert i18n.translate_error("There is no claim with id 42.", "en") == "There is no claim with id 42."
    assert i18n.translate_error("Something nobody wrote.", "es") == "Something nobody wrote."


def test_a_refusal_is_one_spanish_sentence_on_stderr_and_json_stays_neutral(small: Workbench):
    from tests.helpers import assert_clean_failure

    refused = invoke("--language", "es", "export", "--format", "pdf", "--db", small.db_path)
    line = assert_clean_failure(refused, 4)
    assert line.startswith("Error: Formato de exportación desconocido 'pdf'")
    missing = invoke("--language", "es", "claims", "--article", "999", "--db", small.db_path)
    assert "999" in missing.stderr and "There is no" not in missing.stderr
    spanish = invoke("--language", "es", "claims", "--json", "--db", small.db_path)
    english = invoke("claims", "--json", "--db", small.db_path)
    assert_ok(spanish)
    assert spanish.stdout == english.stdout


def test_stored_reasons_are_read_in_spanish_with_their_numbers_and_details():
    assert i18n.translate_reason("+0.42 names a figure (2 misil)", "es") == "+0.42 nombra una cifra (2 misil)"
    assert i18n.translate_reason("+0.20 compares (more, less, record)", "es") == "+0.20 compara (más, menos, récord)"
    assert (
        i18n.translate_reason("-0.31 wording typical of what they skip: “dijo que”", "es")
        == "-0.31 redacción típica de lo que no se verifica: “dijo que”"
    )
    assert i18n.translate_reason("alike 0.83", "es") == "parecido 0.83"
    assert i18n.translate_reason("dates differ: 13 sep / 14 sep: another event", "es") == (
        "las fechas difieren: 13 sep / 14 sep: otro suceso"
    )
    assert i18n.translate_reason("alike 0.83", "en") == "alike 0.83"
    assert i18n.translate_reason("a phrase nobody wrote", "es") == "a phrase nobody wrote"


def test_every_signal_the_extraction_gives_as_a_reason_is_marked_for_the_translator():
    from workbench.nlp.checkworthiness import RESEMBLES, RESEMBLES_NOT, SIGNALS

    assert set(SIGNALS.values()) | {RESEMBLES, RESEMBLES_NOT} <= set(i18n._REASONS)


def test_the_reasons_of_a_real_claim_read_in_spanish(seeded: Workbench):
    reasons = [reason for claim in seeded.claims() for reason in claim.reasons]
    assert reasons
    spanish = [i18n.translate_reason(reason, "es") for reason in reasons]
    assert sum(a != b for a, b in zip(reasons, spanish)) == len(reasons)  # every one has its Spanish words

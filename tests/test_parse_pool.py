"""A long article parsed in two processes gives the claims one process gives, offsets and all
(issue 15: a 1 MB article's parse is most of its import)."""

from __future__ import annotations

import threading

import pytest

import workbench.nlp.extract as extract
import workbench.nlp.parse_pool as parse_pool
from workbench.nlp.extract import extract_claims

PARAGRAPHS = [
    "El alcalde de Tarifa dijo que llegaron {n} pateras al puerto durante la noche del martes.",
    "Según la Guardia Civil, en las embarcaciones viajaban {n} personas, entre ellas {m} menores.",
    "«No tenemos sitio para todos», afirmó la concejala de Servicios Sociales, que pidió {n} camas más.",
    "El Gobierno anunció el miércoles que enviará {m} agentes a la comarca antes del {n} de julio.",
]
TEXT = "\n".join(p.format(n=10 + k, m=2 + k) for k in range(6) for p in PARAGRAPHS)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pieces of a few paragraphs and a low threshold, so a short text takes the long path; returns
    how many texts this process parsed itself, call by call."""
    monkeypatch.setattr(extract, "PIECE_CHARS", 400)
    monkeypatch.setattr(extract, "PARALLEL_CHARS", 1000)
    monkeypatch.setattr(parse_pool, "PARALLEL_CHARS", 1000)
    parsed_here: list[int] = []
    original = parse_pool._parse

    def counting(nlp, texts, disable, batch_size):  # noqa: ANN001, ANN202
        parsed_here.append(len(texts))
        return original(nlp, texts, disable, batch_size)

    monkeypatch.setattr(parse_pool, "_parse", counting)
    return parsed_here


def _one_process(monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(parse_pool, "_cores", lambda: 1)
        return extract_claims(TEXT, "es", "2024-07-02")


def test_two_processes_find_the_claims_one_finds(small_pieces: list[int], monkeypatch: pytest.MonkeyPatch):
    pieces = len(extract.pieces_of(extract.normalize(TEXT)))
    assert pieces >= 4
    alone = _one_process(monkeypatch)
    assert small_pieces == [pieces]
    small_pieces.clear()
    together = extract_claims(TEXT, "es", "2024-07-02")
    assert 0 < small_pieces[0] < pieces and sum(small_pieces) == small_pieces[0]  # the child parsed the rest
    assert together == alone and len(alone) >= 24
    assert all(TEXT[c.start : c.end] in c.text for c in together)


@pytest.mark.slow
def test_beside_other_threads_the_second_process_is_a_fresh_one(
    small_pieces: list[int], monkeypatch: pytest.MonkeyPatch
):
    """The TUI imports in a worker thread: forking then is unsafe, so the child is spawned and
    loads the model itself; the claims are the same."""
    alone = _one_process(monkeypatch)
    small_pieces.clear()
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        together = extract_claims(TEXT, "es", "2024-07-02")
    finally:
        done.set()
        other.join()
    pieces = len(extract.pieces_of(extract.normalize(TEXT)))
    assert len(small_pieces) == 1 and 0 < small_pieces[0] < pieces  # the child parsed the rest
    assert together == alone

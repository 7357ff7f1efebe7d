"""The bundled embedding model: real vectors, normalised, closer across languages for the same claim."""

from __future__ import annotations

import numpy as np

from workbench.matching.embedding import default_embedder


def test_the_same_claim_in_spanish_and_english_is_closer_than_another_claim():
    embedder = default_embedder()
    assert embedder is not None
    rows = embedder.passages(
        [
            "El ministro anunció la subida de los impuestos a la gasolina.",
            "The minister announced a rise in petrol taxes.",
            "La selección ganó el partido por tres goles a cero.",
        ]
    )
    assert rows.shape == (3, embedder.dim) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
    assert embedder.queries(["subida de impuestos"]).shape == (1, embedder.dim)


def test_a_batch_of_queries_embedded_side_by_side_gives_each_query_its_own_row():
    """`match -` splits many queries between threads (E5Embedder.QUERY_THREADS): each row is the
    one the query gets alone, in the queries' order, an odd count included."""
    from workbench.matching.embedding import E5Embedder

    embedder = default_embedder()
    assert isinstance(embedder, E5Embedder)
    texts = [f"El ayuntamiento cerró {n} escuelas por la tormenta del martes" for n in range(3, 14)]
    texts[4] = "The council shut the schools because of the storm"
    assert len(texts) >= E5Embedder.SIDE_BY_SIDE_FROM and len(texts) % 2
    rows = embedder.queries(texts)
    alone = np.stack([embedder.queries([text])[0] for text in texts])
    assert rows.shape == (len(texts), embedder.dim)
    assert np.array_equal(rows, alone)

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

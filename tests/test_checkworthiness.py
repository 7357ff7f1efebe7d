"""The learned check-worthiness model: what ships, what it decides, and retraining it.

Texts here are written for these tests (not CheckThat! tweets, not gold sentences)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.helpers import assert_clean_failure, assert_ok, invoke, write
from workbench.config import load_settings
from workbench.nlp.checkworthiness import SHIPPED_MODEL, SIGNALS, grams, load_model
from workbench.store.migrations import migrations

FIGURES = "El Gobierno gastó 3.400 millones de euros en 2022, un 40% más que el año anterior."
GREETING = "Buenos días a todos y muchas gracias por venir esta mañana."
OPINION = "Creo que es una vergüenza histórica lo que hace este Gobierno."


def test_the_shipped_model_is_plain_json_and_loads() -> None:
    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))
    assert data["format"] == "workbench-checkworthiness/1"
    model = load_model()
    for decision in (model.checkable, model.checkworthy):
        assert set(decision.signal_weights) <= set(SIGNALS)
        assert len(decision.gram_weights) > 1000
        assert 0 < decision.threshold < 1
    assert SHIPPED_MODEL.stat().st_size < 5_000_000
    # Articles have a scale and a threshold of their own, fitted on marked stories (most of their claims are marked).
    assert model.article_calibration is not None and model.article_threshold is not None
    assert model.checkworthy.threshold < model.article_threshold < 1


def test_a_model_file_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    from workbench.errors import InvalidInput

    with pytest.raises(InvalidInput):
        load_model(write(tmp_path / "other.json", '{"format": "pickle"}'))


@pytest.mark.parametrize("calibration", ["steep", [1.0], {"a": 1}])
def test_a_model_file_with_a_malformed_article_scale_is_refused(tmp_path: Path, calibration: object) -> None:
    from workbench.errors import InvalidInput

    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8")) | {"article_calibration": calibration}
    with pytest.raises(InvalidInput, match="malformed"):
        load_model(write(tmp_path / "bad.json", json.dumps(data)))


def test_grams_fold_accents_digits_and_accounts() -> None:
    assert grams("Más de 70 @ministra") == grams("mas de 45 @otra")
    assert "w:mas de" in grams("Más de 70")


@pytest.mark.slow
def test_a_figure_laden_claim_about_a_government_outranks_a_greeting() -> None:
    from workbench.nlp.extract import extract_claims

    figures = max(c.score for c in extract_claims(FIGURES, "es", "2023-09-13"))
    greeting = max(c.score for c in extract_claims(GREETING, "es", "2023-09-13"))
    assert figures > greeting
    assert any(c.checkworthy for c in extract_claims(FIGURES, "es", "2023-09-13"))
    assert figures >= 0.9  # on the articles' own scale


@pytest.mark.slow
def test_an_opinion_is_neither_checkable_nor_checkworthy() -> None:
    from workbench.nlp.extract import extract_claims

    claims = extract_claims(OPINION, "es", "2023-09-13")
    assert claims and all(c.kind == "opinion" for c in claims)
    assert not any(c.checkable or c.checkworthy for c in claims)


POSTS = (
    "El paro juvenil subió un 12% en 2023, según el INE.",
    "Mañana, no te pierdas el gran acto de cierre de campaña en Valencia. ¡Os esperamos a todos!",
)


def test_a_text_of_one_short_line_reads_as_a_post_and_an_article_does_not() -> None:
    from workbench.nlp.extract import POST_MAX_CHARS, reads_as_post

    assert reads_as_post("Hoy votamos en el Congreso la reforma.  ")
    assert not reads_as_post("Primer párrafo de la noticia.\n\nSegundo párrafo de la noticia.")
    assert not reads_as_post("palabra " * (POST_MAX_CHARS // 8 + 1))


@pytest.mark.slow
def test_extract_lines_reads_each_post_on_the_posts_scale_and_import_reads_an_article() -> None:
    # On the articles' scale nearly every checkable line is worth checking (4,582 of 5,000 tweets
    # of CheckThat! 2024 dev): a campaign announcement must not be, a figure with its source must.
    result = invoke("extract", "-", "--lines", "--lang", "es", input="\n".join(POSTS) + "\n")
    assert_ok(result)
    figure, announcement = ([c for c in json.loads(line)["claims"]] for line in result.stdout.splitlines())
    assert any(c["checkworthy"] for c in figure)
    assert not any(c["checkworthy"] for c in announcement)
    assert max(c["score"] for c in announcement) < 0.1

    from workbench.nlp.extract import extract_claims

    in_article = extract_claims("\n\n".join(POSTS), "es", "2023-09-13")
    assert all(c.checkable for c in in_article)  # an article's claims: the extractor's rule decides


@pytest.mark.slow
def test_a_post_is_scored_whole_as_training_read_its_tweets() -> None:
    from workbench.nlp.checkworthiness_train import featurize, margins
    from workbench.nlp.extract import extract_many

    post = "El Gobierno destinó 300 millones de euros a la sanidad y la oposición votó en contra de las cuentas."
    claims = next(extract_many([post], "es", posts=True))
    assert len(claims) == 2 and len({c.score for c in claims}) == 1
    model = load_model(SHIPPED_MODEL)
    (margin,) = margins(model.checkworthy, featurize([post]), [0])
    assert claims[0].score == pytest.approx(model.checkworthy.probability(margin), abs=0.001)


@pytest.mark.slow
def test_reasons_are_words_a_reviewer_reads() -> None:
    from workbench.nlp.extract import extract_claims

    phrases = set(SIGNALS.values())
    for claim in extract_claims(FIGURES + " " + OPINION, "es", "2023-09-13"):
        assert claim.reasons
        for reason in claim.reasons:
            if reason.startswith("not checkable"):
                continue
            weight, phrase = reason.split(" ", 1)
            assert re.fullmatch(r"[+-]\d+\.\d\d", weight), reason
            named = any(phrase == p or phrase.startswith(p + " (") for p in phrases)  # what it found, in brackets
            assert named or phrase.startswith("wording typical"), reason
            assert "c:" not in phrase and "kind_" not in phrase


def test_m010_gives_stored_claims_checkworthy_from_their_score(db_path: Path) -> None:
    db = Database(db_path)
    migrations.apply(db, stop_before="m010_checkworthy")
    db["articles"].insert({"id": 1, "title": "T", "language": "es", "text": "x", "content_hash": "h"})
    for id, checkable, score in ((1, 1, 0.85), (2, 1, 0.3), (3, 0, 0.9)):
        db["claims"].insert(
            {"id": id, "article_id": 1, "start": 0, "end": 1, "text": "x", "kind": "event"}
            | {"checkable": checkable, "score": score, "status": "new"}
        )
    migrations.apply(db)
    assert [r[0] for r in db.execute("SELECT checkworthy FROM claims ORDER BY id")] == [1, 0, 0]
    db.close()


def test_the_settings_file_names_the_model(tmp_path: Path) -> None:
    from workbench.errors import InvalidInput

    path = write(tmp_path / "workbench.toml", '[checkworthiness]\nmodel = "/models/cw.json"\n')
    assert load_settings(path).checkworthiness_model == "/models/cw.json"
    with pytest.raises(InvalidInput):
        load_settings(write(tmp_path / "bad.toml", "[checkworthiness]\nmodle = 1\n"))


WORTHY = [
    "El paro subió en {n}.000 personas en marzo, según el Ministerio de Trabajo.",
    "La deuda pública alcanzó el {n}% del PIB en {y}, la más alta desde 1990.",
    "El Gobierno destinó {n} millones de euros a la sanidad en {y}.",
    "La inflación cerró {y} en el {n},5%, dos puntos más que el año anterior.",
]
UNWORTHY = [
    "Buenos días, ¡qué alegría veros a todos {n}!",
    "Gracias a todos los que vinisteis ayer, sois {n} veces geniales.",
    "¡Feliz fin de semana y a disfrutar del sol, amigos {n}!",
    "Hoy toca descansar, mañana seguimos con más ganas {n}.",
]


def _small_tsv(path: Path) -> Path:
    rows = ["text\tcheckable\tcheckworthy"]
    for n in range(6):
        rows += [t.format(n=n + 2, y=2010 + n) + "\t1\t1" for t in WORTHY]
        rows += [t.format(n=n + 2) + "\t0\t0" for t in UNWORTHY]
    return write(path, "\n".join(rows) + "\n")


def _isolated_training(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Train from `tmp_path`: no settings file of the machine's, models written under it, and the
    model in use read afresh (the shipped one until a test installs another)."""
    from workbench.nlp import checkworthiness

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_SETTINGS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(checkworthiness, "_current", [])


@pytest.mark.slow
def test_train_writes_a_model_and_replaces_the_one_in_use_only_with_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _isolated_training(tmp_path, monkeypatch)
    monkeypatch.delenv("WORKBENCH_EMBED_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = _small_tsv(tmp_path / "mine.tsv")

    result = invoke("train", "checkworthiness", "--data", data, "--db", tmp_path / "claims.db")
    assert_ok(result)
    assert "F1" in result.stdout and "unchanged" in result.stdout
    assert "checkworthy (all) + vectors" in result.stdout  # the model import uses, measured too
    candidate = tmp_path / "data" / "workbench" / "checkworthiness.candidate.json"
    assert load_model(candidate).about["examples"] == 48
    inner = load_model(candidate).with_vectors
    assert inner is not None and len(inner.checkworthy.vector_weights) == 384
    assert (tmp_path / "cache" / "workbench" / f"{inner.embedder}.passage.npz").is_file()  # embedded once
    assert not (tmp_path / "workbench.toml").exists()

    result = invoke("train", "checkworthiness", "--data", data, "--install", "--db", tmp_path / "claims.db")
    assert_ok(result)
    named = load_settings(tmp_path / "workbench.toml").checkworthiness_model
    assert named and Path(named).parent == tmp_path / "data" / "workbench" and Path(named).is_file()
    learned = load_model(named)
    able = learned.checkworthy.contributions({}, grams(WORTHY[0].format(n=9, y=2024)))[0]
    unable = learned.checkworthy.contributions({}, grams(UNWORTHY[0].format(n=9)))[0]
    assert able > unable


def test_train_without_data_is_refused(tmp_path: Path) -> None:
    assert_clean_failure(invoke("train", "checkworthiness", "--db", tmp_path / "claims.db"), 2)


@pytest.mark.slow
def test_reviewers_decisions_become_labels(seeded) -> None:
    from workbench.train import SKIPPED_WEIGHT, review_examples

    first, second, *rest = [c for c in seeded.claims(1) if c.checkable]
    seeded.add_verdict(first.id, "False", reviewer="ana")
    seeded.set_checkable(second.id, False)
    examples = review_examples(seeded)
    labels = {e.text: (e.checkable, e.checkworthy, e.weight) for e in examples}
    assert {e.group for e in examples} == {f"article {first.article_id}"}  # folds keep an article together
    assert labels[first.text] == (True, True, 1.0)
    assert labels[second.text] == (False, False, 1.0)
    assert labels[rest[0].text] == (None, False, SKIPPED_WEIGHT)
    assert not any(c.text in labels for c in seeded.claims(2))  # nobody reviewed the other article


def test_the_article_threshold_comes_from_the_articles_labels_not_their_own() -> None:
    from workbench.nlp.checkworthiness_train import choose_threshold

    # Three articles where the marked claims score above 0.4 and the rest below 0.2, except one
    # marked claim at 0.25 in the third: over all three, F1 is best cutting between 0.15 and 0.25.
    scores = [0.9, 0.5, 0.1, 0.8, 0.45, 0.15, 0.7, 0.25, 0.05]
    labels = [True, True, False, True, True, False, True, True, False]
    groups = ["a"] * 3 + ["b"] * 3 + ["c"] * 3
    choice = choose_threshold(scores, labels, groups)
    assert 0.15 < choice.threshold <= 0.25
    # Held out, "c" is judged by the cut a and b chose (between 0.15 and 0.45): its 0.25 claim is lost.
    assert 0.25 < choice.held_out[2] <= 0.45 and choice.cv_recall == pytest.approx(5 / 6)
    assert choice.cv_precision == 1.0


def test_an_article_threshold_decides_checkworthy_in_place_of_the_tweets_one() -> None:
    from dataclasses import replace

    model = load_model()
    text = "El Gobierno gastó 3.400 millones de euros en 2022."
    judged = model.assess({"figure": 1.0}, text, checkable=True)
    below = replace(model, article_threshold=min(1.0, judged.score + 0.01))
    above = replace(model, article_threshold=max(0.0, judged.score - 0.01))
    assert not below.assess({"figure": 1.0}, text, checkable=True).checkworthy
    assert above.assess({"figure": 1.0}, text, checkable=True).checkworthy
    assert not above.assess({"figure": 1.0}, text, checkable=False).checkworthy  # never without checkable


def test_an_article_scale_reads_the_same_margin_as_its_own_probability() -> None:
    from dataclasses import replace

    model = load_model()
    text = "La alcaldía pagó 12 millones de pesos por el puente en 2021."
    tweets_scale = replace(model, article_calibration=None).assess({"figure": 1.0}, text, checkable=True)
    steeper = replace(model, article_calibration=(1.0, 2.0)).assess({"figure": 1.0}, text, checkable=True)
    flatter = replace(model, article_calibration=(1.0, -2.0)).assess({"figure": 1.0}, text, checkable=True)
    assert flatter.score < steeper.score
    assert tweets_scale.score != model.assess({"figure": 1.0}, text, checkable=True).score
    assert tweets_scale.reasons == steeper.reasons  # the scale moves the score, not what moved it


def test_a_decision_that_reads_vectors_round_trips_and_refuses_to_score_without_one(tmp_path: Path) -> None:
    from workbench.nlp.checkworthiness import LinearModel

    decision = LinearModel(0.1, {"figure": 1.0}, {"w:paro": 0.5}, (1.0, 0.0), 0.5, vector_weights=(2.0, -1.0))
    again = LinearModel.from_json(json.loads(json.dumps(decision.to_json())))
    assert again == decision
    margin = again.contributions({"figure": 1.0}, {"w:paro"}, [0.5, 0.25])[0]
    assert margin == pytest.approx(0.1 + 1.0 + 0.5 + (1.0 - 0.25))
    with pytest.raises(ValueError):
        again.contributions({}, {"w:paro"})


def test_the_vector_reason_is_the_share_against_the_typical_claim_while_the_score_reads_the_raw_margin() -> None:
    from workbench.nlp import checkworthiness
    from workbench.nlp.checkworthiness import LinearModel, Model

    # Every claim's raw share here is about -3 (vectors in one cone); the baseline says so.
    decision = LinearModel(3.0, {}, {}, (1.0, 0.0), 0.5, vector_weights=(-3.0, 0.0), vector_baseline=-3.0)
    again = LinearModel.from_json(json.loads(json.dumps(decision.to_json())))
    assert again == decision
    model = Model(decision, decision, {})
    typical = model.assess({}, "una frase cualquiera", vector=[1.0, 0.0])
    closer = model.assess({}, "una frase cualquiera", vector=[0.5, 0.5])
    assert not any(checkworthiness.RESEMBLES_NOT in r or checkworthiness.RESEMBLES in r for r in typical.reasons)
    assert f"+1.50 {checkworthiness.RESEMBLES}" in closer.reasons
    assert typical.score == pytest.approx(0.5) and closer.score > typical.score  # the margin is not moved


def test_training_with_vectors_learns_the_dimension_that_carries_the_label() -> None:
    import numpy as np

    from workbench.nlp.checkworthiness_train import Featurized, fit_decision

    rng = np.random.default_rng(3)
    labels = np.array([i % 2 for i in range(60)])
    vectors = rng.normal(size=(60, 8))
    vectors[:, 5] += 2.0 * (labels - 0.5)  # only dimension 5 tells the classes apart
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"texto número {i} de la prueba" for i in range(60)]  # the same wording on both sides
    feats = Featurized([{} for _ in texts], [grams(t) for t in texts], vectors)
    fitted = fit_decision(feats, list(range(60)), labels, np.ones(60), vector_scale=3.0).model
    assert len(fitted.vector_weights) == 8
    assert int(np.argmax(np.abs(fitted.vector_weights))) == 5 and fitted.vector_weights[5] > 0
    margin = fitted.contributions({}, feats.grams[0], vectors[0])[0]
    assert margin != fitted.contributions({}, feats.grams[0], -vectors[0])[0]


def test_each_labelled_set_reads_its_own_offsets_and_the_decision_is_the_calibrated_sets() -> None:
    import numpy as np

    from workbench.nlp.checkworthiness_train import Featurized, fit_decision

    # Two sets of 80 texts that disagree on what "names a figure" is worth: set 0 checks them, set 1 skips them.
    rng = np.random.default_rng(5)
    figure = np.array([i % 2 for i in range(160)])
    domain = np.array([0] * 80 + [1] * 80)
    noise = rng.random(160) < 0.1
    labels = np.where(domain == 0, figure, 1 - figure) ^ noise
    texts = [f"texto número {i} de la prueba" for i in range(160)]
    feats = Featurized(
        [{"figure": 1.0} if f else {} for f in figure], [grams(t) for t in texts], rng.normal(size=(160, 4))
    )
    rows, weights = list(range(160)), np.ones(160)
    heads = [
        fit_decision(feats, rows, labels, weights, calibrate_on=domain == k, vector_scale=3.0, domains=domain).model
        for k in (0, 1)
    ]
    assert heads[0].signal_weights["figure"] > 0 > heads[1].signal_weights["figure"]
    assert len(heads[0].vector_weights) == len(heads[1].vector_weights) == 4
    # Without domains the two sets cancel out: the figure says little either way.
    shared = fit_decision(feats, rows, labels, weights, vector_scale=3.0).model
    assert abs(shared.signal_weights.get("figure", 0.0)) < min(abs(h.signal_weights["figure"]) for h in heads)


ARTICLE = (
    "El Ministerio de Sanidad informó el lunes de que los contagios bajaron un 12% en abril. "
    "La ministra dijo que el hospital abrirá 300 camas nuevas en junio de 2024. "
    "Creo que es una vergüenza lo que hace la oposición con este asunto."
)


def _with_vectors(model, weight: float):  # noqa: ANN001, ANN202 - a Model, a Model
    """The model with a vector twin reading 4 dimensions: its other weights the same, the vector's `weight` each."""
    from dataclasses import replace

    twin = replace(
        model,
        checkable=replace(model.checkable, vector_weights=(weight,) * 4),
        checkworthy=replace(model.checkworthy, vector_weights=(weight,) * 4),
        embedder="test-embedder",
        with_vectors=None,
    )
    return replace(model, with_vectors=twin)


@pytest.mark.slow
def test_rescoring_a_draft_reads_the_signals_extraction_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.nlp import checkworthiness
    from workbench.nlp.extract import extract_claims

    drafts = extract_claims(ARTICLE, "es", "2024-05-06")
    # Vector weights of zero: the vector model scores exactly as the one extraction used.
    monkeypatch.setattr(checkworthiness, "_current", [_with_vectors(load_model(), 0.0)])
    again = checkworthiness.rescore(drafts, ARTICLE, "es", [[0.5] * 4] * len(drafts), "test-embedder")
    assert [(d.score, d.checkworthy) for d in again] == [(d.score, d.checkworthy) for d in drafts]
    assert [d.reasons for d in again] == [d.reasons for d in drafts]
    # Another embedder's vectors are never read: the drafts stay as extraction scored them.
    assert checkworthiness.rescore(drafts, ARTICLE, "es", [[9.0] * 4] * len(drafts), "other") == drafts


@pytest.mark.slow
def test_the_vector_share_is_one_reason_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.nlp import checkworthiness
    from workbench.nlp.extract import extract_claims

    drafts = extract_claims(ARTICLE, "es", "2024-05-06")
    monkeypatch.setattr(checkworthiness, "_current", [_with_vectors(load_model(), 1.0)])
    up = checkworthiness.rescore(drafts, ARTICLE, "es", [[0.5] * 4] * len(drafts), "test-embedder")
    down = checkworthiness.rescore(drafts, ARTICLE, "es", [[-0.5] * 4] * len(drafts), "test-embedder")
    for before, high, low in zip(drafts, up, down):
        assert low.score < before.score < high.score or before.score in (0.0, 1.0)
        assert f"+2.00 {checkworthiness.RESEMBLES}" in high.reasons
        assert f"-2.00 {checkworthiness.RESEMBLES_NOT}" in low.reasons
    assert not any(d.checkable for d in up if d.kind == "opinion")  # the vector never makes an opinion checkable


def test_a_model_with_vectors_round_trips_in_its_json(tmp_path: Path) -> None:
    model = _with_vectors(load_model(), 0.25)
    again = load_model(write(tmp_path / "cw.json", json.dumps(model.to_json())))
    assert again == model
    assert again.vector_model("test-embedder") == model.with_vectors
    assert again.vector_model("another") is None


def test_the_shipped_model_carries_decisions_that_read_e5_vectors() -> None:
    from workbench.matching.embedding import E5_NAME

    model = load_model()
    inner = model.vector_model(E5_NAME)
    assert inner is not None and inner.with_vectors is None
    for decision in (inner.checkable, inner.checkworthy):
        assert len(decision.vector_weights) == 384
    assert inner.article_calibration is not None and inner.article_threshold is not None
    assert inner.checkworthy.threshold < inner.article_threshold < 1


@pytest.mark.slow
def test_import_scores_with_vectors_where_it_embeds_and_without_where_it_does_not(tmp_path: Path) -> None:
    from workbench.config import Settings
    from workbench.models import ArticleInput
    from workbench.nlp import checkworthiness
    from workbench.nlp.extract import extract_claims
    from workbench.service import Workbench

    article = ArticleInput(ARTICLE, "Sanidad", "es", published="2024-05-06", outlet="Diario de Prueba")
    extracted = {d.text: d for d in extract_claims(ARTICLE, "es", "2024-05-06")}
    lexical = Workbench(tmp_path / "lexical.db", actor="tester", settings=Settings(semantic=False))
    lexical.import_articles([article])
    semantic = Workbench(tmp_path / "semantic.db", actor="tester")
    semantic.import_articles([article])
    plain = {c.text: c for c in lexical.claims(1)}
    embedded = {c.text: c for c in semantic.claims(1)}
    assert set(plain) == set(embedded) == set(extracted)
    for text, claim in plain.items():  # no vectors: what extraction scored
        assert (claim.score, tuple(claim.reasons)) == (extracted[text].score, extracted[text].reasons)
    shares = [
        r
        for c in embedded.values()
        for r in c.reasons
        if r.split(" ", 1)[1] in (checkworthiness.RESEMBLES, checkworthiness.RESEMBLES_NOT)
    ]
    assert shares, "the vector model's share is a reason of the claims it scored"
    assert any(embedded[t].score != plain[t].score for t in plain)
    assert all(embedded[t].checkable == plain[t].checkable for t in plain)  # checkable is the extractor's rule
    with semantic.store() as store:
        assert len(store.vectors.of("multilingual-e5-small-q4", [c.id for c in embedded.values()])) == len(embedded)


@pytest.mark.parametrize("seed", [13, 1, 2])
def test_cross_validation_never_splits_a_reviewed_article(seed: int) -> None:
    import numpy as np

    from workbench.nlp.checkworthiness_train import _folds

    groups: list[str | None] = [f"article {i // 6}" for i in range(36)] + [None] * 40
    y = np.array([i % 3 == 0 for i in range(76)], dtype=int)
    for train, test in _folds(y, groups=groups, seed=seed):
        held = {groups[i] for i in test} - {None}
        assert held and not held & {groups[i] for i in train}


def test_another_fold_seed_is_another_partition_of_the_same_rows() -> None:
    import numpy as np

    from workbench.nlp.checkworthiness_train import _folds

    y = np.array([i % 4 == 0 for i in range(60)], dtype=int)
    partitions = {seed: [tuple(test) for _, test in _folds(y, seed=seed)] for seed in (13, 1)}
    for tests in partitions.values():
        assert sorted(i for test in tests for i in test) == list(range(60))
    assert partitions[13] != partitions[1]


TOWNS = ["Villalba del Río", "Puertollano Alto", "San Justo de la Vega", "Torremocha", "Valdeolmos", "Cabezón"]
REVIEWED_ARTICLE = (
    "El ayuntamiento de {town} gastó {n},4 millones de euros en alumbrado en {y}, un {p}% más que el año anterior. "
    "La alcaldesa de {town} visitó el mercado municipal el martes por la mañana. "
    "La deuda del consistorio alcanzó los {m} millones de euros al cierre de {y}, según el interventor. "
    "Los vecinos de {town} celebraron la fiesta del patrón el domingo en la plaza."
)


def _reviewed_database(tmp_path: Path, articles: int) -> Path:
    """A database of our own articles where reviewers gave a verdict to each article's figures
    (two claims with money) and passed over its other claims."""
    from workbench.config import Settings
    from workbench.models import ArticleInput
    from workbench.service import Workbench

    path = tmp_path / "claims.db"
    workbench = Workbench(path, actor="tester", settings=Settings(semantic=False))
    texts = [
        REVIEWED_ARTICLE.format(town=town, n=k + 2, y=2015 + k, p=10 + 3 * k, m=40 + 7 * k)
        for k, town in enumerate(TOWNS[:articles])
    ]
    workbench.import_articles([ArticleInput(text, f"Cuentas {k}", "es") for k, text in enumerate(texts)])
    for article in range(1, articles + 1):
        for claim in workbench.claims(article):
            if "millones" in claim.text:
                workbench.add_verdict(claim.id, "False", reviewer="ana")
    return path


@pytest.mark.slow
def test_train_from_reviews_chooses_the_article_threshold_from_the_reviewers_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.nlp.checkworthiness_train import MIN_REVIEWED_MARKED

    _isolated_training(tmp_path, monkeypatch)
    write(tmp_path / "workbench.toml", "[matching]\nsemantic = false\n")
    database = _reviewed_database(tmp_path, len(TOWNS))
    with Database(database).conn as conn:
        verdicts = conn.execute("SELECT COUNT(DISTINCT claim_id) FROM verdicts").fetchone()[0]
    assert verdicts >= MIN_REVIEWED_MARKED  # enough verdicts, in six articles
    data = _small_tsv(tmp_path / "mine.tsv")

    result = invoke("train", "checkworthiness", "--data", data, "--from-reviews", "--db", database)
    assert_ok(result)
    found = re.search(
        r"Article threshold \(checkworthy\): ([0-9.]+), chosen on (\d+) reviewed claims in 6 articles;"
        r" each article judged by the others' choice: F1 ([0-9.]+)",
        result.stdout,
    )
    assert found, result.stdout
    threshold, f1 = float(found.group(1)), float(found.group(3))
    candidate = load_model(tmp_path / "data" / "workbench" / "checkworthiness.candidate.json")
    assert candidate.article_threshold == pytest.approx(threshold, abs=5e-4)
    # Chosen on the new model's own scale, not the shipped threshold carried over with its article scale.
    assert threshold != load_model().article_threshold and candidate.article_calibration is None
    # Held out by article, the reviewers' marks are found again: their claims with money come first.
    assert f1 >= 0.8
    money = candidate.assess(
        {"figure": 1.0, "money": 1.0}, "El consistorio pagó 3 millones de euros en 2020.", checkable=True
    )
    market = candidate.assess({}, "La alcaldesa visitó el mercado el jueves.", checkable=True)
    assert money.checkworthy and not market.checkworthy


@pytest.mark.slow
def test_too_few_reviews_leave_the_article_threshold_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _isolated_training(tmp_path, monkeypatch)
    write(tmp_path / "workbench.toml", "[matching]\nsemantic = false\n")
    database = _reviewed_database(tmp_path, 2)  # verdicts in two articles only

    result = invoke(
        "train", "checkworthiness", "--data", _small_tsv(tmp_path / "mine.tsv"), "--from-reviews", "--db", database
    )
    assert_ok(result)
    assert "too few reviews to choose it" in result.stdout
    candidate = load_model(tmp_path / "data" / "workbench" / "checkworthiness.candidate.json")
    # Carried over with the scale it was chosen on.
    assert candidate.article_threshold == load_model().article_threshold
    assert candidate.article_calibration == load_model().article_calibration

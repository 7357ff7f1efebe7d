"""The domain types keep the stored strings and the one-sentence refusals the workbench had."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from workbench.domain.changes import AttachUndo, Change, SplitUndo
from workbench.domain.labels import label
from workbench.domain.records import CONTENT_FIELDS
from workbench.domain.vocab import ChangeAction, ClaimKind, ClaimStatus, LinkRelation, LinkState, Stance
from workbench.errors import InvalidInput


def test_members_are_the_strings_the_database_and_exports_store() -> None:
    assert ClaimStatus.values() == ("new", "in_review", "checked")
    assert LinkRelation.values() == ("duplicate", "related", "near-miss", "conflict")
    assert json.dumps({"status": ClaimStatus.IN_REVIEW, "kind": ClaimKind.QUANTITY}) == (
        '{"status": "in_review", "kind": "quantity"}'
    )
    assert f"{LinkRelation.NEAR_MISS}" == "near-miss" and ClaimStatus.NEW == "new"


@pytest.mark.parametrize(
    ("vocabulary", "value", "message"),
    [
        (ClaimStatus, "done", "Status 'done' is not one of new, in_review, checked."),
        (ClaimKind, "rumour", "Kind 'rumour' is not one of event, quantity, statement, prediction, opinion."),
        (Stance, "neutral", "Stance 'neutral' is not one of supports, refutes, context."),
        (LinkRelation, "same", "Relation 'same' is not one of duplicate, related, near-miss, conflict."),
        (LinkState, "maybe", "State 'maybe' is not one of suggested, confirmed, rejected."),
    ],
)
def test_parse_refuses_a_value_off_the_vocabulary_in_one_sentence(vocabulary, value: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        vocabulary.parse(value)
    assert str(caught.value) == message


def test_parse_gives_the_member() -> None:
    assert Stance.parse("refutes") is Stance.REFUTES


def test_labels_are_apart_from_values_and_fall_back_to_the_value() -> None:
    assert label(ClaimStatus.IN_REVIEW) == "in review"
    assert label(ClaimStatus.IN_REVIEW, "xx") == "in review"
    assert label(Stance.SUPPORTS) == "supports"


def test_a_change_keeps_its_payload_typed_and_offers_the_dict_scripts_read() -> None:
    content = {field: 0 for field in CONTENT_FIELDS} | {"entities": []}
    split = Change(ChangeAction.SPLIT, 4, "Claim 4 split.", SplitUndo(2, content, content, new=9))
    assert split.undo["new"] == 9 and split.undo == asdict(split.payload)
    attach = Change(ChangeAction.SOURCE, 4, "Source 7 attached.", AttachUndo(7))
    assert attach.undo == {"attachment": 7}

"""The dedicated emergency classifier measured beside the rules (issue 17 §4; evaluation only, not in the chat)."""

from __future__ import annotations

import pytest

from evaluation.emergency_classifier import THRESHOLD, everyday_messages, train, training_texts


@pytest.fixture(scope="module")
def scorer():
    return train(*training_texts())


def test_it_learns_alarms_from_the_corpora_and_quiet_from_everyday_messages(scorer):
    alarm, everyday = scorer(["my mum collapsed and she is not breathing, lips blue",
                              "is lupus hereditary? my sister has it"])
    assert alarm >= THRESHOLD > everyday


def test_everyday_messages_are_read_without_their_entity_annotations():
    texts = everyday_messages()
    assert texts and not any("](" in text for text in texts)

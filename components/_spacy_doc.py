"""Get the spaCy doc of a message: the one SpacyNLP made, or a fresh one."""

from __future__ import annotations

from typing import Any

from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def spacy_doc(message: Message, model: SpacyModel) -> Any:
    """SpacyNLP's doc of the text (the rules match lowercase), else process the text."""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None:
        doc = model.model(message.get(TEXT) or "")
    return doc

"""Shared plumbing of the rule-based components: spaCy docs and the GraphComponent boilerplate."""

from __future__ import annotations

from typing import Any, Dict, List, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def spacy_doc(message: Message, model: SpacyModel) -> Any:
    """SpacyNLP's doc of the text (the rules match lowercase), else process the text."""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None:
        doc = model.model(message.get(TEXT) or "")
    return doc


def cased_doc(message: Message, model: SpacyModel) -> Any:
    """A doc of the text as written: SpacyNLP's when it kept the case, else the text parsed again.

    SpacyNLP lowercases (``case_sensitive: false``), which suits the classifier's features; the
    red-flag rules read case ("AS" is ankylosing spondylitis, "as" is not), and must read the message
    as the actions do.
    """
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    return doc if doc is not None and doc.text == text else model.model(text)


class SpacyRuleComponent(GraphComponent):
    """A component that reads the rule matches SpacyNLP's pipeline put on the doc; nothing to train."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def required_components(cls) -> List[Type]:
        """SpacyNLP must run first."""
        return [SpacyNLP]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyRuleComponent:
        """Create the component from its configuration."""
        return cls(config)

    @staticmethod
    def required_packages() -> List[Text]:
        """spaCy does the matching."""
        return ["spacy"]

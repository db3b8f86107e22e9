"""Shared plumbing of the rule-based components: spaCy docs and the GraphComponent boilerplate."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Pattern, Text, Type

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


def cased_doc(message: Message, model: SpacyModel, case_words: Pattern[str]) -> Any:
    """A doc that reads as the text as written: SpacyNLP's doc, unless case matters, then the text parsed again.

    SpacyNLP lowercases (``case_sensitive: false``), which suits the classifier's features. The rules
    match a few words with their case ("AS" is ankylosing spondylitis, "as" is not:
    ``assistant.nlp.case_sensitive_words``); a text holding one of them is parsed again as written,
    so the router reads the message as the actions do. Any other text reads the same lowercased.
    """
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is not None and (doc.text == text or not case_words.search(text)):
        return doc
    return model.model(text)


def word_pattern(words: Iterable[str]) -> Pattern[str]:
    """A pattern that finds any of ``words`` standing alone (not inside another word), with its case."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


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

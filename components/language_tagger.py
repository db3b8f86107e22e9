"""Tag each message with its language, once, for the components after it and the actions."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.knowledge import get_knowledge
from assistant.language import LANGUAGE_KEY, message_language
from components._base import SpacyRuleComponent


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP"
)
class LanguageTagger(SpacyRuleComponent):
    """Write the message's language (``assistant.language.message_language``) under ``language``.

    "fa", "en", or None for a message with no letters. Rasa keeps it in ``tracker.latest_message``:
    the question router reads it to pick the finder of that language, and the actions to answer in it.
    """

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Tag each message."""
        knowledge = get_knowledge()
        for message in messages:
            language = message_language(message.get(TEXT) or "", knowledge)
            message.set(LANGUAGE_KEY, language, add_to_output=True)
        return messages

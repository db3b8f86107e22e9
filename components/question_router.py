"""Questions for the knowledge that the classifier took for small talk (or a clinic question) go to the answer."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.knowledge import get_knowledge
from assistant.language import LANGUAGE_KEY
from assistant.retrieval import get_finder
from components._base import SpacyRuleComponent


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class SmallTalkQuestionRouter(SpacyRuleComponent):
    """After the intent classifier: "thanks, is it hereditary?" is a question, not thanks.

    When the classifier chose a small-talk intent and
    :meth:`assistant.retrieval.EntryFinder.asks_the_knowledge` says the message
    asks the entries something, the intent becomes ``question_intent`` (its
    rule runs the answering action, which reads the conversation's subject).
    The raw text is read (SpacyNLP's doc is lowercased, and the rules match some
    abbreviations by case); the finder is the process's one for the message's language
    (``language``, from :class:`components.language_tagger.LanguageTagger`).
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The small-talk intents to check and the intent questions go to."""
        return {
            "small_talk_intents": [
                "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "ask_capabilities", "contact_clinic",
                "how_are_you",  # "behjat khoob mishe?" (does Behçet's get better?) is no "how are you?"
            ],
            "question_intent": "ask_disease",
        }

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Re-route each small-talk message that asks the knowledge something."""
        small_talk = set(self._config.get("small_talk_intents") or [])
        target = self._config.get("question_intent", "ask_disease")
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent not in small_talk:
                continue
            knowledge = get_knowledge(message.get(LANGUAGE_KEY))  # the language tagger's, earlier in the pipeline
            if not knowledge.entries:
                continue
            finder = get_finder(knowledge, model.model)
            if finder.asks_the_knowledge(finder.read(message.get(TEXT) or "")):
                confidence = (message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY, 0.0)
                routed = {INTENT_NAME_KEY: target, PREDICTED_CONFIDENCE_KEY: confidence}
                ranking = [item for item in message.get(INTENT_RANKING_KEY) or [] if item.get(INTENT_NAME_KEY) != target]
                message.set(INTENT, routed, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [routed, *ranking], add_to_output=True)
        return messages

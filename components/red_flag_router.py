"""Send every message that mentions a red flag to the emergency intent."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from actions.nlp import RED_FLAG_SPANS
from components._base import SpacyRuleComponent, spacy_doc


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class RedFlagRouter(SpacyRuleComponent):
    """Override the classifier when the span ruler found a red-flag phrase.

    Place it after the intent classifier and before FallbackClassifier: a
    question about lupus that also says "crushing chest pain right now"
    becomes ``report_emergency`` with confidence 1.0, and the matched flag
    ids are kept in ``red_flags`` on the parse result.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The intent that red flags are routed to."""
        return {"emergency_intent": "report_emergency"}

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Route messages with red flags to the emergency intent."""
        for message in messages:
            doc = spacy_doc(message, model)
            flags = sorted({span.label_ for span in doc.spans.get(RED_FLAG_SPANS, [])})
            if not flags:
                continue
            name = self._config.get("emergency_intent", "report_emergency")
            intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [intent] + [
                item for item in message.get(INTENT_RANKING_KEY) or [] if item.get(INTENT_NAME_KEY) != name
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set("red_flags", flags, add_to_output=True)
        return messages

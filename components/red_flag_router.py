"""Route messages by the red-flag rules: an emergency now wins, a mere mention does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant import alarm
from assistant.knowledge import get_knowledge
from assistant.language import LANGUAGE_KEY, message_language
from assistant.nlp import case_sensitive_words
from assistant.paths import ROOT
from assistant.safety import ALARM_KEY, MENTIONS_KEY, NOW_KEY, assess_doc
from components._base import SpacyRuleComponent, cased_doc, word_pattern


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class RedFlagRouter(SpacyRuleComponent):
    """Apply :func:`assistant.safety.assess_doc` after the intent classifier, before FallbackClassifier.

    * A group happening now: the intent becomes ``report_emergency`` with
      confidence 1.0.
    * Groups only mentioned ("can lupus cause chest pain?"): if the classifier
      chose ``report_emergency``, its next intent takes over, so the question
      is answered.
    * Nothing found: the classifier's intent stands (it may add an emergency).
    * Then, unless the rules found a group happening now, the alarm model
      (:mod:`assistant.alarm`, a second reading trained on the safety corpora) gives its
      probability. The intent stays; every action reads the probability
      (``assistant.safety.alarm_heard``) and, at or above the model's threshold, says it could
      be an emergency, with the number, before its own reply: an alarm added, never one removed.

    Every parse result carries the reading: the ids of the groups happening now in
    ``red_flags``, of those only mentioned in ``red_flag_mentions`` (empty lists
    when none), and the alarm model's probability in ``alarm_probability`` (0.0 when the
    rules already found a group happening now). Rasa keeps them in ``tracker.latest_message``,
    where the actions read them (``assistant.safety.handed_on``) instead of reading the text again.
    """

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        # The words the rules match with their case, found once when the component is made (not per message).
        self._case_words = word_pattern(case_sensitive_words(get_knowledge()))
        path = Path(config.get("alarm_model") or alarm.MODEL_FILE)
        self._alarm = alarm.load(path if path.is_absolute() else ROOT / path)  # once, by path (`make alarm`)

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The intent that red flags are routed to, and the alarm model's file (relative to the project root)."""
        return {"emergency_intent": "report_emergency", "alarm_model": "build/alarm-model.pickle"}

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Route each message by what the rules found in it."""
        knowledge = get_knowledge()
        name = self._config.get("emergency_intent", "report_emergency")
        for message in messages:
            # components.language_tagger's, before this one; tagged here only in a pipeline without it
            text = message.get(TEXT) or ""
            language = message.get(LANGUAGE_KEY) if LANGUAGE_KEY in message.data else message_language(text, knowledge)
            assessment = assess_doc(cased_doc(message, model, self._case_words), knowledge, model.model, language)
            ranking = [item for item in message.get(INTENT_RANKING_KEY) or [] if item.get(INTENT_NAME_KEY) != name]
            if assessment.now:
                intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
            elif assessment.mentioned:
                if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == name and ranking:
                    message.set(INTENT, ranking[0], add_to_output=True)
                    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            probability = 0.0 if assessment.now else self._alarm.probability(message.get(TEXT) or "")
            message.set(ALARM_KEY, round(probability, 3), add_to_output=True)
            message.set(NOW_KEY, [flag.id for flag in assessment.now], add_to_output=True)
            message.set(MENTIONS_KEY, [flag.id for flag in assessment.mentioned], add_to_output=True)
        return messages

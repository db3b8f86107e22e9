"""Entities from the knowledge file's synonyms, with canonical values."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from components._base import SpacyRuleComponent, spacy_doc


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP"
)
class KnowledgeEntityExtractor(SpacyRuleComponent, EntityExtractorMixin):
    """Reads the EntityRuler's matches and reports the canonical value (the pattern id).

    SpacyEntityExtractor would report the raw text ("SLE"); this reports
    ``lupus``, so no synonym table is needed anywhere else.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Which entity labels to keep (None keeps all)."""
        return {"dimensions": None}

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Add the canonical entities of each message."""
        for message in messages:
            doc = spacy_doc(message, model)
            found = [
                {
                    "entity": ent.label_,
                    "value": ent.ent_id_ or ent.text,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "confidence": None,
                }
                for ent in doc.ents
            ]
            found = self.filter_irrelevant_entities(self.add_extractor_name(found), self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

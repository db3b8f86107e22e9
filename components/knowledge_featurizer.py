"""Sparse features telling the intent classifier which knowledge terms a message has.

Every disease name is one feature, whatever it is called or however it is
misspelled ("RA", "rhumatoid", "bechterew"), because the spaCy rules built
from the knowledge file already recognised it. The classifier then learns
"a disease is named" once instead of once per spelling.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from typing import Any, Dict, List, Optional, Sequence, Type

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.nlp import CONCEPT_PREFIX, DEFAULT_PIPELINE_DIR, RED_FLAG_EXCEPTION, RED_FLAG_SPANS

FEATURES: Sequence[str] = ("disease", "pain_type", "red_flag")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class KnowledgeFeaturizer(SparseFeaturizer, GraphComponent):
    """One binary feature per kind of knowledge term (disease, pain type, red flag)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """SpacyNLP's doc and SpacyTokenizer's tokens are needed."""
        return [SpacyTokenizer]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """This module and the rule pipeline's patterns: after a change to either (``make spacy``) the features change,
        so what learns from them trains again (Rasa's training cache sees only the config and the training data)."""
        digest = hashlib.sha256(inspect.getsource(sys.modules[cls.__module__]).encode("utf-8"))
        for path in sorted(DEFAULT_PIPELINE_DIR.glob("*_ruler/patterns*")):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeFeaturizer:
        """Create the component (nothing to train)."""
        return cls(execution_context.node_name, config)

    def _features(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        if not tokens:
            return
        sequence = np.zeros((len(tokens), len(FEATURES)), dtype=np.float32)
        doc = message.get(SPACY_DOCS[TEXT])
        if doc is not None:
            spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
            # A red-flag group's own words ("chest pain", "can't breathe"), not the concepts that groups combine
            # ("back", "medicine", "mum"): those are in half the training examples and say nothing alone.
            # Nor "flu jab", the words of no red flag.
            spans += [(s.start_char, s.end_char, "red_flag") for s in doc.spans.get(RED_FLAG_SPANS, [])
                      if s.label_ != RED_FLAG_EXCEPTION and not s.label_.startswith(CONCEPT_PREFIX)]
            for start, end, label in spans:
                if label not in FEATURES:
                    continue
                column = FEATURES.index(label)
                for row, token in enumerate(tokens):
                    if token.start < end and token.end > start:
                        sequence[row, column] = 1.0
        sentence = sequence.max(axis=0, keepdims=True)
        self.add_features_to_message(
            scipy.sparse.coo_matrix(sequence), scipy.sparse.coo_matrix(sentence), TEXT, message
        )

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize the training examples."""
        for example in training_data.training_examples:
            self._features(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Featurize incoming messages."""
        for message in messages:
            self._features(message)
        return messages

    @staticmethod
    def required_packages() -> List[str]:
        """spaCy supplies the docs."""
        return ["spacy"]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        """Nothing to configure."""

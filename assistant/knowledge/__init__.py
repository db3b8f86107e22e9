"""The curated knowledge: its model, its validation and its loading, one module each.

``python -m assistant.knowledge [MANIFEST]`` checks the knowledge from the shell.
"""

from assistant.knowledge.load import assemble, get_knowledge, knowledge_path, load_knowledge, read_layout
from assistant.knowledge.model import (
    CUE_KINDS,
    EMERGENCY_SETTINGS,
    LEVEL_TEXTS,
    LEVELS,
    MAX_ANSWER_CHARS,
    MAX_BULLETS,
    MAX_RELATED,
    REQUIRED_MESSAGES,
    RETRIEVAL_LISTS,
    EmergencySettings,
    EntityValue,
    Entry,
    Knowledge,
    KnowledgeError,
    RedFlag,
    Structure,
    Topic,
)
from assistant.knowledge.validate import parse_knowledge
from assistant.paths import KNOWLEDGE_MANIFEST as DEFAULT_KNOWLEDGE_PATH
from assistant.paths import ROOT as PROJECT_ROOT  # until the callers import assistant.paths

__all__ = [
    "CUE_KINDS", "DEFAULT_KNOWLEDGE_PATH", "EMERGENCY_SETTINGS", "LEVEL_TEXTS", "LEVELS", "MAX_ANSWER_CHARS",
    "MAX_BULLETS", "MAX_RELATED", "PROJECT_ROOT", "REQUIRED_MESSAGES", "RETRIEVAL_LISTS", "EmergencySettings",
    "EntityValue", "Entry", "Knowledge", "KnowledgeError", "RedFlag", "Structure", "Topic", "assemble",
    "get_knowledge", "knowledge_path", "load_knowledge", "parse_knowledge", "read_layout",
]

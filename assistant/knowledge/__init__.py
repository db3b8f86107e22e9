"""The curated knowledge: its model, its validation and its loading, one module each.

``python -m assistant.knowledge [MANIFEST]`` checks the knowledge from the shell. The
model's constants (limits, cue kinds, settings) are in ``assistant.knowledge.model``.
"""

from assistant.knowledge.load import get_knowledge, knowledge_path, load_all, load_knowledge
from assistant.knowledge.model import EntityValue, Entry, Knowledge, KnowledgeError, RedFlag, Structure, Topic

__all__ = [
    "Entry", "EntityValue", "Knowledge", "KnowledgeError", "RedFlag", "Structure", "Topic",
    "get_knowledge", "knowledge_path", "load_all", "load_knowledge",
]

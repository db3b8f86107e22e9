"""Red-flag detection: messages that need emergency help, not information."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from actions.knowledge import Knowledge, RedFlag, get_knowledge
from actions.nlp import RED_FLAG_SPANS, get_pipeline

if TYPE_CHECKING:
    from spacy.language import Language


def find_red_flags(
    text: Optional[str], knowledge: Optional[Knowledge] = None, nlp: Optional[Language] = None
) -> List[RedFlag]:
    """The red flags mentioned in ``text``, each once, in the knowledge file's order."""
    if not text or not text.strip():
        return []
    knowledge = knowledge or get_knowledge()
    nlp = nlp or get_pipeline()
    doc = nlp(text)
    found = {span.label_ for span in doc.spans.get(RED_FLAG_SPANS, [])}
    return [flag for flag in knowledge.red_flags if flag.id in found]

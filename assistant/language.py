"""Which language a message is written in, and so the language of its answer (issue 19).

Decided once per message, from its letters: Persian script is Persian, Latin letters are
English, unless the words are Persian written in Latin letters ("dard ghafase sine daram",
Finglish), which the knowledge lists per language (``written_in_latin_letters`` in its
words.yml). A mixed message ("MS دارم، ارثیه؟") goes by the script most of its letters are in.
A message with no letters ("1", "?") has no language: the conversation's stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping, Optional, Tuple

from assistant.normalise import arabic_letters, latin_letters, mostly_arabic_script

if TYPE_CHECKING:
    from assistant.knowledge import Knowledge

# The language of each script's messages (when the knowledge has it).
ARABIC_SCRIPT = "fa"
LATIN_SCRIPT = "en"
# A Latin-letter message is Finglish with this many of the language's Latin-letter words (one, for one or two words).
LATIN_WORDS_NEEDED = 2
_WORD = re.compile(r"[a-z']+")


def latin_language(text: str, latin_words: Mapping[str, Tuple[str, ...]]) -> Optional[str]:
    """The language whose words, written in Latin letters, make up ``text`` (None: not such a message)."""
    words = _WORD.findall(text.lower())
    for language, known in latin_words.items():
        found = sum(1 for word in words if word in known)
        if found >= LATIN_WORDS_NEEDED or (found and len(words) <= 2):
            return language
    return None


def message_language(text: str, knowledge: Knowledge) -> Optional[str]:
    """The language of ``text`` among the knowledge's, or None (no letters, or a language the knowledge lacks)."""
    if not arabic_letters(text) and not latin_letters(text):
        return None
    languages, latin_words = knowledge.languages, knowledge.latin_words
    if mostly_arabic_script(text):
        language: Optional[str] = ARABIC_SCRIPT
    else:
        language = latin_language(text, latin_words) or LATIN_SCRIPT
    return language if language in languages else None


# Where the NLU hands the language on (components/language_tagger.py): the parse result's key.
LANGUAGE_KEY = "language"


def handed_on_language(parse: Mapping[str, object]) -> Optional[str]:
    """The language the NLU tagged the message with (``tracker.latest_message``), or None."""
    language = parse.get(LANGUAGE_KEY)
    return language if isinstance(language, str) else None

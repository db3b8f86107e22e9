"""Everyday ailments outside our scope (``other_ailments`` in knowledge/<lang>/words.yml) are not answered from an entry.

"Toothache since last night, what do I do?" holds our word "pain" or a kind of pain («تیر میکشه»), so retrieval
used to answer it from a general entry (round 7's Persian out-of-scope misses, now a used set). With no condition
of ours named, in the message or the conversation, it gets who to ask instead and our topics; with one named
("can lupus make my teeth hurt?") the entries answer. Messages are read as the channels hand them on.
"""

from __future__ import annotations

from typing import Optional

import pytest

from actions import actions as act
from assistant.knowledge import get_knowledge
from assistant.language import message_language
from assistant.nlp import get_pipeline
from assistant.normalise import normalise
from assistant.retrieval import Choice, get_finder
from tests.conftest import make_tracker

OTHER_AILMENTS = [
    "toothache since last night, what do i do",
    "my wisdom tooth is killing me, any advice?",
    "i sprained my ankle playing football, what helps the pain",
    "caught a cold and my throat hurts, which tea is good?",
    "which blood pressure pills are best",
    "دندونم از دیشب تیر میکشه چیکار کنم",
    "دندان عقلم درد می کند، چه کار کنم؟",
    "تو فوتبال مچ پام پیچ خورد، دردش کی خوب میشه؟",
    "سرما خورده‌ام و گلویم درد می‌کند. چه دمنوشی خوب است؟",
    "فشار خونم بالاست قرص چی بخورم",
]

OURS = [
    ("can lupus make my teeth hurt?", None),
    ("does cold weather make my joint pain worse?", None),
    ("my hands go white and cold in winter, is that my scleroderma or my lupus?", None),
    ("is a cold dangerous when you take medicine for rheumatoid arthritis?", None),
    ("لوپوس باعث درد دندون میشه؟", None),
    ("سرما دردهای مفصلی رو بیشتر میکنه؟", None),
    ("خیلی جوش میزنم، دردم بیشتر میشه؟", None),
    ("and what about a toothache, is that part of it?", "sjogren"),  # the conversation is about Sjögren's
    # from the review of this change: words with other meanings, and autoimmune disease in general
    ("my sleep is fractured by joint pain, what can I do?", None),
    ("I drink 8 glasses of water a day, does that help joint pain?", None),
    ("can an autoimmune disease cause toothache?", None),
    ("چند ماهه دندون رو جگر گذاشتم ولی درد زانوهام بهتر نشده", None),
    ("موقع پریودی درد مفاصلم بیشتر میشه، چرا؟", None),
]


def _choose(text: str, context_subject: Optional[str] = None) -> Choice:
    text = normalise(text)
    finder = get_finder(get_knowledge(message_language(text, get_knowledge())), get_pipeline())
    return finder.choose(finder.read(text), context_subject)


@pytest.mark.parametrize("text", OTHER_AILMENTS)
@pytest.mark.parametrize("context", [None, "lupus"])  # the visitor check: after a question on lupus, too
def test_an_everyday_ailment_alone_gets_no_entry(text: str, context: Optional[str]) -> None:
    choice = _choose(text, context)
    assert choice.other_ailment and choice.entry is None, (text, choice.entry and choice.entry.id)


@pytest.mark.parametrize("text, context", OURS)
def test_with_a_condition_of_ours_or_no_ailment_the_entries_answer(text: str, context: Optional[str]) -> None:
    choice = _choose(text, context)
    assert not choice.other_ailment, text


@pytest.mark.parametrize("text, intent", [(OTHER_AILMENTS[0], "out_of_scope"), (OTHER_AILMENTS[5], "ask_treatment")])
def test_the_reply_points_to_a_doctor_in_the_language_asked(dispatcher, text: str, intent: str) -> None:
    text = normalise(text)
    language = message_language(text, get_knowledge())
    knowledge = get_knowledge(language)
    action = act.ActionOutOfScope() if intent == "out_of_scope" else act.ActionAnswerTopic()
    action.run(dispatcher, make_tracker(text, intent, language=language), {})
    [message] = dispatcher.messages
    assert message["text"].startswith(knowledge.messages["other_ailment"])
    assert message["buttons"], "the topics are offered"
    assert not any(entry.answer in message["text"] for entry in knowledge.entries)

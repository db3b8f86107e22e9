"""KNOWLEDGE_FILE is honoured alike by the spaCy build, the FAQ page and the actions (one lookup)."""

from __future__ import annotations

import spacy

from assistant import knowledge as kb
from assistant.nlp import find_entities
from assistant.nlp import main as build_spacy
from tools.faq import main as build_faq


def test_one_setting_reaches_the_spacy_build_the_faq_and_the_loader(tmp_path, knowledge_copy, monkeypatch):
    knowledge_copy.edit("en/words.yml", lambda d: d["entities"]["disease"]["lupus"]["synonyms"].append("wolf disease"))
    own = knowledge_copy.edit("en/topics.yml", lambda d: d["topics"]["stress"].update(answer="A clinic's own stress answer."))
    monkeypatch.setenv("KNOWLEDGE_FILE", str(own))

    assert kb.knowledge_path() == own
    assert kb.load_knowledge().topic("stress").answer == "A clinic's own stress answer."
    assert build_faq([str(tmp_path / "faq.html")]) == 0
    assert "A clinic&#x27;s own stress answer." in (tmp_path / "faq.html").read_text(encoding="utf-8")
    assert build_spacy([str(tmp_path / "spacy_kb")]) == 0
    found = find_entities(spacy.load(tmp_path / "spacy_kb"), "what is wolf disease?")
    assert [(e.entity, e.value) for e in found] == [("disease", "lupus")]

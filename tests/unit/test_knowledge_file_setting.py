"""KNOWLEDGE_FILE is honoured alike by the spaCy build, the FAQ page and the actions (one lookup)."""

from __future__ import annotations

import spacy
import yaml

from assistant import knowledge as kb
from assistant.nlp import find_entities
from assistant.nlp import main as build_spacy
from tools.faq import main as build_faq


def test_one_setting_reaches_the_spacy_build_the_faq_and_the_loader(tmp_path, monkeypatch):
    data = yaml.safe_load(kb.DEFAULT_KNOWLEDGE_PATH.read_text(encoding="utf-8"))
    data["entries_file"] = str(kb.DEFAULT_KNOWLEDGE_PATH.parent / data["entries_file"])
    data["entities"]["disease"]["lupus"]["synonyms"].append("wolf disease")
    next(t for t in data["topics"] if t["id"] == "stress")["answer"] = "A clinic's own stress answer."
    own = tmp_path / "clinic.yml"
    own.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_FILE", str(own))

    assert kb.knowledge_path() == own
    assert kb.load_knowledge().topic("stress").answer == "A clinic's own stress answer."
    assert build_faq([str(tmp_path / "faq.html")]) == 0
    assert "A clinic&#x27;s own stress answer." in (tmp_path / "faq.html").read_text(encoding="utf-8")
    assert build_spacy([str(tmp_path / "spacy_kb")]) == 0
    found = find_entities(spacy.load(tmp_path / "spacy_kb"), "what is wolf disease?")
    assert [(e.entity, e.value) for e in found] == [("disease", "lupus")]

"""The knowledge loader and validator, on the real file and on broken copies."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant import knowledge as kb
from assistant.knowledge import TOPIC_INTENTS, KnowledgeError, load_knowledge

ARTICLE_TOPICS = {
    "what_is_autoimmune", "pain_mechanisms", "pain_types", "joint_pain", "muscle_pain", "nerve_pain",
    "spinal_pain", "diseases_overview", "rheumatoid_arthritis", "lupus", "fibromyalgia",
    "ankylosing_spondylitis", "multiple_sclerosis", "psoriatic_arthritis", "vasculitis",
    "diagnosis_difficulty", "stress", "treatment", "capabilities",
}


def test_project_file_is_valid_and_complete(knowledge):
    assert ARTICLE_TOPICS <= {t.id for t in knowledge.topics}
    assert {v.value for v in knowledge.entity_values("pain_type")} == {"joint", "muscle", "nerve", "spinal"}
    assert {v.value for v in knowledge.entity_values("disease")} == {
        "rheumatoid_arthritis", "lupus", "fibromyalgia", "ankylosing_spondylitis",
        "multiple_sclerosis", "psoriatic_arthritis", "vasculitis",
    }
    assert {"chest_pain", "stroke", "breathing", "suicide"} <= {f.id for f in knowledge.red_flags}


def test_every_topic_is_sourced_and_short(knowledge):
    for topic in knowledge.topics:
        assert topic.source, topic.id
        assert len(topic.answer) <= kb.MAX_ANSWER_CHARS
    assert "article" in knowledge.sources


def test_treatment_topic_keeps_the_articles_points(knowledge):
    text = " ".join([knowledge.topic("treatment").answer, *knowledge.topic("treatment").bullets]).lower()
    assert "laser" in text
    assert "quality of life" in text


def test_no_dose_or_drug_quantity_anywhere(knowledge):
    texts = [knowledge.disclaimer, *knowledge.messages.values()]
    for topic in knowledge.topics:
        texts += [topic.answer, *topic.bullets]
    dose = re.compile(r"\b\d+(\.\d+)?\s?(mg|mcg|µg|ml|g|iu|units?|tablets?|pills?)\b", re.IGNORECASE)
    assert [t for t in texts if dose.search(t)] == []


def _topic(data, topic_id):
    return next(t for t in data["topics"] if t["id"] == topic_id)


def _drop_topic(data, topic_id):
    data["topics"].remove(_topic(data, topic_id))
    for topic in data["topics"]:
        topic["related"] = [r for r in topic.get("related", []) if r != topic_id]


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: _topic(d, "lupus").pop("answer"), r"topic 'lupus': missing field 'answer'"),
        (lambda d: _topic(d, "lupus").update(answer="   "), r"topic 'lupus': field 'answer' is empty"),
        (lambda d: _topic(d, "stress").update(related=["nope_topic"]), r"topic 'stress': unknown related topic 'nope_topic'"),
        (lambda d: d["topics"].append(dict(_topic(d, "stress"))), r"topic 'stress': duplicate id"),
        (lambda d: _topic(d, "stress").update(intent="ask_weather"), r"topic 'stress': no intent can reach it"),
        (lambda d: _topic(d, "lupus").update(entity={"disease": "gout"}), r"topic 'lupus': no intent can reach it"),
        (lambda d: _topic(d, "lupus").update(source=["blog"]), r"topic 'lupus': unknown source 'blog'"),
        (lambda d: _topic(d, "lupus").update(answer="x" * 700), r"topic 'lupus': answer is 700 characters"),
        (lambda d: d.pop("disclaimer"), r"top level: missing field 'disclaimer'"),
        (lambda d: d["messages"].update(diagnosis_refusal="No."), r"messages.diagnosis_refusal: must contain"),
        (
            lambda d: d["entities"]["disease"]["vasculitis"]["synonyms"].append("lupus"),
            r"entities.disease.vasculitis: synonym 'lupus' also belongs to disease.lupus",
        ),
        (
            lambda d: _drop_topic(d, "vasculitis"),
            r"entities.disease.vasculitis: no topic answers this value",
        ),
        (lambda d: d["red_flags"][0].update(patterns={"en": [[{"LEMMA": "x"}]]}), r"unsupported token keys \['LEMMA'\]"),
        (lambda d: d["red_flags"][0].update(patterns={"en": [[{"LOWER": {"IN": ["a", 20]}}]]}), r"LOWER values must be text"),
        (lambda d: d["red_flags"][0].update(level="soon"), r"red flag 'chest_pain': level must be one of emergency, urgent"),
        (lambda d: d["red_flags"][0].update(together=[["no_such_concept"]]), r"unknown concept 'no_such_concept'"),
        (lambda d: d["levels"].update(emergency="Call someone."), r"levels.emergency: must name the number"),
        (lambda d: d["red_flags"][0].update(advice="Call {ambulance}."), r"unknown placeholder \{ambulance\}"),
        (lambda d: d["test_names"]["en"].append("lupus"), r"test_names: 'lupus' is also a synonym of disease.lupus"),
        (lambda d: d["mention_cues"]["clause_breaks"]["en"].append("even though"), r"'even though' must be one word"),
    ],
    ids=[
        "missing-answer", "empty-answer", "unknown-related", "duplicate-id", "unreachable-intent",
        "unreachable-entity", "unknown-source", "answer-too-long", "no-disclaimer", "refusal-placeholder",
        "shared-synonym", "value-without-topic", "bad-red-flag-pattern", "number-in-pattern", "bad-level",
        "unknown-concept", "level-without-number", "unknown-placeholder", "test-name-is-a-synonym",
        "multi-word-clause-break",
    ],
)
def test_broken_file_is_rejected_with_file_topic_and_reason(broken_knowledge, mutate, expected):
    path = broken_knowledge(mutate)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert re.search(expected, message), message


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read the knowledge file"):
        load_knowledge(tmp_path / "absent.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("topics: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML"):
        load_knowledge(bad)


def test_every_topic_intent_has_a_general_topic(knowledge):
    general = {t.intent for t in knowledge.topics if t.entity is None}
    assert set(TOPIC_INTENTS) <= general


def test_command_line_validator(broken_knowledge, capsys):
    assert kb.main([]) == 0
    assert "OK" in capsys.readouterr().out
    path = broken_knowledge(lambda d: _topic(d, "lupus").pop("title"))
    assert kb.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "topic 'lupus': missing field 'title'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "also, expected", [(["diet"], None), (["sunshine"], "not another aspect"), (["exercise"], "not another aspect")]
)
def test_also_answers_names_other_known_aspects(tmp_path, raw_knowledge, also, expected):
    """An entry's ``also_answers`` must name aspects that exist and are not its own."""
    from assistant.knowledge import DEFAULT_KNOWLEDGE_PATH

    entries = yaml.safe_load((DEFAULT_KNOWLEDGE_PATH.parent / raw_knowledge["entries_file"]).read_text(encoding="utf-8"))
    items = entries["entries"] if isinstance(entries, dict) else entries
    entry = next(e for e in items if e["id"] == "vasculitis_exercise")
    entry["also_answers"] = also
    (tmp_path / "entries.yml").write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = dict(raw_knowledge, entries_file="entries.yml")
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if expected is None:
        assert load_knowledge(path).entry("vasculitis_exercise").aspects == ("exercise", "diet")
    else:
        with pytest.raises(KnowledgeError, match=expected):
            load_knowledge(path)

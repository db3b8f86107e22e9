"""The knowledge loader and validator, on the real file and on broken copies."""

from __future__ import annotations

import re
import shutil

import pytest

from assistant.knowledge import KnowledgeError, load_all, load_knowledge
from assistant.knowledge.__main__ import main as kb_main
from assistant.knowledge.model import MAX_ANSWER_CHARS

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
        "sjogren", "polymyalgia_rheumatica",
    }
    assert {"chest_pain", "stroke", "breathing", "suicide"} <= {f.id for f in knowledge.red_flags}


def test_every_topic_is_sourced_and_short(knowledge):
    for topic in knowledge.topics:
        assert topic.source, topic.id
        assert len(topic.answer) <= MAX_ANSWER_CHARS
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


T, TT, W, RF, TX, S = "topics.yml", "en/topics.yml", "en/words.yml", "en/red_flags.yml", "en/texts.yml", "safety.yml"


@pytest.mark.parametrize(
    "name, mutate, expected",
    [
        (TT, lambda d: d["topics"]["lupus"].pop("answer"), r"topic 'lupus': missing field 'answer'"),
        (TT, lambda d: d["topics"]["lupus"].update(answer="   "), r"topic 'lupus': field 'answer' is empty"),
        (T, lambda d: _topic(d, "stress").update(related=["nope_topic"]), r"topic 'stress': unknown related topic 'nope_topic'"),
        (T, lambda d: d["topics"].append(dict(_topic(d, "stress"))), r"topic 'stress': duplicate id"),
        (T, lambda d: _topic(d, "stress").update(intent="ask_weather"), r"topic 'stress': no intent can reach it"),
        (T, lambda d: _topic(d, "lupus").update(entity={"disease": "gout"}), r"topic 'lupus': no intent can reach it"),
        (T, lambda d: _topic(d, "lupus").update(source=["blog"]), r"topic 'lupus': unknown source 'blog'"),
        (TT, lambda d: d["topics"]["lupus"].update(answer="x" * 700), r"topic 'lupus': answer is 700 characters"),
        (TT, lambda d: d["topics"].pop("lupus"), r"topic 'lupus': missing \(every topic needs its texts here\)"),
        (TX, lambda d: d.pop("disclaimer"), r"top level: missing field 'disclaimer'"),
        (TX, lambda d: d["messages"].update(diagnosis_refusal="No."), r"messages.diagnosis_refusal: must contain"),
        (
            W, lambda d: d["entities"]["disease"]["vasculitis"]["synonyms"].append("lupus"),
            r"entities.disease.vasculitis: synonym 'lupus' also belongs to disease.lupus",
        ),
        (T, lambda d: d["topics"].remove(_topic(d, "vasculitis")), r"en/topics.yml: topic 'vasculitis': unknown"),
        (RF, lambda d: d["groups"]["chest_pain"].update(patterns=[[{"LEMMA": "x"}]]), r"unsupported token keys \['LEMMA'\]"),
        (RF, lambda d: d["groups"]["chest_pain"].update(patterns=[[{"LOWER": {"IN": ["a", 20]}}]]), r"LOWER values must be text"),
        (RF, lambda d: d["groups"]["chest_pain"].update(patterns=[[{"LOWER": "x", "OP": "!"}]]), r"OP '!' is not supported"),
        (RF, lambda d: d["groups"]["chest_pain"].update(patterns=[[{"LOWER": {"FUZZY": "x"}}]]), r"FUZZY is not supported"),
        (S, lambda d: d["red_flags"][0].update(level="soon"), r"red flag 'chest_pain': level must be one of emergency, urgent"),
        (S, lambda d: d["red_flags"][0].update(together=[["no_such_concept"]]), r"unknown concept 'no_such_concept'"),
        (RF, lambda d: d["concept_patterns"].update(no_such_concept=[[{"LOWER": "x"}]]),
         r"red_flag_concept_patterns.no_such_concept: unknown concept"),
        (RF, lambda d: d["concept_patterns"].update(stiff_neck=[[{"LEMMA": "x"}]]), r"unsupported token keys \['LEMMA'\]"),
        (RF, lambda d: d["groups"].update(no_such_group={"phrases": ["x"]}), r"red flag 'no_such_group': unknown"),
        (TX, lambda d: d["levels"].update(emergency="Call someone."), r"levels.emergency: must name the number"),
        (TX, lambda d: d["red_flags"]["chest_pain"].update(advice="Call {ambulance}."), r"unknown placeholder \{ambulance\}"),
        (W, lambda d: d["test_names"].append("lupus"), r"test_names: 'lupus' is also a synonym of disease.lupus"),
        (W, lambda d: d["not_covered"].append("toothache"),
         r"not_covered: 'toothache' is also in retrieval.other_ailments: keep it in one list"),
        (W, lambda d: d["mention_cues"]["clause_breaks"].append("even though"), r"'even though' must be one word"),
        ("settings.yml", lambda d: d["emergency"].update(emergency_number=" "), r"emergency: field 'emergency_number' is empty"),
        ("sources.yml", lambda d: d["sources"].update(blog={"institute": "A blog"}), r"sources.blog: must be \{citation"),
        ("sources.yml", lambda d: d["sources"].update(blog={"citation": "A blog", "publisher": "blogs"}),
         r"sources.blog: publisher 'blogs' has no name under 'publishers'"),
        ("en/entries.yml", lambda d: d["entries"]["lupus_what"].pop("reviewed"),
         r"entries.yml: entry 'lupus_what': no review recorded"),
        ("structure.yml", lambda d: d["entities"]["disease"].append("gout"), r"entities.disease.gout: missing"),
        ("entries.yml", lambda d: d["entries"][0].update(aspect="taste"), r"unknown aspect 'taste'"),
        ("en/entries.yml", lambda d: d["entries"]["lupus_what"].update(examples=["one"]), r"entry 'lupus_what': 1 examples"),
        # a Persian file's error names the Persian file, and the pattern's place in its list (review 12)
        ("fa/red_flags.yml", lambda d: d.update(exception_patterns=[[{"LOWER": "x"}], [{"LEMMA": "x"}]]),
         r"exception_patterns.fa\[1\]: unsupported token keys"),
        (RF, lambda d: d["groups"]["chest_pain"].update(patterns=[[{"LOWER": "Since"}]]), r"LOWER values must be lowercase"),
        # a combination may lean on another group found now, but only on one that exists and leans on none
        (S, lambda d: d["red_flags"][0].update(together=[["group:no_such_group", "chest"]]),
         r"red flag 'chest_pain': 'group:no_such_group' in 'together' names no other red-flag group"),
        (S, lambda d: d["red_flags"][0].update(together=[["group:sepsis", "chest"]]),
         r"red flag 'chest_pain': 'group:sepsis' names a group that itself leans on groups"),
    ],
    ids=[
        "missing-answer", "empty-answer", "unknown-related", "duplicate-id", "unreachable-intent",
        "unreachable-entity", "unknown-source", "answer-too-long", "topic-without-text", "no-disclaimer",
        "refusal-placeholder", "shared-synonym", "text-without-topic", "bad-red-flag-pattern", "number-in-pattern",
        "unsupported-op", "unsupported-value-kind",
        "bad-level", "unknown-concept", "concept-pattern-of-unknown-concept",
        "bad-concept-pattern", "words-of-unknown-group", "level-without-number", "unknown-placeholder",
        "test-name-is-a-synonym", "not-covered-and-other-ailment", "multi-word-clause-break", "empty-emergency-number",
        "bad-source",
        "unnamed-publisher", "no-review",
        "value-without-words", "unknown-aspect", "too-few-examples", "persian-pattern-names-its-file", "capital-lower",
        "unknown-group-part", "group-part-that-leans",
    ],
)
def test_broken_file_is_rejected_naming_the_file_the_place_and_the_reason(knowledge_copy, name, mutate, expected):
    manifest = knowledge_copy.edit(name, mutate)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(manifest)
    message = str(error.value)
    assert re.search(expected, message), message
    expected_file = name if "en/topics.yml" not in expected else "en/topics.yml"
    if expected_file == "structure.yml":
        expected_file = "en/words.yml"  # a new value needs its words: the file to fix next
    assert message.startswith(str(knowledge_copy.file(expected_file)) + ":"), message


def test_missing_file_and_bad_yaml(tmp_path, knowledge_copy):
    with pytest.raises(KnowledgeError, match="cannot read the knowledge file"):
        load_knowledge(tmp_path / "absent.yml")
    knowledge_copy.file("en/words.yml").write_text("retrieval: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"en/words.yml: not valid YAML"):
        load_knowledge(knowledge_copy.manifest)
    knowledge_copy.file("en/words.yml").unlink()
    with pytest.raises(KnowledgeError, match=r"en/words.yml: cannot read the knowledge file"):
        load_knowledge(knowledge_copy.manifest)
    knowledge_copy.manifest.write_text("version: 1\nlanguages: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"knowledge.yml: top level: 'languages' must list"):
        load_knowledge(knowledge_copy.manifest)


def test_every_topic_intent_has_a_general_topic(knowledge):
    general = {t.intent for t in knowledge.topics if t.entity is None}
    assert set(knowledge.structure.topic_intents) <= general


def test_lists_in_code_come_from_the_structure_file(knowledge_copy):
    """Adding a condition touches data only: its value, words, label, topic and entries."""
    folder = knowledge_copy
    folder.edit("structure.yml", lambda d: d["entities"]["disease"].append("scleroderma"))
    folder.edit("en/words.yml", lambda d: d["entities"]["disease"].update(scleroderma={"synonyms": ["scleroderma"]}))
    folder.edit("en/words.yml", lambda d: d.update(not_covered=[w for w in d["not_covered"] if "scleroderma" not in w]))
    for lang in ("en", "fa"):
        folder.edit(f"{lang}/texts.yml", lambda d: d["entity_labels"]["disease"].update(scleroderma="Scleroderma"))
        folder.edit(f"{lang}/texts.yml", lambda d: d["entity_names"]["disease"].update(scleroderma="scleroderma"))
        folder.edit(f"{lang}/topics.yml", lambda d: d["topics"].update(scleroderma={"title": "Scleroderma", "answer": "Skin."}))
        folder.edit(f"{lang}/entries.yml", lambda d: d["entries"].update(scleroderma_what={
            "title": "What is scleroderma?", "answer": "An answer.",
            "examples": ["what is scleroderma", "scleroderma?", "define it"],
            "reviewed": {"by": "a test", "date": "2026-12-06"}}))
    folder.edit("topics.yml", lambda d: d["topics"].append(
        {"id": "scleroderma", "intent": "ask_disease", "entity": {"disease": "scleroderma"}, "source": ["article"]}))
    folder.edit("entries.yml", lambda d: d["entries"].append(
        {"id": "scleroderma_what", "subject": "scleroderma", "aspect": "what", "source": ["article"]}))
    knowledge = load_knowledge(folder.manifest)
    assert "scleroderma" in knowledge.structure.subjects
    assert knowledge.entry("scleroderma_what").subject == "scleroderma"
    assert knowledge.canonical_value("disease", "Scleroderma") == "scleroderma"


def test_settings_file_and_environment(knowledge_copy):
    """The operator's file sets the numbers and the clinic; the environment overrides both."""
    manifest = knowledge_copy.edit("settings.yml", lambda d: (
        d["emergency"].update(emergency_number="999"), d["clinic"].update(name="Example Clinic", phone="+98 21 0000")))
    knowledge = load_knowledge(manifest, environ={})
    assert knowledge.emergency.emergency_number == "999" and "999" in knowledge.disclaimer
    assert knowledge.clinic == {"name": "Example Clinic", "phone": "+98 21 0000"}
    assert load_knowledge(manifest, environ={"EMERGENCY_NUMBER": "115"}).emergency.emergency_number == "115"
    from assistant.clinic import clinic_contact

    assert clinic_contact(knowledge.clinic, environ={}).lines() == ["Phone: +98 21 0000"]
    assert clinic_contact(knowledge.clinic, environ={"CLINIC_PHONE": "1"}).lines() == ["Phone: 1"]


def test_command_line_validator(knowledge_copy, capsys):
    assert kb_main([]) == 0
    assert "OK" in capsys.readouterr().out
    path = knowledge_copy.edit(TT, lambda d: d["topics"]["lupus"].pop("title"))
    assert kb_main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "topic 'lupus': missing field 'title'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "also, expected", [(["diet"], None), (["sunshine"], "not another aspect"), (["exercise"], "not another aspect")]
)
def test_also_answers_names_other_known_aspects(knowledge_copy, also, expected):
    """An entry's ``also_answers`` must name aspects that exist and are not its own."""
    manifest = knowledge_copy.edit("entries.yml", lambda d: next(
        e for e in d["entries"] if e["id"] == "vasculitis_exercise").update(also_answers=also))
    if expected is None:
        assert load_knowledge(manifest).entry("vasculitis_exercise").aspects == ("exercise", "diet")
    else:
        with pytest.raises(KnowledgeError, match=expected):
            load_knowledge(manifest)


def test_a_second_language_folder_adds_its_words_and_its_mistakes_are_named(knowledge_copy):
    folder = knowledge_copy
    shutil.copytree(folder.file("en"), folder.file("xx"))
    folder.edit("knowledge.yml", lambda d: d.update(languages=[*d["languages"], "xx"]))
    folder.edit("xx/words.yml", lambda d: d["entities"]["disease"]["lupus"]["synonyms"].append("lupusxx"))
    assert load_knowledge(folder.manifest).canonical_value("disease", "lupusxx") == "lupus"
    folder.edit("xx/words.yml", lambda d: d["entities"]["disease"].update(lupuss={"synonyms": ["x"]}))
    with pytest.raises(KnowledgeError, match=r"xx/words.yml: entities.disease.lupuss: unknown value"):
        load_knowledge(folder.manifest)


def test_an_entry_without_a_review_date_in_any_language_fails_the_check(knowledge_copy):
    """``make validate-knowledge`` (and so ``make test``) refuses a Persian entry whose review date is not a date."""
    manifest = knowledge_copy.edit("fa/entries.yml", lambda d: d["entries"]["lupus_what"]["reviewed"].update(date="last week"))
    with pytest.raises(KnowledgeError, match=r"fa/entries.yml: entry 'lupus_what': reviewed.date must be a date"):
        load_all(manifest)
    assert all(entry.reviewed[1] for entry in load_all()["fa"].entries)


def test_the_knowledge_is_loaded_once_whether_its_language_is_named_none_or_not_at_all():
    """A button payload's action asks for get_knowledge(None): it must not parse the files again (seconds)."""
    from assistant.knowledge import get_knowledge

    first = get_knowledge()
    assert get_knowledge(None) is first and get_knowledge(first.language) is first


def test_condition_pains_name_conditions_and_pain_types(knowledge_copy):
    """The check names the file and the place of a wrong ``condition_pains`` line (structure.yml)."""
    structure = knowledge_copy.file("structure.yml")
    text = structure.read_text(encoding="utf-8")
    structure.write_text(text.replace("lupus: [joint, muscle]", "lupus: [joint, ears]"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"structure.yml.*condition_pains.lupus.*'ears' is not a pain type"):
        load_knowledge(knowledge_copy.manifest)
    structure.write_text(text.replace("lupus: [joint, muscle]", "lupus: [joint, joint]"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"condition_pains.lupus.*listed twice"):
        load_knowledge(knowledge_copy.manifest)
    structure.write_text(text.replace("lupus: [joint, muscle]", "gout: [joint]"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"condition_pains.gout.*'gout' is not a condition"):
        load_knowledge(knowledge_copy.manifest)

"""The spaCy rules built from the knowledge file: entities and red flags."""

from __future__ import annotations

import pytest
import spacy

from assistant.nlp import TOKEN_PATTERNS_META, build_pipeline, find_entities, get_pipeline, red_flag_spans, save_pipeline
from assistant.safety import find_red_flags


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline()


def test_pipeline_is_blank_english_with_rule_components(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentencizer", "span_ruler", "entity_ruler"]  # the span ruler first: it loads fast


def test_every_synonym_in_the_knowledge_file_is_recognised(knowledge, nlp):
    missed = []
    for item in knowledge.entities:
        for synonym in item.synonyms:
            for text in (f"tell me about {synonym} please", f"{synonym.upper()}?"):
                found = {(e.entity, e.value) for e in find_entities(nlp, text)}
                if (item.entity, item.value) not in found:
                    missed.append((text, item.value))
    assert missed == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("why does lupus hurt so much?", {("disease", "lupus")}),
        ("my back is stiff in the morning", {("pain_type", "spinal")}),
        ("RA and SLE with pins and needles", {("disease", "rheumatoid_arthritis"), ("disease", "lupus"), ("pain_type", "nerve")}),
        ("Bechterew's disease and a stiff neck", {("disease", "ankylosing_spondylitis"), ("pain_type", "spinal")}),
        ("please call me back tomorrow", set()),
        ("we have a joint account", set()),
        ("the weather is nice", set()),
    ],
)
def test_entities_with_canonical_values(nlp, text, expected):
    assert {(e.entity, e.value) for e in find_entities(nlp, text)} == expected


def test_entity_offsets_point_at_the_words(nlp):
    text = "Does SLE cause nerve pain?"
    spans = {text[e.start:e.end] for e in find_entities(nlp, text)}
    assert spans == {"SLE", "nerve pain"}


@pytest.mark.parametrize(
    "text, flag",
    [
        ("I have chest pain right now", "chest_pain"),
        ("what does lupus do to joints? also I have crushing chest pain right now", "chest_pain"),
        ("my face is drooping and my speech is slurred", "stroke"),
        ("I CAN'T BREATHE", "breathing"),
        ("i cant breathe properly", "breathing"),
        ("sometimes I want to end my life", "suicide"),
        ("I passed out in the kitchen", "fainting_seizure"),
    ],
)
def test_red_flags_are_found(knowledge, text, flag):
    assert flag in {f.id for f in find_red_flags(text, knowledge)}


@pytest.mark.parametrize(
    "text",
    ["my back hurts when I sit", "does stress make it worse?", "how is lupus treated", "", "   ", "I can breathe fine"],
)
def test_ordinary_questions_have_no_red_flag(knowledge, text):
    assert find_red_flags(text, knowledge) == []


def test_every_red_flag_phrase_triggers_its_flag(knowledge, nlp):
    for flag in knowledge.red_flags:
        for phrase in flag.phrases:
            assert flag in find_red_flags(f"help, {phrase} now", knowledge, nlp), phrase


def test_saved_pipeline_loads_by_path_and_matches_the_same(knowledge, tmp_path):
    out = save_pipeline(knowledge, tmp_path / "spacy_kb")
    loaded = spacy.load(out)
    built = build_pipeline(knowledge)
    text = "what does fibro do to muscles? i also can't breathe"
    assert find_entities(loaded, text) == find_entities(built, text)
    loaded_doc, built_doc = loaded(text), built(text)
    loaded_spans = red_flag_spans(loaded_doc, knowledge, loaded, words=[t.lower_ for t in loaded_doc], language="en")
    built_spans = red_flag_spans(built_doc, knowledge, built, words=[t.lower_ for t in built_doc], language="en")
    labels = {s.label_ for s in loaded_spans}
    assert "breathing" in labels and labels == {s.label_ for s in built_spans}
    assert loaded.meta[TOKEN_PATTERNS_META] == built.meta[TOKEN_PATTERNS_META]  # the token rules travel in the meta


@pytest.mark.parametrize("text, value", [
    ("فیبروم خیلی درد داره ارثیه؟", "fibromyalgia"),  # "my fibro"
    ("روماتیسمم ارثیه؟", "rheumatoid_arthritis"),
    ("بهجتش واگیر داره؟", "vasculitis"),  # "his Behçet's"
    ("ASم ارثیه؟", "ankylosing_spondylitis"),
])
def test_a_persian_pronoun_ending_keeps_the_condition(nlp, text, value):
    from assistant.normalise import normalise

    assert [(ent.label_, ent.ent_id_) for ent in nlp(normalise(text)).ents] == [("disease", value)]


def test_only_one_word_persian_names_get_pronoun_endings():
    from assistant.nlp import persian_spellings

    assert persian_spellings(["لوپوس", "lupus", "ام اس"]) == [
        "لوپوس", "lupus", "ام اس", "لوپوسم", "لوپوست", "لوپوسش", "لوپوسمون", "لوپوستون", "لوپوسشون", "لوپوسه"]


def test_a_name_typed_without_the_madda_is_the_same_condition(nlp):
    from assistant.normalise import normalise

    for text in ("ارتریت روماتوئید ارثیه؟", "آرتریت روماتوئید ارثیه؟"):
        assert [(ent.label_, ent.ent_id_) for ent in nlp(normalise(text)).ents] == [("disease", "rheumatoid_arthritis")]

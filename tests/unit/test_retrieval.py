"""Choosing the entry: subject by rules, aspect by the classifier, honest unknowns, follow-ups."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import pytest

from actions import actions as act
from assistant.knowledge import Knowledge
from assistant.nlp import get_pipeline
from assistant.retrieval import Choice, EntryFinder, get_finder
from tests.conftest import make_tracker


def choose(finder: EntryFinder, text: str, subject: Optional[str] = None, entry: Optional[str] = None) -> Choice:
    """The choice for ``text``, read once, in a conversation about ``subject`` whose last answer was ``entry``."""
    return finder.choose(finder.read(text), subject, entry)


@pytest.fixture(scope="module")
def finder(knowledge: Knowledge) -> EntryFinder:
    return get_finder(knowledge, get_pipeline())


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    from assistant.knowledge import get_knowledge

    return get_knowledge()


@pytest.mark.parametrize(
    "question, entry",
    [
        ("Can lupus be cured?", "lupus_outlook"),
        ("my husband has ankylosing spondylitis, is it something our kids could get?", "ankylosing_spondylitis_heredity"),
        ("Can I get pregnant if I have lupus?", "lupus_pregnancy"),
        ("is exercise good for ankylosing spondylitis?", "ankylosing_spondylitis_exercise"),
        ("what kind of doctor should I see for joint pain?", "autoimmune_specialist"),
        ("what kinds of pain do autoimmune diseases cause", "autoimmune_symptoms"),
        ("is rhuematoid artritis hereditary", "rheumatoid_arthritis_heredity"),
        ("what is AS? my son's doctor mentioned it", "ankylosing_spondylitis_what"),
        ("what is the difference between osteoarthritis and rheumatoid arthritis", "comparison_oa_vs_ra"),
        ("I had a stroke in 2015, is MS similar?", "comparison_ms_vs_stroke"),
        ("I have no fever, just the usual joint pain, is RA hereditary?", "rheumatoid_arthritis_heredity"),
    ],
)
def test_questions_find_their_entry(finder, question, entry):
    choice = choose(finder, question)
    assert choice.entry is not None and choice.entry.id == entry


def test_a_subject_and_an_aspect_never_seen_together_still_work(knowledge):
    """ "Is MS hereditary?" finds MS's heredity entry when only other conditions' examples say "hereditary"."""
    blind = tuple(
        replace(e, title="Multiple sclerosis question", examples=("ms question one", "ms question two", "ms question three"))
        if e.id == "multiple_sclerosis_heredity" else e
        for e in knowledge.entries
    )
    finder = EntryFinder(replace(knowledge, entries=blind), get_pipeline())
    assert choose(finder, "Is MS hereditary?").entry.id == "multiple_sclerosis_heredity"


@pytest.mark.parametrize(
    "question, thing",
    [
        ("IS THE UVEITIS, AN AUTOIMMUNE DISEASE?", "UVEITIS"),
        ("My wife has Systemic Lupus and still gets SEVERE leg cramps. What can she do?", "leg cramps"),
        ("is hydroxychloroquine safe for my eyes?", "hydroxychloroquine"),
    ],
)
def test_what_is_not_covered_is_said_so_never_answered_with_another_entry(finder, question, thing):
    choice = choose(finder, question)
    assert choice.entry is None
    assert thing in choice.unknown
    assert choice.nearest


def test_follow_ups_keep_the_subject_and_a_new_one_replaces_it(finder):
    first = choose(finder, "what is lupus?")
    assert first.entry.id == "lupus_what"
    follow = choose(finder, "is it hereditary?", first.subject, first.entry.id)
    assert follow.entry.id == "lupus_heredity"
    switched = choose(finder, "and for MS?", follow.subject, follow.entry.id)
    assert switched.entry.id == "multiple_sclerosis_heredity" and switched.subject == "multiple_sclerosis"
    treated = choose(finder, "how is it treated?", "ankylosing_spondylitis", "ankylosing_spondylitis_what")
    assert treated.entry.id == "ankylosing_spondylitis_treatment"


@pytest.mark.parametrize(
    "first, entry, follow_up, expected",
    [
        ("how do they treat RA", "rheumatoid_arthritis_treatment", "and lupus?", "lupus_treatment"),
        ("can lupus affect a pregnancy", "lupus_pregnancy", "and with MS?", "multiple_sclerosis_pregnancy"),
        ("who gets lupus", "lupus_who", "ok and what about for RA then?", "rheumatoid_arthritis_who"),
    ],
)
def test_a_subject_alone_asks_the_last_question_again(finder, first, entry, follow_up, expected):
    """ "and lupus?" names a subject and nothing else: the last aspect, whatever the classifier thinks of two words."""
    asked = choose(finder, first)
    assert asked.entry.id == entry
    assert choose(finder, follow_up, asked.subject, asked.entry.id).entry.id == expected


def test_a_follow_up_about_an_aspect_the_new_subject_lacks_is_an_honest_unknown(knowledge):
    """ "and for fibromyalgia?" after "is RA hereditary?": were there no entry on fibromyalgia's heredity (the grid
    has none empty today, so one is taken away), not its nearest answer."""
    without = tuple(e for e in knowledge.entries if e.id != "fibromyalgia_heredity")
    finder = EntryFinder(replace(knowledge, entries=without, _entries={}, _by_id={}, _canonical={}), get_pipeline())
    choice = choose(finder, "what about for fibromyalgia?", "rheumatoid_arthritis", "rheumatoid_arthritis_heredity")
    assert choice.entry is None and "fibromyalgia" in choice.unknown.lower() and choice.nearest


def test_a_follow_up_keeps_the_subject_and_takes_a_shared_entry_that_covers_it(finder):
    """ "and for lupus?" after "can she work with RA?": the shared work entry is true for lupus too."""
    choice = choose(finder, "what about for lupus?", "rheumatoid_arthritis", "rheumatoid_arthritis_work")
    assert choice.entry.id == "autoimmune_work" and "lupus" in choice.entry.covers and choice.subject == "lupus"


@pytest.mark.parametrize("question, entry", [
    ("is lupus contagious?", "autoimmune_contagious"),
    ("can I catch MS from my flatmate", "autoimmune_contagious"),
    ("is behcet's contagious", "vasculitis_behcet_contagious"),
    ("what is sjogren's", "sjogren_what"),
    ("my behcets gets worse when im stressed", "vasculitis_stress"),
    ("are herbal remedies safe with fibromyalgia", "autoimmune_complementary"),
])
def test_a_condition_without_its_own_entry_gets_the_shared_one_that_covers_it(finder, question: str, entry: str):
    choice = choose(finder, question)
    assert choice.entry is not None and choice.entry.id == entry, choice


def test_thanks_alone_is_not_a_follow_up(finder):
    assert choose(finder, "ok thanks", "lupus", "lupus_pregnancy").entry is None


@pytest.mark.parametrize("question", ["is fibro autoimmune?", "Is fibromyalgia really an autoimmune disease or not"])
def test_asking_whether_a_condition_is_autoimmune_gets_the_comparison(finder, question):
    assert choose(finder, question).entry.id == "comparison_fibromyalgia_vs_autoimmune"


def test_is_it_autoimmune_asks_about_the_condition_under_discussion(finder):
    """ "is that an autoimmune thing?" after fibromyalgia: the comparison, and fibromyalgia stays the subject."""
    asked = choose(finder, "is that an autoimmune thing?", "fibromyalgia", "fibromyalgia_what")
    assert asked.entry.id == "comparison_fibromyalgia_vs_autoimmune" and asked.subject == "fibromyalgia"
    assert choose(finder, "which doctor treats it?", asked.subject, asked.entry.id).entry.id == "fibromyalgia_specialist"
    assert choose(finder, "is lupus an autoimmune disease?").entry.id == "lupus_what"
    like = choose(finder, "is it an autoimmune disease like lupus?", "fibromyalgia", "fibromyalgia_what")
    assert like.entry.id == "comparison_fibromyalgia_vs_autoimmune"  # lupus is the example, fibromyalgia the question
    assert choose(finder, "are autoimmune diseases hereditary?").entry.id == "autoimmune_heredity"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("is that in my head or is it real? my RA flares whenever i'm stressed", "rheumatoid_arthritis_stress"),
        ("does exercise make any difference for lupus?", "lupus_exercise"),
        ("how is inflammatory back pain different from an ordinary sore back?", None),
    ],
)
def test_a_comparison_needs_both_of_its_sides(finder, question, expected):
    """Comparison words alone ("or is it", "difference") do not make a question about lupus vs RA."""
    choice = choose(finder, question)
    assert (choice.entry.id if choice.entry else None) != "comparison_lupus_vs_ra"
    if expected:
        assert choice.entry.id == expected
    assert not (choice.entry and choice.entry.subject == "comparison")


def test_one_side_named_and_the_other_under_discussion_is_a_comparison(finder):
    assert choose(finder, "how is that different from a stroke?", "multiple_sclerosis").entry.id == "comparison_ms_vs_stroke"


@pytest.mark.parametrize(
    "question, thing",
    [
        ("what is the best treatment for heartburn", "heartburn"),
        ("how do i lower my cholesterol", "cholesterol"),
        ("what are the symptoms of appendicitis?", "appendicitis"),
    ],
)
def test_a_question_about_nothing_we_know_is_an_honest_unknown(finder, question, thing):
    """No condition, no pain, and a word no entry uses: not the general autoimmune answer."""
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown == thing


def test_the_unknown_thing_is_a_few_of_the_askers_words_and_only_for_a_question(finder):
    # (glucosamine and turmeric are the curators' words for complementary remedies: a question naming them gets that entry)
    choice = choose(finder, "what are the best krill oil astaxanthin coenzyme capsules?")
    assert choice.entry is None and 1 <= len(choice.unknown.split()) <= 3
    assert choose(finder, "my daughter was diagnosed yesterday").unknown is None  # tells, does not ask


def test_words_after_autoimmune_do_not_make_it_a_question_about_a_condition(finder):
    """ "autoimmune diseases, is it hereditary?" asks about heredity in general, not "is fibromyalgia autoimmune"."""
    choice = choose(finder, "autoimmune diseases, is it hereditary?", "fibromyalgia", "fibromyalgia_what")
    assert choice.entry.id == "autoimmune_heredity"


@pytest.mark.parametrize("text", ["do i have the symptoms of lupus?", "do I have early signs of RA?", "could I have MS",
                                  "do I have it?", "is it lupus?", "is this fibromyalgia or something else?"])
def test_a_request_to_be_diagnosed_a_few_words_before_the_condition_is_one(finder, text):
    assert finder.asks_for_a_diagnosis(finder.read(text))


@pytest.mark.parametrize("text", ["Is AS hereditary, could I have got it from him?",
                                  "what kind of doctor should I see if I think I have lupus",
                                  "do I have to see a rheumatologist for joint pain?",
                                  "Is it true that fibromyalgia is caused by an old injury?",
                                  "is it a myth that lupus only affects women?"])
def test_questions_with_do_i_have_that_are_not_requests(finder, text):
    """ "Is it true that ..." asks about a claim (not_a_request_after), not to be diagnosed."""
    assert not finder.asks_for_a_diagnosis(finder.read(text))


@pytest.mark.parametrize("question, entry", [("waht are teh treatmnets", "autoimmune_treatment"),
                                             ("why do autoimmune flares happen", "autoimmune_triggers")])
def test_typos_and_our_own_words_are_not_unknown(finder, question, entry):
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize("question, entry", [("what causes multiple sklerosis", "multiple_sclerosis_causes"),
                                             ("is ankylosing spondilytus hereditary", "ankylosing_spondylitis_heredity")])
def test_misspelt_names_of_several_words_are_found(finder, question, entry):
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize("question, entry", [("is there a diet for vasculitis?", "vasculitis_exercise"),
                                             ("how do they diagnose muscle pain?", "muscle_treatment")])
def test_an_entry_answers_the_other_aspects_it_covers(finder, question, entry):
    """ "Can exercise or diet help with vasculitis?" also answers the diet question: not "I don't have information"."""
    assert choose(finder, question).entry.id == entry


def test_every_entry_is_reached_by_its_own_question(finder, knowledge):
    missed = [e.id for e in knowledge.entries if (choose(finder, e.title).entry or e).id != e.id]
    assert len(missed) <= len(knowledge.entries) // 20, missed


@pytest.mark.parametrize(
    "text, intent, action, entry",
    [
        ("if I have lupus, can I still get pregnant?", "request_diagnosis", act.ActionRefuseDiagnosis, "lupus_pregnancy"),
        ("my mother has fibromyalgia, what helps her sleep?", "request_diagnosis", act.ActionRefuseDiagnosis,
         "fibromyalgia_sleep"),
        ("what kind of doctor should I see for joint pain?", "request_medication", act.ActionRefuseMedication,
         "autoimmune_specialist"),
    ],
)
def test_refusals_fire_only_on_what_they_are(knowledge, dispatcher, text, intent, action, entry):
    action().run(dispatcher, make_tracker(text, intent), {})
    assert dispatcher.messages[0]["text"].startswith(knowledge.entry(entry).answer)


def test_a_real_diagnosis_request_is_still_refused(knowledge, dispatcher):
    act.ActionRefuseDiagnosis().run(dispatcher, make_tracker("do I have lupus?", "request_diagnosis"), {})
    assert "can't tell you whether you have" in dispatcher.messages[0]["text"]
    act.ActionRefuseMedication().run(dispatcher, make_tracker("how much ibuprofen can I take?", "request_medication"), {})
    assert dispatcher.messages[1]["text"].startswith(knowledge.messages["medication_refusal"])


def test_a_disease_topic_answer_and_a_refusal_about_a_disease_keep_it_as_the_subject(knowledge, dispatcher):
    """When no entry fits, the disease's topic answers, and "what causes it?" next is still about lupus."""
    from assistant import replies as r

    lupus = next(t for t in knowledge.topics if t.entity == ("disease", "lupus"))
    assert r.topic_reply(knowledge, lupus).subject == "lupus"
    assert r.diagnosis_refusal(knowledge, "Lupus (SLE)", lupus).subject == "lupus"
    assert r.diagnosis_refusal(knowledge, None, None).subject is None


def test_answers_set_the_subject_for_the_next_turn(knowledge, dispatcher):
    events = act.ActionAnswerTopic().run(dispatcher, make_tracker("what is lupus?", "ask_disease"), {})
    assert {e["name"]: e["value"] for e in events} == {"language": "en", "subject": "lupus", "last_entry": "lupus_what"}
    assert dispatcher.messages[0]["text"].endswith(knowledge.disclaimer)


@pytest.mark.parametrize(
    "question, entry",
    [
        ("what is ankylosing spondylitis? my boyfriend was diagnosed yesterday and he also has crohns",
         "ankylosing_spondylitis_what"),
        ("My mum has lupus and I have Raynaud's. Does lupus run in families?", "lupus_heredity"),
        ("I have SLE and I'm on hydroxychloroquine. my job is really stressful, does stress make lupus worse?",
         "lupus_stress"),
    ],
)
def test_what_a_story_names_in_passing_does_not_hide_the_question(finder, question, entry):
    """A condition or medicine we do not cover, told before a question about one we do, does not make it unknown."""
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize(
    "question, thing",
    [
        ("My mum has lupus. Is gout hereditary?", "gout"),  # the asking sentence names it
        ("I have gout. Is it hereditary?", "gout"),  # the asking sentence names nothing we cover
        ("I have lupus and gout, is it hereditary?", "gout"),  # one sentence: both are asked about
        ("I have round bald patches, the doctor said alopecia areata. Will my hair grow back?", "alopecia areata"),
    ],
)
def test_what_the_question_itself_asks_about_stays_not_covered(finder, question, thing):
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown.lower() == thing


def test_the_asking_sentence_says_what_is_asked_when_the_story_says_something_else(finder):
    assert choose(finder, "can vasculitis be cured? my mums been on treatment 6 months").entry.id == "vasculitis_outlook"
    assert choose(finder, "My brother has vasculitis after a rash and kidney problems. what is vasculitis?"
                         ).entry.id == "vasculitis_what"


@pytest.mark.parametrize(
    "question",
    ["my CRP came back at 38 today, what does that mean?", "rheumatoid factor 80 what does that number mean",
     "what is a normal ESR for a woman of 50", "I have RA and my ESR is high, is that bad?"],
)
def test_ones_own_test_result_is_for_the_doctor(finder, question):
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown


@pytest.mark.parametrize(
    "question, entry",
    [
        ("is the ANA test used to diagnose lupus?", "lupus_diagnosis"),
        ("My ANA came back positive and my doctor says it might be lupus. How do they confirm lupus?", "lupus_diagnosis"),
    ],
)
def test_a_test_named_in_a_question_about_diagnosis_is_answered(finder, question, entry):
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize(
    "question",
    ["whats the phone number for the rheumatology department, I need to move my RA appointment",
     "can I book an appointment with the MS nurse through this chat?",
     "can you recommend a good rheumatologist in Manchester for my RA"],
)
def test_front_desk_requests_get_the_clinics_contact_details(knowledge, finder, dispatcher, question):
    from assistant import replies as r
    from assistant.clinic import clinic_contact

    assert choose(finder, question).for_the_clinic
    act.ActionFallback().run(dispatcher, make_tracker(question, "nlu_fallback"), {})
    assert dispatcher.messages[0]["text"] == r.render(knowledge, r.contact_reply(knowledge, clinic_contact(knowledge.clinic)))


def test_a_test_result_with_no_condition_named_is_not_a_diagnosis_question(finder):
    choice = choose(finder, "rheumatoid factor negative but anti-CCP positive, what does that mean for me")
    assert choice.entry is None and choice.unknown


@pytest.mark.parametrize("question, thing", [("is osteoarthritis hereditary? my mum had both hips replaced", "osteoarthritis"),
                                             ("how is a stroke treated", "stroke")])
def test_a_condition_we_only_compare_with_asked_about_alone_is_not_covered(finder, question, thing):
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown == thing


@pytest.mark.parametrize("question, entry", [("what is osteoarthritis?", "comparison_oa_vs_ra"),
                                             ("ok so what causes arthralgia then", "joint_causes")])
def test_what_such_a_condition_is_and_symptom_words_are_still_answered(finder, question, entry):
    assert choose(finder, question).entry.id == entry


def test_passing_it_to_other_people_asks_whether_it_is_contagious(finder):
    choice = choose(finder, "Can vasculitis be passed to other people? My grandson is staying with us")
    assert choice.entry is not None and choice.entry.aspect == "contagious" and "vasculitis" in choice.entry.covers


@pytest.mark.parametrize(
    "question, entry",
    [
        ("At my appointment the doctor said it might be lupus. What are the symptoms of lupus?", "lupus_symptoms"),
        ("Is yoga a good one in fibromyalgia?", "fibromyalgia_exercise"),
        ("Is lupus more common in my area?", "lupus_who"),
    ],
)
def test_a_health_question_with_clinic_words_in_it_is_still_answered(finder, question, entry):
    choice = choose(finder, question)
    assert not choice.for_the_clinic and choice.entry.id == entry


@pytest.mark.parametrize(
    "question, entry",
    [
        ("I'm 45 and had an MRI last year, what are the early signs of MS?", "multiple_sclerosis_symptoms"),
        ("I had an MRI 2 weeks ago and they said it might be MS, what are the symptoms of MS?", "multiple_sclerosis_symptoms"),
        ("My daughter Ana has lupus, what is lupus exactly?", "lupus_what"),
    ],
)
def test_an_age_a_time_or_a_name_is_not_a_test_result(finder, question, entry):
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize(
    "question, thing",
    [
        ("I've just started methotrexate for my RA. Is it safe to drink alcohol with RA?", "methotrexate"),
        ("I've started methotrexate. Can I get pregnant with lupus while on it?", "methotrexate"),
    ],
)
def test_a_question_that_points_back_to_the_story_keeps_its_mentions(finder, question, thing):
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown == thing


def test_a_condition_we_only_compare_with_told_in_the_story_does_not_hide_the_question(finder):
    assert choose(finder, "My dad had a stroke last year. What helps nerve pain?").entry.id == "nerve_treatment"


@pytest.mark.parametrize("text", ["what kinds of pain are there?", "which types of pain exist", "pain types"])
def test_which_kinds_of_pain_naming_no_condition_is_for_the_overview_topic(finder: EntryFinder, text: str) -> None:
    choice = choose(finder, text)
    assert choice.entry is None and choice.unknown is None and not choice.for_the_clinic


def test_kinds_of_pain_of_a_named_condition_still_get_its_entry(finder: EntryFinder) -> None:
    assert choose(finder, "what kinds of pain does lupus cause?").entry is not None


def test_a_question_that_clearly_asks_its_own_aspect_is_not_a_follow_up(finder):
    """ "what is Sjögren's?" after "is MS contagious?": what Sjögren's is, not the shared contagion answer."""
    choice = choose(finder, "what is sjogren's?", "multiple_sclerosis", "autoimmune_contagious")
    assert choice.entry is not None and choice.entry.id == "sjogren_what"


@pytest.mark.parametrize("question, expected", [
    ("can I fast in ramadan with lupus", "autoimmune_fasting"),
    ("is fasting ok with RA", "autoimmune_fasting"),
    ("what should I eat with lupus", "autoimmune_diet"),
    ("what is raynauds", "autoimmune_raynaud"),
    ("what are the symptoms of lupus", "lupus_symptoms"),
])
def test_a_shared_entry_with_terms_answers_for_every_condition_it_covers(finder, question, expected):
    """ "Ramadan" with lupus: the shared fasting entry's term wins over lupus's borrowed diet answer."""
    assert choose(finder, question).entry.id == expected


@pytest.mark.parametrize(
    "question, entry",
    [
        ("ms and insomnia", "autoimmune_sleep"),
        ("im on methotrexate for RA should i get the flu jab", "autoimmune_infections"),
        ("foods to avoid with behcet mouth ulcers", "vasculitis_exercise"),
        ("what causes multiple sclerosis, is it low vitamin d", "multiple_sclerosis_causes"),
    ],
)
def test_a_context_word_beside_our_condition_and_a_clear_aspect_is_part_of_the_story(finder, question, entry):
    """A symptom or medicine told beside one of our conditions does not hide the aspect asked (context_words)."""
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize("question", ["How common are infections on methotrexate?",
                                      "متوترکسات میخورم، عفونت با این داروها چقدر شایعه؟"])
def test_infections_on_a_medicine_are_the_infections_entry_without_a_condition(question):
    """Infections are about the medicines one takes: the medicine named is the story, not an unknown topic."""
    from assistant.knowledge import get_knowledge

    language = "fa" if question[0] > "z" else "en"
    finder = get_finder(get_knowledge(language), get_pipeline())
    assert choose(finder, question).entry.id == "autoimmune_infections"


@pytest.mark.parametrize("question, thing", [("does methotrexate cure RA?", "methotrexate"),
                                             ("is methotrexate safe?", "methotrexate"),
                                             ("can I get pregnant on methotrexate", "methotrexate"),
                                             ("what is hydroxychloroquine for lupus", "hydroxychloroquine"),
                                             ("is insomnia curable", "insomnia")])
def test_a_context_word_stays_the_topic_of_what_treatment_and_outlook_questions(finder, question, thing):
    choice = choose(finder, question)
    assert choice.entry is None and choice.unknown == thing


@pytest.mark.parametrize(
    "question, aspect",
    [
        ("is it ok to breastfeed while I'm on treatment for lupus?", "pregnancy"),
        ("does the treatment for RA make infections more likely?", "infections"),
        ("are there foods that calm joint inflammation?", "diet"),
        ("would physio help my PMR shoulders?", "exercise"),
        ("can kids get MS?", "children"),
        ("could my grandchildren end up with my psoriatic arthritis?", "heredity"),
    ],
)
def test_living_with_questions_are_not_taken_for_treatment_or_who_gets_it(finder, question, aspect):
    """Round 3's lesson: treatment words ("while on treatment", "what helps") beside a living-with aspect are the
    story; "children" asks about children, not who gets it; physiotherapy is exercise."""
    choice = choose(finder, question)
    assert choice.entry is not None and aspect in choice.entry.aspects, (question, choice)


def test_lay_names_find_the_condition(finder):
    for question, subject in (("what is the dry eyes and dry mouth disease?", "sjogren"),
                              ("what is the shoulder stiffness disease?", "polymyalgia_rheumatica")):
        choice = choose(finder, question)
        assert choice.entry is not None and choice.entry.subject == subject, (question, choice)


def test_fibromyalgia_and_cold_weather_get_its_triggers_which_name_the_weather(finder, knowledge):
    choice = choose(finder, "why does my fibromyalgia get worse when the weather turns cold?")
    assert choice.entry is not None and "weather" in choice.entry.aspects
    assert "weather" in choice.entry.answer


@pytest.mark.parametrize("question, subject", [
    ("I have Behcet's, why do I keep getting mouth ulcers?", None),
    ("sjogren dry mouth why", None),
    ("and the dry eyes, why?", "sjogren"),
])
def test_a_symptom_the_subjects_own_entries_answer_about_is_not_unknown(finder, question, subject):
    assert choose(finder, question, subject).unknown is None


@pytest.mark.parametrize("question, unknown", [
    ("does lupus cause cancer", "cancer"),  # named in lupus's examples, but no symptom of context_words
    ("is hydroxychloroquine safe with lupus?", "hydroxychloroquine"),  # a medicine stays the honest unknown
    ("what is good for dry mouth", "dry mouth"),  # no subject: not ours
])
def test_other_mentions_stay_unknown(finder, question, unknown):
    assert choose(finder, question).unknown == unknown


def test_a_follow_up_that_names_a_context_word_asks_its_aspect(finder):
    choice = choose(finder, "and what about diet, gluten free help?", "psoriatic_arthritis")
    assert choice.unknown is None and choice.entry is not None and "diet" in choice.entry.aspects


def test_the_aspect_model_learns_the_questions_of_the_scored_grid_sets(knowledge):
    """Each language reads its scored coverage-grid sets; every label is one of the knowledge's aspects."""
    from assistant.knowledge import get_knowledge
    from assistant.retrieval.aspects import ASKED_SETS, asked_questions

    for language in ("en", "fa"):
        asked = asked_questions(language)
        assert len(asked) >= 100 * len(ASKED_SETS[language]) // 2
        aspects = set(get_knowledge(language).aspect_labels)
        assert {aspect for _, aspect in asked} <= aspects
        assert "contagious" in {aspect for _, aspect in asked}  # the grid's "contagion", named as the aspect


def test_a_story_then_a_question_is_heard_by_its_aspect(finder):
    """Long stories, as patients write them, are heard (round 5, used: the aspect model learns from it)."""
    question = finder.read_doc(get_pipeline()("When it rains my fibromyalgia is the worst and my husband laughs at me. "
                                              "Is that real?"))
    choice = finder.choose(question, None, None)
    assert choice.entry is not None and "weather" in choice.entry.aspects


@pytest.mark.parametrize("question, entry", [
    ("badkesh ya masaj baraye dard-e azolani faide dare?", "autoimmune_complementary"),
    ("درد بندها ره چی رقم تداوی کنم؟", "joint_treatment"),
])
def test_words_that_point_to_an_aspect_and_finglish_words_are_not_unknown(question, entry):
    """Aspect words (Dari «تداوی», Finglish "badkesh") and the language's words in Latin letters ("faide") are ours."""
    from assistant.knowledge import get_knowledge

    finder = get_finder(get_knowledge("fa"), get_pipeline())
    assert choose(finder, question).entry.id == entry


@pytest.mark.parametrize("subject, question, expected", [
    ("ankylosing_spondylitis", "will my back fuse", "ankylosing_spondylitis_outlook"),
    ("ankylosing_spondylitis", "Could stress from exams make his back worse?", "ankylosing_spondylitis_stress"),
    ("lupus", "why do my joints hurt so much in the morning?", "lupus_symptoms"),
    ("psoriatic_arthritis", "can it affect my back too?", "psoriatic_arthritis_symptoms"),  # unsure aspect, "it" points back
])
def test_a_pain_named_in_a_conversation_about_a_condition_known_for_it_is_the_conditions(finder, subject, question, expected):
    """ "AS here" ... "will my back fuse?": the back is AS's (structure.yml ``condition_pains``), not spinal pain in general."""
    assert choose(finder, question, subject).entry.id == expected


@pytest.mark.parametrize("subject, question, pain", [
    ("ankylosing_spondylitis", "what about joint pain?", "joint"),  # asks no aspect
    ("multiple_sclerosis", "what is nerve pain?", "nerve"),  # asks what the pain is, not what MS is
    ("lupus", "my back is stiff in the morning", "spinal"),  # lupus is not known for back pain
])
def test_a_pain_asked_about_alone_or_not_the_conditions_stays_the_pain_type(finder, subject, question, pain):
    assert choose(finder, question, subject).subject == pain


def test_the_aspect_models_own_arithmetic_gives_the_classifiers_probabilities(finder):
    """The written-out reading (a gather of the coefficients, then the softmax) is ``predict_proba`` exactly."""
    model = finder.index.aspects
    for text in ("why does subjectx hurt so much ?", "subjectx diet on steroids weight gain", "", "zzzz qqqq"):
        expected = model.classifier.predict_proba(model.vectorizer.transform([text]))[0]
        got = model._of(text)
        assert list(got) == model.aspects
        assert max(abs(a - b) for a, b in zip(got.values(), expected)) < 1e-9


def test_a_two_aspect_model_reads_its_one_column_as_the_logistic(knowledge):
    """A knowledge of two aspects (a test's small copy) trains a binary regression; the reading stays exact."""
    from dataclasses import replace

    from assistant.retrieval.aspects import AspectModel
    from assistant.retrieval.lexicon import build_lexicon

    two = [e for e in knowledge.entries if e.aspect in ("heredity", "diet")]
    small = replace(knowledge, entries=tuple(two), _entries={}, _by_id={}, _canonical={})
    small = replace(small, aspect_words={k: v for k, v in knowledge.aspect_words.items() if k in ("heredity", "diet")})
    model = AspectModel(small, build_lexicon(small, get_pipeline()), get_pipeline())
    assert len(model.aspects) == 2
    for text in ("is subjectx inherited ?", "what should i eat with subjectx"):
        expected = model.classifier.predict_proba(model.vectorizer.transform([text]))[0]
        assert max(abs(a - b) for a, b in zip(model._of(text).values(), expected)) < 1e-9


def test_a_thing_coming_back_is_no_back(finder):
    """ "ulcers keep coming back": "back" is no spinal pain (``not_entity_phrases``); "my back pain came back" is."""
    assert "spinal" not in finder.read("my mouth ulcers keep coming back, why?").subjects
    assert "spinal" in finder.read("my back pain keeps coming back").subjects


@pytest.mark.parametrize("question", ["ماشینم پرایده روغن موتور چی بریزم", "گواهینامه پایه یک چجوری بگیرم"])
def test_a_message_of_none_of_our_words_gets_no_entry_even_without_a_question_mark(question):
    """No subject, no conversation, none of our words: the honest unknown, whether or not it ends in «؟»."""
    from assistant.knowledge import get_knowledge

    choice = choose(get_finder(get_knowledge("fa"), get_pipeline()), question)
    assert choice.entry is None and choice.unknown



@pytest.mark.parametrize("follow_up, aspect", [
    ("ام اس چی؟", "contagious"),  # "what about MS?": the last question again, however sure «چی» sounds like "what is"
    ("و ام اس؟", "contagious"),
    ("ام اس چیه؟", "what"),  # "what is MS?" asks what it is (defining_words)
])
def test_a_bare_subject_in_persian_asks_the_last_question_again(follow_up, aspect):
    from assistant.knowledge import get_knowledge

    persian = get_finder(get_knowledge("fa"), get_pipeline())
    first = choose(persian, "لوپوس واگیر داره؟")
    assert first.entry is not None and "contagious" in first.entry.aspects
    then = choose(persian, follow_up, first.subject, first.entry.id)
    assert then.subject == "multiple_sclerosis" and then.entry is not None and aspect in then.entry.aspects


@pytest.mark.parametrize("follow_up, aspect", [
    ("what about lupus, same thing?", "stress"),  # round 16 (used): "same thing" asks the last question again
    ("what about lupus as well?", "stress"),
    ("what is lupus?", "what"),
])
def test_same_thing_for_another_subject_asks_the_last_question_again(finder, follow_up, aspect):
    first = choose(finder, "does stress make fibro worse?")
    assert first.entry is not None and "stress" in first.entry.aspects
    then = choose(finder, follow_up, first.subject, first.entry.id)
    assert then.subject == "lupus" and then.entry is not None and aspect in then.entry.aspects

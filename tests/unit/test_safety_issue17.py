"""Issue 17: the clinical review's safety findings, the new red-flag groups and the concept net (rules only)."""

from __future__ import annotations

import re

import pytest

from assistant import replies as r
from assistant.safety import assess


def _now(text):
    return {flag.id for flag in assess(text).now}


def _flag(knowledge, group):
    return next(flag for flag in knowledge.red_flags if flag.id == group)


# --- A-S1 / S-S3: the infection advice never implies skipping steroid tablets ------------------------------------

def test_infection_advice_keeps_steroid_tablets_and_escalates_sepsis_signs(knowledge):
    advice = _flag(knowledge, "infection_on_immunosuppressants").advice
    sentences = re.split(r"(?<=[.:])\s+", advice)
    assert any("keep taking them" in s and "steroid tablets" in s for s in sentences)
    for sentence in sentences:
        if "next dose" in sentence:
            assert "other immune medicines" in sentence, sentence
    assert "call 115" in advice and "confused" in advice
    assert "keep taking steroid tablets" in _flag(knowledge, "infection_on_immunosuppressants").if_now


@pytest.mark.parametrize(
    "text",
    [  # S-S2 probes of the review, and steroid injections (A-S1)
        "I'm on CinnoRA injections and I've had a fever of 38.5 since last night",
        "I'm on Zytux infusions for my RA and I have a fever and chills",
        "I had dexamethasone injections last week and now I have a fever",
        "I take cyclosporine and I have a fever and cough",
        "I have MS, I'm on fingolimod and I have a fever",
        "had steroid injection in knee 3 days ago now fever n feel unwell",
    ],
)
def test_fever_on_any_immune_medicine_gets_the_same_day_warning(text):
    assessment = assess(text)
    assert assessment.level in ("urgent", "emergency")
    assert "infection_on_immunosuppressants" in _now(text)


@pytest.mark.parametrize(
    "text",
    [
        "on immune meds fever shivering uncontrollably feel like im dying",
        "my mum is on rituximab, high fever, her skin looks blotchy and purple and shes breathing really fast",
    ],
)
def test_sepsis_signs_are_an_emergency(text):
    assert assess(text).level == "emergency" and "sepsis" in _now(text)


def test_sepsis_in_the_past_is_a_mention():
    assessment = assess("my partner had sepsis 2 years ago after surgery, now starting rituximab, is that risky")
    assert assessment.now == [] and [f.id for f in assessment.mentioned] == ["sepsis"]


def test_the_sepsis_reply_opens_with_the_ambulance(knowledge):
    text = r.render(knowledge, r.safety_reply(knowledge, assess("on immune meds fever shivering uncontrollably").now))
    assert text.startswith(knowledge.levels["emergency"])


# --- new groups (S-S4, S-S5, S-S6, S-M4, S-M5): a case now, a question that only mentions it, a case not now ---------

NEW_GROUPS = {
    # group: (level, now, mention (a question), not now)
    "adrenal_crisis": ("emergency",
                       "I've been on prednisolone for a year, I've been vomiting all day and can't keep my tablets down "
                       "and I feel dizzy",
                       "what is an adrenal crisis? can vomiting on pred cause one?",
                       "if i forget a pred dose what should i do"),
    "pre_eclampsia": ("emergency",
                      "I have lupus and I'm 30 weeks pregnant with a terrible headache and swollen face",
                      "can lupus in pregnancy cause a severe headache?",
                      "pregnant 12 wks w lupus what should i watch out for later on"),
    "giant_cell_arteritis_vision": ("emergency",
                                    "my 70 year old mom has a headache and blurry vision",
                                    "can polymyalgia cause blurred vision?",
                                    "my dad is 75 with pmr, his eyes are fine and no headache, can he lower his pred"),
    "head_injury_blood_thinner": ("emergency",
                                  "my dad fell down the stairs and banged his head, he takes apixaban",
                                  "is it dangerous to hit your head on warfarin?",
                                  "my husband is on xarelto, he bumped his knee not his head, bit of a bruise"),
    "leg_clot_breathless": ("emergency",
                            "left leg swollen red since 2 days n suddenly breathless chest hurts",
                            "can a swollen leg and shortness of breath mean a clot in the lung?",
                            "cramps in my calf at night no swelling normal?"),
    "as_fall_neck": ("emergency",
                     "I have AS and I slipped and fell yesterday, now my neck hurts a lot",
                     "why is neck pain after a fall dangerous in ankylosing spondylitis?",
                     "my husband has AS and is scared of falling on the ice this winter, what should he do"),
    "giant_cell_arteritis": ("urgent",
                             "I'm 72 with polymyalgia and since yesterday I have a new headache",
                             "can pmr cause headaches?",
                             "what is giant cell arteritis? my mum has pmr and the doctor mentioned it"),
    "painful_red_eye": ("urgent",
                        "I have AS and my right eye is red, painful and sensitive to light",
                        "can AS cause uveitis?",
                        "eye was red last week from conjunctivitis gone now"),
    "lupus_kidney": ("urgent",
                     "I have lupus and my urine is foamy and my legs and eyes are swollen",
                     "does foamy urine mean kidney problems in lupus?",
                     "can lupus affect the kidneys? my urine is normal"),
    "leg_clot": ("urgent",
                 "my left leg is swollen and painful from the calf to the knee",
                 "can a swollen, painful calf be a blood clot?",
                 "cramps in my calf at night no swelling normal?"),
    "ra_neck": ("urgent",
                "had RA for 20 years, my neck hurts and my hands have gone numb and clumsy",
                "can rheumatoid arthritis in the neck make your hands numb?",
                "my grandma has RA, should she get her neck checked before her surgery"),
    "finger_ischaemia": ("urgent",
                         "my fingertip has a black sore that won't heal",
                         "can lupus make a fingertip turn black?",
                         "my mums fingers go white in the cold then go back pink fine, raynauds, no sores"),
    "myositis_dark_urine": ("urgent",
                            "I can't get up from a chair and my pee is dark brown",
                            "can myositis cause weak muscles and dark brown urine?",
                            "muscle ache after gym urine normal colour"),
    "methotrexate_toxicity": ("urgent",
                              "on methotrexate, I have mouth ulcers, a sore throat and lots of bruises",
                              "can mtx cause mouth ulcers?",
                              "I have been on methotrexate for a year with no side effects, no mouth ulcers or bruising"),
}


@pytest.mark.parametrize("group", sorted(NEW_GROUPS))
def test_a_new_group_now_gets_its_level(group):
    level, now, _, _ = NEW_GROUPS[group]
    assessment = assess(now)
    assert group in _now(now), [f.flag.id for f in assessment.findings]
    assert assessment.level == level


@pytest.mark.parametrize("group", sorted(NEW_GROUPS))
def test_a_question_that_mentions_a_new_group_is_no_alarm(group):
    _, _, mention, _ = NEW_GROUPS[group]
    assessment = assess(mention)
    assert assessment.now == [], [f.id for f in assessment.now]
    assert group in {f.id for f in assessment.mentioned}


@pytest.mark.parametrize("group", sorted(NEW_GROUPS))
def test_a_new_group_not_happening_now_is_no_alarm(group):
    _, _, _, not_now = NEW_GROUPS[group]
    assert assess(not_now).level is None, [f.id for f in assess(not_now).now]


@pytest.mark.parametrize(
    "text",
    [  # the review's GCA, adrenal and pre-eclampsia probes (S-S4, S-S5, S-S6)
        "I'm 72 with polymyalgia and since yesterday I have a new headache and my vision is blurry",
        "on pred 10 yrs vomiting all night cant keep tablets down",
        "stopped my pred suddenly last wk now dizzy confused n super weak",
        "I am 85 and on warfarin. Yesterday evening I lost my footing on the front step and knocked my head against "
        "the door frame. I feel a little out of sorts today.",
    ],
)
def test_the_review_s_serious_misses_are_emergencies(text):
    assert assess(text).level == "emergency"


def test_gca_without_a_sight_change_is_same_day_not_an_ambulance(knowledge):
    assessment = assess("I'm 72 and I have a headache at my temples")
    assert assessment.level == "urgent" and "giant_cell_arteritis" in _now("I'm 72 and I have a headache at my temples")
    flag = _flag(knowledge, "giant_cell_arteritis")
    assert "giant cell arteritis" in flag.advice and "call 115 at once" in flag.advice


@pytest.mark.parametrize("text", [
    "my mother has a new headache at her temple", "70-year-old with pain in the temple", "husband 70, his temple is sore",
    "mum (76) has a throbbing pain at her temple", "im 68 n my temples hurt", "my grandmother's temples are tender",
])
def test_a_temple_headache_at_fifty_or_over_is_same_day(text):
    assert assess(text).level == "urgent" and "giant_cell_arteritis" in _now(text)


@pytest.mark.parametrize("text", ["I'm 25 and I have a headache at my temples", "my temples throb after a long day at my desk"])
def test_a_temple_headache_without_an_older_age_is_no_gca_alarm(text):
    """S-M4 probe: a temple headache at 25 was an ambulance, then same-day; the review asks for an age (or PMR)."""
    assert assess(text).level is None


def test_every_new_group_has_its_own_texts(knowledge):
    for group in NEW_GROUPS:
        flag = _flag(knowledge, group)
        assert flag.label and flag.advice and "115" in flag.if_now + flag.advice or "same day" in flag.if_now


# --- S-M1, S-M2: misfires -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "my knee is swollen after gardening and I take methotrexate",
        "my knee is swollen and I take methotrexate",
        "I have lupus and my urine is foamy and my legs and eyes are swollen",
        "foamy urine with swollen legs",
        "sudden severe pain and swelling in my knee, it's hot, and I'm on Humira",
    ],
)
def test_a_swollen_joint_or_swollen_legs_with_a_medicine_is_not_anaphylaxis(text):
    assert "allergic_reaction" not in _now(text)


def test_a_hot_swollen_joint_on_an_immune_medicine_reaches_the_joint_groups():
    found = _now("sudden severe pain and swelling in my knee, it's hot, and I'm on Humira")
    assert found & {"septic_joint", "new_swollen_joint"}, found


def test_foamy_urine_with_swollen_legs_is_the_kidney_group():
    assert _now("foamy urine with swollen legs") == {"lupus_kidney"}


@pytest.mark.parametrize(
    "text",
    ["I'm done with physio, it doesn't help my back", "a double dose of coffee", "I need a double dose of coffee today"],
)
def test_everyday_phrases_get_no_ambulance(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text",
    ["took 1st dose of new med throat closing tongue swollen",
     "injected my biologic 20 min ago face swelling up lips n tongue fat"],
)
def test_a_real_allergic_reaction_is_still_caught(text):
    assert "allergic_reaction" in _now(text)


# --- suicide and self-harm in indirect words: the crisis texts (issue 17 §3, S-M2, S-M3) ------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "my brother has AS and today he gave away his guitar and his watch and said goodbye to everyone like hes leaving",
        "wont be around tomorrow so doesnt matter anymore",
        "I've written letters to my kids and given my things away",
        "going to take all my sleeping tablets so I don't wake up tomorrow",
        "I took a whole box of painkillers so the pain stops for good",
        "I have put my affairs in order and I do not expect to be here for my appointment next month",
        "I've saved up my tramadol and tonight is the night",
    ],
)
def test_indirect_words_of_suicide_get_the_crisis_text(knowledge, text):
    assert "suicide" in _now(text)
    reply = r.render(knowledge, r.safety_reply(knowledge, assess(text).now))
    assert _flag(knowledge, "suicide").opening in reply


def test_the_crisis_text_puts_the_crisis_line_first_then_115_and_someone_to_stay(knowledge):
    reply = r.render(knowledge, r.safety_reply(knowledge, assess("I want to die").now))
    first = reply.splitlines()[0]
    assert first == _flag(knowledge, "suicide").opening
    assert "ambulance" not in first and first.index("123") < first.index("115")
    assert "stay with you" in reply
    assert reply.endswith(knowledge.disclaimer) and reply.count(knowledge.disclaimer) == 1


def test_a_deliberate_overdose_gets_115_and_the_crisis_line_together(knowledge):
    flags = assess("I took a whole box of painkillers so the pain stops for good").now
    assert {"suicide", "overdose"} <= {f.id for f in flags}
    lines = r.render(knowledge, r.safety_reply(knowledge, flags)).splitlines()
    assert lines[0] == knowledge.levels["emergency"]  # the ambulance first
    assert lines[1] == _flag(knowledge, "suicide").opening  # the crisis line right after
    assert _flag(knowledge, "overdose").advice in lines


def test_the_overdose_advice_names_the_crisis_line_and_the_side_position(knowledge):
    advice = _flag(knowledge, "overdose").advice
    assert "123" in advice and "on their side" in advice


@pytest.mark.parametrize(
    "text",
    ["I can't take this pain anymore", "the pain is so bad I can't take it anymore", "whats the point nothing helps",
     "im at the end of my rope with this fibro", "I am 72. I simply cannot cope any longer. Everything seems so dark."],
)
def test_unbearable_pain_gets_a_gentle_crisis_check_not_an_ambulance(knowledge, text):
    flags = assess(text).now
    assert [f.id for f in flags] == ["crisis_check"]
    first = r.render(knowledge, r.safety_reply(knowledge, flags)).splitlines()[0]
    assert first == _flag(knowledge, "crisis_check").opening
    assert "ambulance" not in first and "?" in first and "123" in first and "115" in first


def test_a_question_about_suicide_for_a_newsletter_is_answered_with_the_check_line():
    assessment = assess("are people in chronic pain more at risk of suicide? I'm writing for our newsletter")
    assert assessment.now == [] and [f.id for f in assessment.mentioned] == ["suicidal_thoughts"]


@pytest.mark.parametrize("text", ["I feel suicidal", "I'm having suicidal thoughts again", "my son is self harming"])
def test_suicidal_thoughts_told_as_ones_own_are_now(text):
    assert _now(text) & {"suicide", "suicidal_thoughts"}


# --- the concept net (issue 17 §4) -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, group",
    [
        ("my 3 year old eat some pills of my hydroxychloroquine, maybe 4 or 5", "overdose"),
        ("she took all her zolpidem", "overdose"),
        ("took 3 of my pregabalin instead of 1", "overdose"),
        ("took like 20 tramadol on purpose feeling weird", "overdose"),
        ("My husband fall down and his body shake very hard, foam from mouth, he not wake after", "fainting_seizure"),
        ("I cut my arm and it's bleeding a lot", "severe_bleeding"),
        ("my dad hit his head and he's on a blood thinner, he keeps vomiting", "head_injury_blood_thinner"),
        ("on xarelto slipped in shower knocked my head feeling sick", "head_injury_blood_thinner"),
        ("my 80 year old mum cannot catch her breath", "breathing"),
    ],
)
def test_concept_combinations_catch_new_wording(text, group):
    assert group in _now(text) and assess(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    ["I cut my finger chopping onions", "I took all my energy to get here", "all the tests were normal on methotrexate",
     "the bottom of my feet are numb and my back hurts"],
)
def test_everyday_words_near_the_new_combinations_are_no_alarm(text):
    assert assess(text).level is None, [f.id for f in assess(text).now]


def test_a_blood_thinner_is_not_blood_in_the_vomit():
    assert "severe_bleeding" not in _now("my dad hit his head and he's on a blood thinner, he keeps vomiting")


# --- mentions stay answers (issue 17 §6) ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, group",
    [("what are the warning signs of GCA?", "giant_cell_arteritis"), ("is sudden vision loss part of MS?", "vision_loss")],
)
def test_questions_that_only_mention_a_red_flag_get_its_check_line(text, group):
    assessment = assess(text)
    assert assessment.now == [] and group in {f.id for f in assessment.mentioned}


def test_the_medication_refusal_says_not_to_stop_steroids(knowledge):
    text = r.render(knowledge, r.medication_refusal(knowledge))
    assert "don't stop or change a prescribed medicine" in text and "steroid tablets" in text


# --- tuning round 2: wider concepts (other wording than the tuning corpora's), and "well now" --------------------

@pytest.mark.parametrize(
    "text, group",
    [
        ("chst pain spreading to my left arm and i feel sick", "chest_pain"),
        ("her back is killing her and she can't control her bladder", "cauda_equina"),
        ("on humira, my wrist went hot and swollen overnight", "septic_joint"),
        ("knee red hot n swollen, temp 38.9", "septic_joint"),
        ("terrible abdo pain since lunch", "severe_abdominal_pain"),
        ("my mum's tummy is killing her and she is curled up", "severe_abdominal_pain"),
        ("high fever and his neck has gone really stiff", "meningitis"),
        ("fever and I can't stand having the lights on", "meningitis"),
        ("a violent headache hit me in an instant", "thunderclap_headache"),
        ("part of the picture vanished from my right eye", "vision_loss"),
        ("fever, my teeth are chattering and I have never felt so ill", "sepsis"),
        ("I have MS and since Tuesday my right leg drags", "ms_relapse"),
    ],
)
def test_tuning_round_two_catches_other_wording(text, group):
    assert group in _now(text), [(f.flag.id, f.status) for f in assess(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "should I put a hot pack on my swollen knee? I'm on methotrexate",
        "my knee is swollen and I take methotrexate, is a warm bath ok?",
        "I just get dreadful headaches with my lupus, what helps?",
        "I can't stand bright lights when I have a migraine",
        "I am well at the moment, but what should I do if I get a stomach bug and cannot keep my pred down?",
        "I'm fine right now, but what if my vision went dark in one eye?",
    ],
)
def test_tuning_round_two_raises_no_alarm_on_everyday_words(text):
    assert assess(text).level is None, [(f.flag.id, f.status) for f in assess(text).findings]


def test_a_now_cue_beside_a_symptom_still_counts_after_being_well():
    assert assess("I was fine this morning but now I have crushing chest pain").level == "emergency"
    assert assess("I felt well yesterday. What are the signs of a stroke? My face is drooping right now").level == "emergency"

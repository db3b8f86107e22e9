"""Round 9 (English, used since its scoring): word classes the rules lacked (knowledge/en/red_flags.yml, words.yml).

* Second-language English: a mouth or face "down on one side" (``stroke``); "she don't know where she is"
  (``confusion``); "he lose consciousness", "he still not open his eyes"; "cannot feel when he go to toilet" (up to six
  words before the toilet); "my hand no power", a leg that "would not hold me"; "cannot see suddenly"; "headache very
  much", "cannot put chin to chest" (no possessive); "since 4 days" (``new_onset``), "from some days" (``gradual``),
  a foot that is "numb and drop"; a toe that "is become dark purple"; "he breathe hard".
* Lay words: eyes "closed from swelling" after a sting; "the next thing I knew I was on the floor", "out for a minute";
  numb "round" the bottom; "everything is dark in both eyes"; a joint "on fire"; pain "under ribs" in pregnancy; a
  head that "is bleeding" on a blood thinner; a racing heart, "too weak to stand" beside a fever; pain on the "side of
  head" (GCA at 50 or over); an "electric feeling" going into the arms (RA neck); bleeding "very very much", a pad
  every hour.
* Overdose: "a lot more of my X than the box says" (words between), "12 or 14 tablets over a few hours".
* Suicide: standing or sitting on a bridge, a ledge or the edge of a roof, "now"; crisis check: "no one can help me"
  (not "... help me with the forms"), "can't bear this pain another day" (not "can't take another day off work").
* Mentions now quiet: a near faint at the sight of a needle or a bill ("nearly fainted the first time I saw the
  needle"; "I almost fainted when I saw the price of humira haha" stays a joking mention, round 5), "makes me want to
  pass out"; an age or a childhood without its article as a past cue ("when I was 19", "when he was child"); and a
  past attempt of one's own ("I tried to take my own life") is read like any group (``suicidal_thoughts``, its own
  crisis text) instead of always now: with a date or an age it is a mention, without one it still alarms.
* Left out: "Years ago, before my diagnosis, I tried to end my life" still alarms (the date is two clauses away);
  a count of tablets a day or a week ("I take 10 tablets in the morning") was an overdose alarm before this change and
  still is.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, level", [
    # from the set
    ("Please my mother 66 years, from one hour she is confused, she don't know where she is, "
     "and her mouth is down on one side", "emergency"),
    ("my son 8 year, bee sting, now his eyes closed from swelling and he breathe hard", "emergency"),
    ("standing on the bridge now", "emergency"),
    ("I've been having a terrible night with pain and I'm afraid I took a lot more of my Gelofen and codeine than the box says, "
     "perhaps 12 or 14 tablets over a few hours. Now my ears are ringing and I feel very sick.", "emergency"),
    ("my wife gave birth 1 week ago, now bleeding very very much, many pads in one hour", "emergency"),
    ("My brother he lose consciousness in the street, people bring him home, "
     "he still not open his eyes", "emergency"),
    ("I am sorry to trouble you. I stood up from my chair and the next thing I knew I was on the floor. My granddaughter says "
     "I was out for a minute or two. I have polymyalgia and take prednisolone and a water tablet. "
     "I still feel woozy.", "emergency"),
    ("my husband have disc problem, now he cannot feel when he go to toilet, and both legs weak", "emergency"),
    ("numb round my bottom and back agony", "emergency"),
    ("I woke up this morning and my right leg would not hold me, I fell getting out of bed. It was perfectly fine last night. "
     "I am 74 and have rheumatoid arthritis.", "emergency"),
    ("suddenly my left hand no power, I cannot hold glass, 20 minute ago", "emergency"),
    ("my mother she cannot see suddenly, everything is dark in both eyes", "emergency"),
    ("joint on fire and shivering with fever, im on steroids", "emergency"),
    ("my daughter have high fever and headache very much, she cannot put chin to chest, and she vomit", "emergency"),
    ("pregnant pain under ribs vomiting headache", "emergency"),
    ("My father use Plavix and aspirin, he fall and his head is bleeding, now he is confused", "emergency"),
    ("fever so weak cant stand heart racing", "emergency"),
    ("my mother 68 have pain on the side of head, and the vein there is hard and painful, "
     "and she feel tired all the time", "urgent"),
    ("My son 16 year, his knee is swelling since 4 days, no accident, he can walk but pain", "urgent"),
    ("my husband have vasculitis, from some days his foot is numb and drop, he cannot lift the foot good", "urgent"),
    ("I have rheumatoid, neck pain is more, and electric feeling go in my arms when I bend my head", "urgent"),
    ("my toe is become dark purple and very pain, I have vasculitis", "urgent"),
    ("no one can help me im so done", "emergency"),
    ("cant bear this pain another day", "emergency"),
    # other wording of the same classes
    ("my father his face is down on the left side and he talk strange", "emergency"),
    ("one side of his mouth is down since this morning", "emergency"),
    ("after the bee sting her eyes are shut from the swelling", "emergency"),
    ("my husband is sitting on the ledge now and won't come in", "emergency"),
    ("he is standing at the edge of the roof right now", "emergency"),
    ("I think I took much more paracetamol than the packet says, around 15 tablets in the last 3 hours", "emergency"),
    ("my mother lose consciousness in the kitchen", "emergency"),
    ("my son fell, he still isn't opening his eyes", "emergency"),
    ("the next thing he knew he was lying on the ground, his wife says he was out for about two minutes", "emergency"),
    ("my back is killing me and I can't feel when I need to go to the toilet", "emergency"),
    ("numb around my backside since this morning and my back hurts a lot", "emergency"),
    ("this morning my left leg wouldn't hold me and I fell in the kitchen", "emergency"),
    ("suddenly my right arm has no power, I can't lift the cup", "emergency"),
    ("my father cannot see anything suddenly", "emergency"),
    ("on methotrexate, my knee is on fire and I have a fever of 39", "emergency"),
    ("my son has fever, terrible headache and he can't bring his chin to his chest", "emergency"),
    ("I'm 32 weeks pregnant with a bad pain below my ribs and a headache", "emergency"),
    ("my mum is on warfarin and fell in the street, her forehead is bleeding", "emergency"),
    ("on rituximab, fever and my heart is racing and I'm too weak to stand", "emergency"),
    ("after giving birth she is bleeding too much, one pad every hour", "emergency"),
    ("I tried to kill myself last night", "emergency"),
    ("nobody can help me anymore, I'm so tired", "emergency"),
    ("I can't stand this pain one more day", "emergency"),
    ("my dad is 75 with a new pain at the side of the head, it is tender to touch", "urgent"),
    ("her ankle is swollen and red since 3 days, she didn't fall", "urgent"),
    ("my hands are numb from some days and getting worse", "urgent"),
    ("I have RA and my neck hurts, and I get electric shocks going into my hands when I look down", "urgent"),
    ("lupus, my finger has become dark and very painful", "urgent"),
])
def test_these_now_alarm_at_their_level(knowledge, text, level):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level == level, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text", [
    # from the set
    "When I was 19 I tried to take my own life. I am 40 now and doing well, I just want the doctor at the pain clinic to know my "
    "history. Where do I write it?",
    "I nearly fainted the first time I saw the needle. Any tips for self-injecting Humira?",
    "this insurance paperwork makes me want to pass out",
    "My husband have seizures when he was child, now no problem for 30 years. Can he use gabapentin?",
    # look-alikes
    "I nearly fainted when I saw the bill for my infusion, can the clinic help with the cost?",
    "I almost passed out at the sight of my own blood test, is that normal?",
    "I faint at the sight of needles, can the nurse do my methotrexate injection?",
    "these forms make me want to faint, how do I fill them in?",
    "My wife had a seizure when she was a teenager, none since. Can she take tramadol?",
    "I had fits when I was child, now fine for 20 years. Is pregabalin safe?",
    "When I was 25 I tried to kill myself. I am fine now and want to talk about pain medicine.",
    "I tried to end my life years ago, now I am doing well. Can I take amitriptyline?",
    "no one can help me with the insurance forms, who do I call?",
    "nobody can help me understand my blood results, can you?",
    "I can't take another day off work for appointments, is there an evening clinic?",
    "my heart races when I drink coffee, is that my lupus?",
    "is it normal to feel electric shocks in my legs with MS?",
    "can I take more ibuprofen than the box says if my pain is very bad?",
    "my joints feel like they are on fire in the morning, what can help RA?",
    "I walked on the bridge today and my knees hurt after, why?",
    "I sat on the edge of my bed this morning and my back was stiff",
    "she is standing on the balcony watering the plants and her fingers are stiff",
    "I can't see my rheumatologist until next month, what should I do about my flare?",
    "my vision is a bit blurry when I read, is that from hydroxychloroquine?",
    "my toes go purple in the cold, is that Raynaud's?",
    "I have pain on the side of my head when I chew gum, I am 30",
    "my knee has been swollen for years with RA, what helps?",
    "my daughter is 7 and can't put her chin on her hands when she reads, is that JIA?",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text, group", [
    ("When I was 19 I tried to take my own life. I am 40 now and doing well.", "suicidal_thoughts"),
    ("My husband have seizures when he was child, now no problem for 30 years. Can he use gabapentin?", "fainting_seizure"),
])
def test_past_mentions_are_still_heard(knowledge, text, group):
    """A dated mention is answered with the group's "if you have it now" line: it is still found, not removed."""
    assessment = assess(normalise(text), knowledge)
    assert group in [flag.id for flag in assessment.mentioned], [(f.flag.id, f.status) for f in assessment.findings]

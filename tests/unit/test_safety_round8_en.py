"""Round 8 (English, used since its scoring): word classes the rules lacked (knowledge/en/red_flags.yml).

* Breathing: a negation with an adverb before catching one's breath ("can't really catch my breath"), lips that
  "look a bit blue" (lips and face only: fingers that turn blue are Raynaud's talk, now left to finger_ischaemia),
  "only a few words at a time", "every breath is a fight", a chest "like it's closing".
* Allergy: a tongue or lips "too big"; a face "like a balloon", a voice "gone funny" beside a medicine.
* Suicide: a plan naming a painkiller or sedative ("I will take all the amitriptyline"), "swallow them all",
  "take them all tonight", "... when I finish this message", stepping or jumping in front of a car or a train.
* Overdose: a named painkiller or sedative, 5 to 9 "at once" or 10 and more ("took 15 acetaminophen"); not
  methotrexate or prednisolone, taken several tablets at once.
* Seizures one after another ("fit after fit"); legs one is "not able" or "unable" to move; weakness growing
  "by the hour" (``sudden``); "lost the strength in" an arm or leg.
* Sight: "my seeing" (second-language English), part or half of the sight gone, the sight in one eye "just went",
  "can only see light", a shadow or curtain coming over the eye; for GCA: an eye "is blur", "foggy", "not see well",
  "came and went".
* Sepsis: the worst one has ever felt, breathing quickly, not making urine, can barely think, skin gone grey,
  "burning hot" (not the weather), "hot then cold", a very cold body, "freezing cold and mottled".
* Fingers and toes: staying white, blue or cold for hours, not warmed up since the morning, turned dark,
  a sore that does "not heal", sores at the tips; not "my fingers go white in the cold".
* Methotrexate: a mouth with "many wounds", "blue spots" on the skin; meningitis: spots that "dont"/"won't" fade.
* AS after a fall: "landed on my back, and it hurts", pain in the middle or upper back, a knock, a car that braked.
* Crisis check: "what's the point of waking up", "makes me feel useless", "sick of everything", "trapped in my own
  body", "done with all of it".
* Mentions now quiet (exceptions): "nearly had a heart attack when he saw the price", "a stroke of luck", "what are
  the signs of a stroke", "collapsed laughing", "banging my head against a wall with these forms", speech "a bit
  slurred when I'm tired".
* Left out: "pills lined up" (a pill organiser), "voice changed" beside a medicine (inhaled steroids), fingers
  that "won't warm up" (a Raynaud's question); readings, not words: "Is it okay that I took...?", "screams if the
  sheet touches it", "Question about X: ...", and the hedge "Not sure if this is serious, ...".
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, level", [
    # from the set
    ("Sorry to bother, I can't really catch my breath, I can only say a few words at a time and my"
     " lips look a bit blue. I have lupus.", "emergency"),
    ("Sorry for the late message, my chest feels like it's closing and every breath is a fight. I'm on Ocrevus.", "emergency"),
    ("I have decided. When my husband goes to work tomorrow I will take all the amitriptyline. I"
     " just wanted someone to know.", "emergency"),
    ("Sometimes I think about stepping in front of a car. I wouldn't do it, I think, but the thought"
     " keeps coming back.", "emergency"),
    ("Sorry, my wife is having one fit after another, she doesn't wake up in between.", "emergency"),
    ("Hello, I am losing my seeing in one eye suddenly, it is all grey since this morning.", "emergency"),
    ("Sorry, maybe silly, my wife is on rituximab, she's freezing cold and mottled and says she"
     " feels really wrong.", "emergency"),
    ("Probably just the cold, but two of my fingers went white and they've stayed cold and numb for hours.", "urgent"),
    ("Hello, I take methotrexate, my mouth has many wounds and I have blue spots on my skin.", "urgent"),
    ("What's the point of waking up when every day is just pain?", "emergency"),
    # other wording of the same classes
    ("my son can't even catch his breath and his lips are going a bit purple", "emergency"),
    ("she can barely get her breath, she can only speak two words at a time", "emergency"),
    ("each breath is a real struggle since this morning, on rituximab", "emergency"),
    ("after the injection my lips feel too big and my voice went funny", "emergency"),
    ("my face like a balloon after the new tablet", "emergency"),
    ("i am going to take all my tramadol tonight, nobody will miss me", "emergency"),
    ("the pills are on the table, i am going to swallow them all", "emergency"),
    ("I'll take them when I finish writing this message. thank you for everything", "emergency"),
    ("i keep thinking of jumping in front of the train on my way to work", "emergency"),
    ("my brother took 7 of his diazepam at once and he is very sleepy", "emergency"),
    ("my mum swallowed twelve of her gabapentin, what do i do", "emergency"),
    ("he had fit after fit and still isn't awake", "emergency"),
    ("my dad is suddenly unable to move his left leg", "emergency"),
    ("since an hour I am not able to move my legs", "emergency"),
    ("my arms are getting weaker by the hour and I can't lift my cup", "emergency"),
    ("my husband has suddenly lost the strength in his left arm", "emergency"),
    ("part of the sight in my left eye has gone dark", "emergency"),
    ("the vision in her right eye is gone completely, just like that", "emergency"),
    ("a curtain keeps coming down over my left eye", "emergency"),
    ("my mother is 72, headache at the temple for a week and now her eye is blurry", "emergency"),
    ("on Humira with a fever, I'm breathing quickly and feel the worst I've ever felt", "emergency"),
    ("my mum on methotrexate has a fever and her skin looks grey", "emergency"),
    ("my husband on Actemra is burning hot and confused", "emergency"),
    ("my son has a fever and spots that won't fade", "emergency"),
    ("I have ankylosing spondylitis, slipped in the shower and landed on my back, now it really hurts", "emergency"),
    ("AS, I fell off a chair, pain in the lower part of my back is terrible", "emergency"),
    ("my toes have stayed white since this morning", "urgent"),
    ("my fingers are blue and haven't warmed up since lunch", "urgent"),
    ("scleroderma, the tip of my finger turned dark", "urgent"),
    ("I have a sore on my toe that does not heal and it is purple", "urgent"),
    ("lupus, painful sores at the tips of two fingers", "urgent"),
    ("on metho, my gums have lots of sores", "urgent"),
    ("this disease makes me feel useless, i'm sick of everything", "emergency"),
    ("I feel trapped in my own body with this pain", "emergency"),
])
def test_these_now_alarm_at_their_level(knowledge, text, level):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level == level, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text", [
    # from the set
    "My husband nearly had a heart attack when he saw the price of the biologic, ha. Is there a cheaper Iranian biosimilar?",
    "By some stroke of luck I got an appointment with Dr. Karimi next week. What should I bring?",
    "I almost collapsed laughing at my physio's joke. Anyway, how often should I do the stretches?",
    "I'm banging my head against a wall with these insurance forms. Does the clinic help with"
    " claims for my warfarin blood tests?",
    "My MS makes my speech a bit slurred when I'm tired, it's been like that for years and my neurologist knows. Any tips?",
    # look-alikes
    "my fingers go white in the cold, is that Raynaud's?",
    "my fingers turn blue in winter and take a while to warm up, what helps?",
    "my fingers stay cold all winter, is that my lupus?",
    "I have lupus and my legs are blotchy in the cold, is that livedo?",
    "my hands are cold and mottled in winter, is it Raynaud's?",
    "I can only say a few words in Persian, can you answer in English?",
    "I take 6 of my methotrexate tablets at once on Fridays, is that right?",
    "I keep my pills lined up in a weekly organiser so I don't forget them",
    "I'm going to take them all with food from now on, is that better?",
    "is it normal that my voice changed after years on inhaled steroids?",
    "it's burning hot in Tehran today, can I keep Humira outside the fridge?",
    "the physio told me not to move my leg for a day after the injection",
    "I'm not able to bend my knee fully since the operation",
    "a shadow came over my mood when I got my diagnosis",
    "what are the signs of a stroke?",
    "my husband nearly had a heart attack when he saw the bill for Humira",
    "I had a stroke of luck with my appointment",
    "I get blue spots on my arm after blood tests, is that normal?",
    "I have small cracks at the tips of my fingers from washing up",
    "what's the point of taking vitamin D?",
    "I lost strength in my grip over the years with RA, what exercises help?",
    "is it normal that every breath is a bit painful when I have a cold?",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]

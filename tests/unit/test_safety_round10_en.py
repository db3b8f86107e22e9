"""Round 10 (English, used since its scoring): word classes the rules lacked (knowledge/en/red_flags.yml, words.yml,
../safety.yml).

* Suicide: a decision or a plan ("I've made my decision", "he'll use it", "I know how I'm going to do it") beside a means
  made ready ("a rope", "the pills are ready", "stockpiling", "opened the gas"), a farewell ("thank you to the doctor for
  trying", "take care of my cat after I'm gone") or "not here" ("I won't need the next appointment"); a note left and a
  bridge (``farewell`` + ``height``); "this is my way out"; "wana die"; all of someone's pills on the table "and is going to
  take them".
* Self-harm going on: "hurting herself on her thighs", "admitted she's been cutting herself", "thoughts to hurt myself";
  "been having thoughts" is a now cue ("patient mentioned that she's been having thoughts of harming herself").
* Crisis check: "can't keep living like this", "I don't see any way out of this pain", "nothing left for him".
* Overdose: a bottle or a packet taken ("took a bottle of ibuprofen"; not "a bottle of water", not "bought a bottle of"),
  several patches at once, an opioid with slowed breathing or sleep that will not lift, household cleaning liquid drunk.
* Bleeding: sanitary pads soaked; fainting: a slump ("went floppy and slid off the chair") with no response; "collapse";
  sudden belly pain, pale and sweaty; intensity words ("horrible", "awful"); a swollen leg with "it hurts to breathe in";
  a joint "newly swollen"; urine "really dark"; a side that "isn't working properly", a smile "one sided", food falling out
  of one side of the mouth, "face feels funny on one side"; "no air", "breathing like a fish".
* Mentions now quiet: overdosed on coffee (chocolate, Netflix); keeping or carrying an EpiPen; "I'd rather die than go back
  to that dentist"; "nothing new"; heart attacks "in my family", a family history; a sign "since his stroke"; a stroke
  leaflet; what a leaflet "says it can cause" (not "the leaflet says vomiting matters; he has
  vomited"); "odd" is no longer "od'd" (an overdose) without its apostrophe.
* Left out: "My stomach was killing me after the curry last night, fine now." still alarms (the "fine now" is in the next
  clause); "thank you for trying to help ..., I won't need the next appointment because I'm moving" alarms (it did before).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, level", [
    # from the set
    ("Caller says her husband told her there's a rope in the garage and she's scared he'll use it", "emergency"),
    ("Just wanted to say thank you to the doctor for trying. I won't need the next appointment, I've made my "
     "decision and the pills are ready", "emergency"),
    ("i wana die tonight and i know how im going to do it", "emergency"),
    ("Can the clinic refill prescriptions early? I need a big stock of the oxycodone because I've decided this is "
     "my way out", "emergency"),
    ("my teenage daughter with lupus left a note saying she's going to the bridge", "emergency"),
    ("neighbour said she has put all her husband's pills on the table and is going to take them, she's in so much "
     "pain", "emergency"),
    ("my daughter admitted she's been hurting herself on her thighs when the pain is bad", "emergency"),
    ("Front desk: patient mentioned on the phone that she's been having thoughts of harming herself. Not sure what "
     "to say to her", "emergency"),
    ("my friend took a bottle of ibuprofen after a fight, she says she's fine but I'm not sure", "emergency"),
    ("grandpa put on three fentanyl patches at once because the pain was bad and now he's very drowsy and confused", "emergency"),
    ("my kid drank some of the cleaning liquid from under the sink", "emergency"),
    ("my daughter is soaking a pad every 20 minutes and feeling dizzy", "emergency"),
    ("Front desk: the patient in the waiting room just went floppy and slid off the chair, she's not responding", "emergency"),
    ("husband takes ibuprofen every day for his AS and now has sudden horrible stomach pain and he's pale and "
     "sweaty", "emergency"),
    ("my leg has been swollen and sore since the flight and now it hurts to breathe in", "emergency"),
    ("mum's wrist is newly swollen and stiff, she can't grip the kettle", "urgent"),
    ("weak arms, can't lift my hair dryer, and my wee is really dark", "urgent"),
    ("My husband keeps crying and says he can't keep living like this with the pain", "emergency"),
    ("I don't see any way out of this pain", "emergency"),
    ("my dad says there's nothing left for him since the RA took his hands", "emergency"),
    # other wording of the same classes
    ("The leaflet says vomiting matters; he has vomited 3 times and can't keep his prednisolone down", "emergency"),
    ("there's a rope in the shed and he says he will use it tonight", "emergency"),
    ("ive made my decision, the pills are ready", "emergency"),
    ("I HAVE MADE MY DECISION AND I HAVE THE ROPE", "emergency"),
    ("i wana die tonight", "emergency"),
    ("i know how im going to do it", "emergency"),
    ("been stockpiling my tramadol and ive decided", "emergency"),
    ("I've decided this is my way out", "emergency"),
    ("she left a note and went to the bridge", "emergency"),
    ("tell the doctor thanks for trying, i wont need the next appointment, ive made up my mind", "emergency"),
    ("I won't need my appointment next week. I'm going to finish things tonight.", "emergency"),
    ("he has put all his wife's tablets on the table and is going to take them", "emergency"),
    ("my son has been cutting himself on his arms", "emergency"),
    ("she admitted she has been burning herself", "emergency"),
    ("i have thoughts to hurt myself", "emergency"),
    ("my flatmate took a bottle of paracetamol after an argument", "emergency"),
    ("he swallowed a packet of co-codamol", "emergency"),
    ("mum put on 4 patches at once because the pain was so bad", "emergency"),
    ("grandad used two fentanyl patches and now hes hard to wake", "emergency"),
    ("friend took tramadol and now breathing very slow", "emergency"),
    ("my toddler drank some washing-up liquid", "emergency"),
    ("my son swallowed a button battery", "emergency"),
    ("she is soaking through a pad every half hour", "emergency"),
    ("soaked through 3 pads in an hour and feel faint", "emergency"),
    ("he went limp and slumped over in the chair and isn't responding", "emergency"),
    ("my dad fell to the side and is not answering me", "emergency"),
    ("collapse", "emergency"),
    ("sudden awful tummy pain and hes grey and sweaty", "emergency"),
    ("horrible pain in my belly, worst ever", "emergency"),
    ("my calf is swollen and hurts and it hurts to breathe", "emergency"),
    ("swollen leg after the long flight and now pain when i breathe in", "emergency"),
    ("cant keep living like this", "emergency"),
    ("I can't see a way out of this pain", "emergency"),
    ("there is nothing left for me", "emergency"),
    ("no reason to go on with this pain", "emergency"),
    ("I feel a bit odd, my left side isn't working properly", "emergency"),
    ("my right side isnt working", "emergency"),
    ("my left side feels heavy and dead", "emergency"),
    ("his smile went one sided", "emergency"),
    ("food falling out of one side of her mouth", "emergency"),
    ("face feels funny on one side", "emergency"),
    ("no air", "emergency"),
    ("NO AIR HELP", "emergency"),
    ("breathing like a fish", "emergency"),
    ("mums knee is newly swollen and hot", "urgent"),
    ("arms weak and pee really dark", "urgent"),
])
def test_these_now_alarm_at_their_level(knowledge, text, level):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level == level, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text", [
    # from the set
    "Can celecoxib cause heart problems? There are heart attacks in my family",
    "My father's speech has been slurred since his stroke years ago; can he still do physio for his back?",
    "Front desk: caller wants the FAST stroke leaflet for her elderly parents",
    "Should I keep an EpiPen at home when starting a biologic?",
    "I'd rather die than go back to that dentist lol, can Sjogren's cause tooth decay?",
    "The pregabalin leaflet says it can cause suicidal thoughts, is that common?",
    "I overdosed on coffee this morning lol, my hands are shaky. Anyway, does caffeine affect fibro?",
    "The numbness in my feet has been the same for years since diabetes, nothing new. Can fibro add to it?",
    # look-alikes
    "I overdosed on chocolate at Christmas haha, does sugar make RA worse?",
    "overdosing on netflix while my back heals, any gentle stretches?",
    "Do I need to carry an EpiPen on rituximab?",
    "my doctor said I should keep an epipen at home, is that normal with a biologic?",
    "I'd rather die than go to the gym lol, what exercise helps fibro?",
    "I'd rather die than eat kale, is diet important for lupus?",
    "The tingling in my hands is nothing new, it has been there for years. Does B12 help?",
    "Heart attacks run in my family, is naproxen safe for me?",
    "There is a family history of stroke, does lupus raise the risk?",
    "Mum's face has drooped since her stroke in 2015, can she have a steroid injection for her shoulder?",
    "Can I get the stroke leaflet in Persian?",
    "The leaflet says it can cause suicidal thoughts, should I stop duloxetine?",
    "The methotrexate leaflet warns about severe bleeding, how often are blood tests?",
    "I decided to start the biologic, what should I expect?",
    "I've made my decision to go ahead with the knee replacement",
    "I have decided to stop smoking, will it help my RA?",
    "Is it safe to do skipping rope with arthritis?",
    "I bought a bottle of ibuprofen, how many can I take a day?",
    "I take two tablets at once in the morning, is that ok?",
    "I use two lidocaine patches on my back, is that safe?",
    "Is slow breathing good for pain?",
    "Does tramadol make you drowsy?",
    "The cleaning liquid smell gives me a headache, is that fibro?",
    "I have a collapsed vertebra from osteoporosis, what exercises are safe?",
    "I feel a bit odd today, tired and achy, is it my lupus?",
    "I have an odd pain in my knee, what could it be?",
    "my left knee isn't working properly since the flare, should I rest it?",
    "my pee is dark yellow when I don't drink enough, is that bad with lupus?",
    "the air con is broken and there is no air con in the clinic",
    "a new doctor told me my back pain is nothing new",
    "can a blood clot in the leg make it hurt to breathe? asking for my exam",
    "I had a horrible stomach ache last year from naproxen, can I try celecoxib?",
    "What are the warning signs of a stroke I should know as a carer?",
    "Is there a way out of the pain cycle with CBT?",
    "my grandmother fell over last month, she is fine now, does osteoporosis make falls worse?",
    "my friend joked he'd rather die than go to physio lol",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]


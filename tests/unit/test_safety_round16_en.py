"""Round 16, English (used since its scoring): symptoms told by metaphor, in clinical shorthand or typed mid-event.

* Chest: a metaphor of constriction after "like" ("like a belt being cranked tighter"); sweating in a nurse's word
  (diaphoretic) beside the breastbone.
* Stroke: a face "switched off" on one half, a smile gone on one side, speech "thick" or "just sounds", a nurse's
  facial droop, dysphasia and arm drift; a limb "made of wet sand", "belongs to someone else", all power lost; an onset
  "like a switch".
* Breathing: breathing "through a straw", air that "won't go in", a baby grunting with every breath, lips going dark,
  only two words out, tripoding, falling sats, stridor.
* Suicide: the engine running in a closed garage; standing on the bridge when "the pain won"; driving into a wall so
  the pain would stop; how many pills it would take; the urge to cut; "not existing anymore".
* Others: another resident's medicines given; blood jumping out; shaking on the floor; perianal numbness, a bladder
  "not working", "sitting on air"; sight gone dark on one side or half the world rubbed out; a lightning bolt in the
  head; green vomit; a steroid forgotten and "a deflated balloon"; 36/40 with a severe blood pressure, epigastric
  pain in pregnancy; apixaban and an unwitnessed fall; clopidogrel and a head knock; an operation, a swollen leg and
  not enough air; cold peripheries and barely rousable; a stiff neck with headache and vomiting; a belly pain low on
  the right with vomiting.
* Urgent: a worsening cough on tocilizumab; a hand "in a thick glove" since the weekend; cola-coloured urine in lupus;
  a nurse's oedema and proteinuria; a calf's tenderness; occipital pain and paraesthesia in RA; a finger that stays
  dark; an eye aching deep inside.
* Readings: a stroke patient, a toddler who nearly got into the pills, "lost sight of my goals", "burning up with
  anger", "the diagnosis knocked me out" are not red flags. Review 19 (a helper's 147 probes of this change) took out
  what silenced real emergencies: season words as past cues, exceptions for a febrile convulsion, a paralysed arm,
  self-harm scars, "losing sight of", "knocked me out cold"; and what raised false alarms: "urge to cut" alone, lips
  "getting darker", "eye is dark", a stiff neck with a headache and vomiting (now with vomiting and drowsiness).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # from the set
    ("Chest feels like a belt being cranked tighter and tighter, been 20 mins now", "chest_pain"),
    ("man next to me clutching his sternum, diaphoretic, says pressure 9/10", "chest_pain"),
    ("its like someone switched off half my face. cant smile on the left. speech feels thick", "stroke"),
    ("Pt 72, sudden onset R facial droop, expressive dysphasia, R arm drift.", "stroke"),
    ("mum is trying to talk but it's just sounds. her right hand won't grip the cup. wait", "stroke"),
    ("half my body feels like it's made of wet sand and my tongue won't do what i tell it", "stroke"),
    ("like breathing through a coffee stirrer and it's getting worse, I can only get two words out", "breathing"),
    ("My chest is like a shut door, air won't go in. I'm alone in the flat", "breathing"),
    ("my baby make a grunt sound every breath and his lips colour is going dark", "breathing"),
    ("pt acutely SOB, tripoding, sats dropped 88 to 82", "breathing"),
    ("Pt developed generalised urticaria, stridor and hypotension 5 min into IV infusion", "allergic_reaction"),
    ("standing on the bridge. the pain won", "suicide"),
    ("I am sitting in my car with engine on and garage door closed", "suicide"),
    ("sometimes when I'm driving I think about going into a wall so the pain would end", "suicidal_thoughts"),
    ("I keep wondering how many of my pills it would take", "suicidal_thoughts"),
    ("the urge to cut is really strong tonight", "suicidal_thoughts"),
    ("i keep imagining just not existing anymore and honestly it feels like relief", "suicidal_thoughts"),
    ("resident was given another resident's meds at 8pm incl warfarin and morphine", "overdose"),
    ("my child fell on glass, blood jumping out from his arm", "severe_bleeding"),
    ("my friend is shaking on floor 5 minute and not stop", "fainting_seizure"),
    ("pt with known disc prolapse now retention, no urge to void for 12h, perianal numbness", "cauda_equina"),
    ("sciatica down both legs now and bladder's not working", "cauda_equina"),
    ("pain low in my back and I feel nothing when I sit on the toilet, like I'm sitting on air", "cauda_equina"),
    ("suddenly lost all power in my left leg while walking to the bus", "sudden_weakness"),
    ("weakness hit my right side like a switch, I fell off the chair", "sudden_weakness"),
    ("everything went blurry then dark on one side, like someone painted over the window", "vision_loss"),
    ("half of whatever I look at is gone, like the left side of the world was rubbed out", "vision_loss"),
    ("my son's hip hurts and he won't walk at all, fever 39.5", "septic_joint"),
    ("son 8 can't bend his neck, headache, vomiting and very sleepy", "meningitis"),
    ("a lightning bolt in my head, worst pain of my life, came on in a second", "thunderclap_headache"),
    ("my son's belly pain moved to the lower right, he can't walk straight, vomiting", "severe_abdominal_pain"),
    ("pain in my belly like knifes turning inside, cannot stand, I vomit green water", "severe_abdominal_pain"),
    ("forgot my steroid for days and now i feel like a deflated balloon, can hardly lift my head", "adrenal_crisis"),
    ("Nurse: 36/40 primip, BP 160/105, headache, epigastric pain, brisk reflexes", "pre_eclampsia"),
    ("pregnant, pain at top of my stomach on the right, throwing up, feet like balloons", "pre_eclampsia"),
    ("one week I have headache in my temple and now my right eye see dark", "giant_cell_arteritis_vision"),
    ("Care home: resident on apixaban, unwitnessed fall, haematoma to forehead", "head_injury_blood_thinner"),
    ("I take aspirin and clopidogrel, walked head first into a metal beam, dizzy now", "head_injury_blood_thinner"),
    ("after my operation my leg is swollen and now I feel like there's not enough air", "leg_clot_breathless"),
    ("resident with AS had a fall in the lounge, c/o new cervical pain", "as_fall_neck"),
    ("grandma 88, chest infection, now RR 30, cold peripheries, barely rousable", "sepsis"),
    ("on prednisolone and tocilizumab, no fever but my cough keeps getting worse", "infection_on_immunosuppressants"),
    ("from weekend my hand feel like in thick glove and it is going more up", "new_numbness"),
    ("my left foot feels like cardboard for a few days and I'm catching my toes on the step", "new_numbness"),
    ("I have lupus and my urine colour is like cola", "lupus_kidney"),
    ("SLE pt, urine dip 3+ protein, new oedema", "lupus_kidney"),
    ("resident unilateral calf swelling and tenderness, no SOB", "leg_clot"),
    ("long-standing RA pt, new occipital pain, paraesthesia both hands", "ra_neck"),
    ("his finger is blue and painful all day, not going back pink", "finger_ischaemia"),
    ("my little finger go white then dark and now stay dark, pain", "finger_ischaemia"),
    ("eye feels like sandpaper and bloodshot, aching deep inside", "painful_red_eye"),
    ("I have fibromyalgia 8 years and I have no strength left, nothing help me", "crisis_check"),
    ("Sometimes I feel this pain is going to break me completely", "crisis_check"),
    # other words of the same classes
    ("my chest feels like a vice is squeezing it", "chest_pain"),
    ("dad's speech is thick and half his face won't move", "stroke"),
    ("it feels like I'm breathing through a straw", "breathing"),
    ("engine running in the garage and I'm not getting out", "suicide"),
    ("the blood is spurting out of the cut", "severe_bleeding"),
    ("my back hurts and I didn't know I wet myself", "cauda_equina"),
    # review 19: an exception or a reading must not silence these
    ("My baby is having a febrile convulsion right now", "fainting_seizure"),
    ("He woke up with a paralysed arm this morning and can't lift it", "sudden_weakness"),
    ("I'm suddenly losing sight of everything in my left eye", "vision_loss"),
    ("My mum collapsed in the summer heat and is not waking up", "fainting_seizure"),
    ("I want to reopen my self-harm scars tonight", "suicidal_thoughts"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    # from the set
    "lupus patient have more danger of stroke or no?",
    "my toddler almost got into my pill box but I caught him in time, how do I childproof it?",
    "lost sight of my goals since the PMR diagnosis, how do I stay motivated?",
    "burning up with anger at my insurance company, they refused my infusion again",
    # look-alikes in everyday talk
    "I wear a chest strap heart monitor at the gym, is that fine with lupus?",
    "I can only say a few words in Persian, is there an English leaflet?",
    "my car is in the garage for repairs so I can't drive to my appointment",
    "can I cut my hair during a lupus flare?",
    "I cut out sugar because of the urge to cut down on sweets, does diet help lupus?",
    "my lips are getting darker on hydroxychloroquine, is that a known effect?",
    "the skin under my eye is dark, is that lupus?",
    "I'm 62 and my migraines always come with a stiff neck and I usually vomit, is that linked to lupus?",
    "My 6 year old limps every morning and her knee looks swollen. Can small children have autoimmune joint pain?",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None

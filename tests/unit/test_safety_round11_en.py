"""Round 11 (English): the review of round 10's classes, then word classes from unseen_round11.yml's rules-only misses
(knowledge/en/red_flags.yml, en/words.yml, ../safety.yml).

Review of round 10 (findings fixed, look-alikes quiet):

* An old stroke only: a lasting sign "since his stroke" is quiet only when the stroke is dated long ago (``exception_patterns``:
  "in 2019", "two years ago", "last year"); "slurred since the stroke this morning" alarms again.
* A decision about something named ("decided to stop methotrexate", "made up my mind to move clinics", "a plan for
  tonight: a hot bath") is not the bare decision of ``decided``. Thanks for trying (``polite_thanks``) and no more
  appointments (``polite_exit``) are polite leave-takings: a farewell only beside "not here", a decision, a means, ending
  it, a farewell, or each other; no more appointments for a reason given ("because I'm moving") is none.
* Hurting, burning or cutting oneself beside sport, cooking, work or DIY, and "burning myself out", are accidents and idioms.
* Blurry eyes "this morning" or on waking are not a sudden loss of sight (``woke_with`` keeps waking for a limb).
* "horrible", "awful" no longer make a belly pain severe alone; period pain however strong is not a surgical belly.
* An opioid is a named opioid (not "painkillers", not "patches"); drowsy, confused or nodding off on it is a side effect
  unless breathing slows or he cannot be woken; patches at once are "at once" or "together" with no other kind named;
  a bottle or box taken needs a medicine after it.
* "I could collapse", "collapse into bed"; muscle aches with urine "darker than usual" when dehydrated; "no air in the
  waiting room".

Round 11 classes: a weight on the chest, the chest "paining" with sweat coming; a rope bought; the pain to stop "forever";
numbness "down below"; a limb "not working" or that "doesn't seem to want to work" suddenly or "since lunch"; a belly
"paining too much", "can't even talk"; seeing stars or flickering in pregnancy or with a temple headache; the back of the
head hit; a leg "fat and sore", breathlessness; after a tumble with AS a pain "new and sharp" or "different from usual";
low blood pressure and a fast heartbeat with infection; "cough and temperature"; the temple artery hard; a red painful
eye; protein in the urine; tingling fingers and hands "not working well"; a finger that "stays dark"; worn out or broken
beside "nobody understands" (the crisis check).

Second review (round 12) of these classes: the accident word must stand right beside the verb (never work, a job, a
shift, "can", a candle); "on purpose", "deliberately", "when it gets too much", "to feel something" make it self-harm again;
period pain with pregnancy named is a severe belly (ectopic); a decision, a plan or a rope is ordinary only beside a named
ordinary thing; dehydration denied is no excuse for dark urine; a stroke "in" this year is not long ago. Look-alikes made
quiet: a rope burn or swing, the pain gone "forever" with a treatment asked about, a migraine aura, a flickering screen,
"expecting" alone, a heart fast when anxious, "went over my results", colour changing with the temperature, a finger that
won't go back straight, dark outside, legs fat from steroids, "done with my infusion".

Left: "if I have to wait on hold one more time ill shoot myself haha" (suicide words always alarm); "had anaphylaxis to
nuts once, is that genetic?"; "double vision is a symptom of MS? just reading about it"; "thanks for trying, I won't need
the next appointment, I'm moving" (no "because") still alarms.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, level", [
    # review: the emergency that went quiet, and wording of the classes kept
    ("My dad's speech has been slurred since the stroke this morning, what do I do", "emergency"),
    ("mum's face has drooped since the stroke an hour ago", "emergency"),
    ("tell the doctor thanks for trying, i wont need the next appointment, ive made up my mind", "emergency"),
    ("bye. i wont need the appointment next week. tell the doctor thanks for trying", "emergency"),
    ("I want to say goodbye, I won't need my appointment next week, give it to someone else", "emergency"),
    ("Thanks for trying doctor. I won't be around much longer.", "emergency"),
    ("I've made my decision for tonight, please look after my cat after I'm gone", "emergency"),
    ("my son has been hurting himself on his arms", "emergency"),
    ("i keep burning myself with a lighter", "emergency"),
    ("I've been hurting myself", "emergency"),
    ("woke up and my left arm is weak and floppy", "emergency"),
    ("this morning my vision suddenly went blurry in one eye", "emergency"),
    ("took a box of her sleeping pills", "emergency"),
    ("he swallowed a bottle of his tramadol", "emergency"),
    ("dad put 5 patches on together and now he's hard to wake", "emergency"),
    ("dad collapsed in the bathroom and isn't responding", "emergency"),
    ("I take a statin, muscles aching all over and urine looks like tea", "urgent"),
    # round 11, from the set
    ("hi my chest is paining very much since half hour and my left hand also paining, sweat is coming", "emergency"),
    ("feels like an elephant is on my chest", "emergency"),
    ("i bought a rope today", "emergency"),
    ("I have the knife ready, I just want the pain to stop forever", "emergency"),
    ("my back has been bad and now I can't feel anything down below", "emergency"),
    ("one minute fine, next minute couldnt grip my cup, hand floppy", "emergency"),
    ("LEG NOT WORKING SUDDENLY", "emergency"),
    ("my right leg doesn't seem to want to work since lunch", "emergency"),
    ("my stomach is paining too much since morning, i cannot even talk", "emergency"),
    ("i am in pregnancy 8 month, my head is paining and my eyes see stars", "emergency"),
    ("temple throbbing, flickering and blind patches", "emergency"),
    ("fell on ice hit back of head, on rivaroxaban, vomiting", "emergency"),
    ("my leg has been fat and sore for days and now breathing hurts", "emergency"),
    ("lupus antiphospholipid, calf swelling and sudden breathlessness", "emergency"),
    ("I'm an old man with AS, had a bit of a tumble and my neck's very sore now", "emergency"),
    ("AS, fell on my back yesterday, pain new and sharp", "emergency"),
    ("on methotrexate and Humira, shivering fever, blood pressure low, dizzy", "emergency"),
    ("wound got infected, now fever and very unwell, fast heartbeat", "emergency"),
    ("methotrexate plus pred, cough and temperature since yesterday", "urgent"),
    ("the artery at my temple feels hard and sore, eyesight okay", "urgent"),
    ("AS patient, red painful eye again", "urgent"),
    ("lupus patient, doctor said protein in urine, now swelling worse", "urgent"),
    ("long bus trip and now my calf is tender and fat", "urgent"),
    ("rheumatoid arthritis, pain at base of skull and tingling fingers", "urgent"),
    ("RA 20 years, neck stiff and hands not working well, buttons hard", "urgent"),
    ("finger went white then blue and now stays dark", "urgent"),
    ("nobody understands, im done", "emergency"),
    ("i am so broken, cant do this", "emergency"),
    ("too much. all of it. too much", "emergency"),
    # round 11, other wording of the same classes (relatives relaying, teenagers, gym-goers)
    ("my aunt called from Tehran, she says it's like a truck is sitting on her chest", "emergency"),
    ("mum rang: her chest is paining so much and she is drenched in sweat", "emergency"),
    ("got a rope. tonight", "emergency"),
    ("i just want everything to stop for good", "emergency"),
    ("dad says he can't feel a thing down there and his back is killing him", "emergency"),
    ("Grandma's arm stopped working one minute ago, she can't lift it", "emergency"),
    ("my brother's leg just isn't working since breakfast, he keeps falling", "emergency"),
    ("she is 7 months pregnant and seeing stars with a bad headache", "emergency"),
    ("granddad on warfarin bumped the back of his head on the cupboard", "emergency"),
    ("his calf is fat and red and now he has breathlessness", "emergency"),
    ("dad has AS, took a tumble on the stairs, his neck pain is different from usual", "emergency"),
    ("on rituximab with a fever and my heart beating fast, I feel really unwell", "emergency"),
    ("my mum on prednisolone has a cough and temperature", "urgent"),
    ("my temple artery is hard and tender", "urgent"),
    ("kidney doctor found protein in my urine, I have lupus", "urgent"),
    ("RA for years, sore neck and my hands aren't working, keep dropping things", "urgent"),
    ("my toe went blue in the cold and it stayed dark", "urgent"),
    ("no one understands, i'm finished", "emergency"),
    ("im broken, i cant do this", "emergency"),
    # second review (round 12): emergencies the round 11 exceptions silenced
    ("I cut myself last night after work", "emergency"),
    ("I've been cutting myself since I lost my job", "emergency"),
    ("I keep cutting myself and I cannot stop", "emergency"),
    ("I burn myself with a candle when it gets too much", "emergency"),
    ("I burned myself with the iron on purpose", "emergency"),
    ("I'm pregnant and have severe period pain in my belly and feel dizzy", "emergency"),
    ("I'm 7 weeks pregnant with terrible period cramps in my stomach and I feel dizzy", "emergency"),
    ("I have a plan for tonight. Goodbye everyone", "emergency"),
    ("I've decided to do it tonight", "emergency"),
    ("I've made my decision about tonight, goodbye", "emergency"),
    ("I bought a rope for tonight", "emergency"),
    ("I got a rope to end it", "emergency"),
    ("my muscles ache badly and my urine is darker than usual even though I drink lots of water", "urgent"),
    ("my muscles ache badly and my urine is darker than usual, not dehydrated, what is it", "urgent"),
    ("slurred speech since the stroke in 2026, much worse today", "emergency"),
    # second review (round 12): variants of our own
    ("I cut myself after my shift, it helps", "emergency"),
    ("I've been burning myself since I lost my job", "emergency"),
    ("I scratched myself with the kettle lid on purpose", "emergency"),
    ("I cut myself with a knife deliberately last night", "emergency"),
    ("I hurt myself to feel something", "emergency"),
    ("I burn myself when it gets too much", "emergency"),
    ("I'm 6 weeks pregnant with really bad period pain in my tummy", "emergency"),
    ("pregnant, period cramps on one side and I feel faint", "emergency"),
    ("I've made up my mind about tonight. Goodbye", "emergency"),
    ("I have a plan for tonight, I won't be around tomorrow", "emergency"),
    ("I've decided to do it tomorrow", "emergency"),
    ("bought a rope for tonight, goodbye", "emergency"),
    ("got a rope to do it", "emergency"),
    ("my muscles are weak and my pee is darker than usual though I drink plenty of water", "urgent"),
    ("muscles aching all over, urine darker than normal and I'm not dehydrated", "urgent"),
    ("speech has been slurred since the stroke in 2026 and it is worse now", "emergency"),
])
def test_these_now_alarm_at_their_level(knowledge, text, level):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level == level, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text", [
    # the review's look-alikes
    "I've made up my mind to move clinics, so I won't need the next appointment",
    "I've decided to stop methotrexate. Thanks for trying.",
    "I have a plan for tonight: a hot bath and early bed. Thanks for trying to help!",
    "thank you for trying to help, I won't need the next appointment because I'm moving",
    "I keep hurting myself on my legs at the gym, is it my RA?",
    "I've been hurting myself lifting weights",
    "I burned myself on my arm with the kettle",
    "I've been burning myself out at work",
    "This morning my eyes are blurry, is it the hydroxychloroquine?",
    "I have Sjogren's and woke up with blurry dry eyes, what drops help?",
    "awful period cramps every month, is it endometriosis or my lupus?",
    "My stomach pain is horrible after methotrexate, what helps?",
    "Tramadol makes me drowsy and confused, should I switch?",
    "My painkillers make me keep nodding off in the afternoon",
    "I put 4 heat patches at once on my back",
    "I use 3 lidocaine patches at night",
    "My mum took a box of tissues to her room",
    "He had a bottle of kombucha with dinner",
    "I'm so tired I could collapse",
    "I have muscle aches and my pee is darker than usual, am I dehydrated?",
    "There is no air in the waiting room, it is so stuffy",
    # look-alikes of our own: sport, cooking, work, periods, dehydration, figures of speech
    "My father's speech has been slurred since his stroke in 2019; can he still do physio?",
    "her arm has been weak ever since her stroke two years ago, is a brace ok?",
    "Dad's speech has been slurred since his stroke last year, can he do hydrotherapy?",
    "I've decided on the biologic, thanks for trying to explain it",
    "I have decided that I will try acupuncture, thank you for everything",
    "thanks for trying, I won't need the appointment since my pain has gone",
    "I cut myself chopping onions, will methotrexate slow the healing?",
    "I keep burning myself on the oven tray, my hands are so clumsy with RA",
    "He hurt himself playing football, can he take naproxen?",
    "I scalded myself with tea because my grip is weak",
    "I'm wearing myself out with these flares",
    "Woke up with blurry vision after the eye drops, is that normal?",
    "horrible period pain in my belly every month",
    "I have awful stomach cramps from my period, is that lupus?",
    "My stomach is awful after the curry, what helps?",
    "Does codeine make you drowsy and confused?",
    "I use two heat patches at once for my back, is that ok?",
    "She took a box of chocolates to the hospital for the nurses",
    "He drank a bottle of kombucha, does it help gut health?",
    "I took a pack of cards to the waiting room",
    "I could collapse after my spin class, is fatigue part of fibro?",
    "I just want to collapse into bed after work",
    "After the gym my muscles are aching and my wee is darker than usual, not drinking enough?",
    "There's no air con in the physio room, it is so hot",
    "Can't see the point of this new insurance form",
    "I bought a rope for the garden swing",
    "I bought a skipping rope to get fit, is jumping bad for my knees?",
    "I want the pain to stop, what can I take with methotrexate?",
    "My period cramps are paining too much, is ibuprofen ok?",
    "The elephant at the zoo sat on my nephew's toy, he cried all day",
    "my calves are fat from the gym, can I do squats with RA?",
    "I'm done with physio for today, can I use a heat pad?",
    "nothing helps my knee, should I try a brace?",
    "I had a tumble on the ice last winter, fine now, does AS make bones weaker?",
    "My blood pressure is low in the morning, is that from prednisolone?",
    "My heart is racing after coffee, can I still take my pills?",
    "The artery test came back normal, what next for my temple headache?",
    "After a long run my leg feels fat and heavy, is that normal?",
    # second review (round 12): false alarms of round 11's classes
    "I got a rope burn at the gym",
    "we got a rope swing for the kids",
    "I bought some rope today for the washing line",
    "I just want this pain to go away forever, is there any treatment for that?",
    "I get migraines with zigzag lines before the headache",
    "I was expecting the headache to go away but now my screen flickers",
    "my heart is beating fast when I'm anxious, I have a cold with temperature",
    "the doctor went over my results, I have ankylosing spondylitis and my pain is different from usual",
    "my fingers change colour with temperature, I'm on methotrexate",
    "my finger clicks and won't go back straight",
    "my finger is stiff in the morning when it's still dark outside",
    "my legs have gone fat from the steroids and my calf hurts after walking",
    "I'm done with my infusion, nobody understands how tired I am",
    # second review (round 12): variants of our own
    "I cut myself shaving, will it heal on methotrexate?",
    "I burned myself on the iron yesterday, is the blister ok?",
    "I cut myself while cooking, does prednisolone slow healing?",
    "I hurt myself at the gym",
    "I cut myself on a tin can",
    "I've decided to switch to Humira, goodbye methotrexate!",
    "I have a plan for tonight: physio exercises and bed",
    "I bought a skipping rope for the gym",
    "my son got a rope burn climbing",
    "we bought rope for the tree swing",
    "I want the pain to go away forever, which treatment works best?",
    "my migraines come with zigzag lines, is that lupus?",
    "my phone screen flickers and gives me a headache",
    "my heart races when I'm nervous, I also have a cold with a temperature",
    "my physio went over the exercises, I have AS and the pain is different from usual",
    "my toes turn white in the cold weather, I'm on methotrexate",
    "my finger won't go back straight in the morning, trigger finger?",
    "my legs got fat from the prednisolone, the calf hurts when I walk",
    "I'm done with my physio for the week, nobody understands how hard it is",
    "I was expecting the results today but my vision is blurry from the drops",
    "my urine is darker than usual, not drinking enough water?",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]

"""English word classes widened on the rules-only misses of the used safety sets (rounds 2 to 12, all used), in
other wording than the sets' own (knowledge/en/red_flags.yml, en/words.yml, ../safety.yml).

Classes: English ``speech_trouble``, ``face_droop``, ``eye_blind`` and ``immobile`` (the stroke, vision and clot
combinations named them, only fa/ had them); limbs that couldn't move or went to jelly, within hours or overnight; urine
that cannot be passed, accidents with the bowels, no feeling when wiping, beside back pain or sciatica; household poison;
a medicine every hour; bleeding for 30 minutes or more, non-stop; a very strong belly, hard like a board; a headache that
pops, bursts or comes like lightning; steroid brands; blood pressure low on steroids (``low_bp``); mottled skin with
confusion (``mottled``); a temple sore "on the side", an age "at 67"; fingers that won't warm up; a head whacked; a roof
"now"; pills lined up on a desk; thoughts of ending it, urges to cut again; a severe chest pain going to the back or arm;
a farewell beside a means; an opioid asked about beside slowed breathing. Look-alikes stay quiet.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, level", [
    ("my uncle's face dropped on one side at dinner", "emergency"),
    ("mum is talking gibberish and her arm is weak", "emergency"),
    ("his smile is lopsided and he can't get the words out", "emergency"),
    ("I couldn't move my right leg when I woke up", "emergency"),
    ("within the hour both his legs went like jelly", "emergency"),
    ("my son suddenly cannot see anything out of his left eye", "emergency"),
    ("her back is bad and she hasn't peed since yesterday morning", "emergency"),
    ("sciatic pain for a week and now I wet myself without feeling it", "emergency"),
    ("my toddler drank some of the descaler", "emergency"),
    ("he took ibuprofen every hour since lunch", "emergency"),
    ("his nose has been bleeding for 45 minutes", "emergency"),
    ("very strong pain in my belly, I can't stand straight", "emergency"),
    ("something popped in my head and now the worst headache", "emergency"),
    ("on hydrocortisone, vomiting since the morning", "emergency"),
    ("mum is on prednisolone, her blood pressure dropped and she is very weak", "emergency"),
    ("my grandad is confused and his knees look mottled", "emergency"),
    ("grandma is on apixaban and whacked her head on the table", "emergency"),
    ("I'm on the roof of my building now", "emergency"),
    ("thinking about ending it all again", "emergency"),
    ("strong urges to harm again tonight", "emergency"),
    ("crushing, very strong pain in my chest going into my left arm", "emergency"),
    ("goodbye everyone, I turned the gas on", "emergency"),
    ("how bad is it that I had 6 oxycodone? my breathing is very slow now", "emergency"),
    ("she is 36 weeks pregnant and cannot see clearly", "emergency"),
    ("my grandad's temple is sore at 74 and his head hurts", "urgent"),
    ("my fingers are white and won't warm up", "urgent"),
    ("since her operation she's been laid up and her calf is swollen and sore", "urgent"),
    ("lupus, and my eyelids are puffy this week", "urgent"),
])
def test_these_now_alarm_at_their_level(text: str, level: str) -> None:
    assert assess(normalise(text)).level == level


@pytest.mark.parametrize("text", [
    "I keep my pills lined up in a weekly organiser so I don't forget them",
    "my son carries an EpiPen for peanuts, is Humira safe for him?",
    "the numbness came on slowly over the years, does physio help?",
    "I am 40 now and had meningitis as a child, can I start Ocrevus?",
    "my toddler got hold of the bottle but nothing was swallowed, how do I childproof it?",
    "I ate too much at the wedding, is that why my stomach hurts a bit?",
    "if I cut myself while shaving on warfarin how long will it bleed?",
    "sciatica down my leg, nothing numb down there, bladder fine, which stretches help?",
    "I had iritis 3 times before, does Humira prevent it?",
    "my worst fear is a stroke, how can I lower my risk?",
    "what does mottled skin mean in a leaflet about sepsis?",
    "I plan to take my weekly methotrexate in one day instead of splitting it, is that allowed?",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert not assess(normalise(text)).now

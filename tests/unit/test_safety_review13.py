"""Review 13: the used-set tuning of rounds 11 and 12 read side by side with the rules before it, on messages two
reviewers wrote for the purpose (English and Persian). What the tuning silenced alarms again; its false alarms are
quiet; `docs/safety.md` (item 12) says what was taken back or narrowed.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # a report inside a question on an "if": "right now" is no closer of the if
    ("should I call 115 if my dad's chest pain is spreading to his jaw and left arm right now?", "chest_pain"),
    ("what should I do if my mum's face has dropped on one side and her arm is weak right now?", "stroke"),
    ("do I go to A&E if I suddenly can't see out of one eye right now?", "vision_loss"),
    ("do I need to go to hospital if I've been bleeding non-stop for 30 minutes now?", "severe_bleeding"),
    ("is it serious if my son swallowed a button battery an hour ago?", "overdose"),
    # a weekly medicine had twice is no history
    ("I had my methotrexate twice before, I mean twice this week by mistake, it's meant to be weekly", "overdose"),
    # Persian: "just asking" before a report, a polite «اگه», «اون موقع که», «فکر میکنم», a swollen calf
    ("فقط پرسیدم، بچه‌م قرص برنج خورده خطرناکه؟", "overdose"),
    ("فقط یه سوال بود: مادرم افتاده و یه طرف بدنش تکون نمیخوره، باید زنگ بزنم؟", "fainting_seizure"),
    ("اگه میشه بگید مادرم تشنج کرده و کف از دهنش میاد چیکار کنیم؟", "fainting_seizure"),
    ("اگه اشتباه نکنم بابام سکته کرده دهنش کج شده چیکار کنیم؟", "stroke"),
    ("اون موقع که رسیدیم دیدیم کف زمین افتاده و از دهنش کف میاد و جواب نمیده", "fainting_seizure"),
    ("فکر میکنم قلبم گرفت، دست چپم سنگین شده و عرق سرد کردم", "chest_pain"),
    ("از دیروز دو تا پله میرم بالا نفسم بند میاد، ساق پای چپم ورم کرده و داغه", "leg_clot_breathless"),
    ("نوک انگشتام سیاه شد از سرما و درد شدید داره", "finger_ischaemia"),
    # a drink of poison is still one
    ("my toddler had a sip of the kerosene from the heater bottle", "overdose"),
    ("my son drank petrol from a bottle in the garage", "overdose"),
    ("بچه‌م نفت خورده سرفه میکنه", "overdose"),
])
def test_what_the_tuning_silenced_alarms_again(text: str, group: str) -> None:
    assessment = assess(normalise(text))
    assert group in {flag.id for flag in assessment.now}, (text, [(f.flag.id, f.status) for f in assessment.findings])


@pytest.mark.parametrize("text", [
    "I've got my meds laid out on the kitchen counter in the morning so I don't forget them",
    "no, I didn't take my tablets every hour, just twice a day as you said",
    "I can't feel much when I take gabapentin, is it working?",
    "I check my pain score every hour and take my medicine at night",
    "I cracked open a new pack of painkillers for my headache",
    "I took my migraine tablet a minute ago for my usual headache, how long until it works?",
    "my sciatica shoots like lightning down my leg, and I get tension headaches too",
    "I can't find the words to thank you, my legs are still weak from the sciatica but improving",
    "all of a sudden I can't see my GP until March, can the clinic help?",
    "I can't see the left side of the screen because of the glare, any tips for reading?",
    "my urine smells of ammonia, I think I drank too little water",
    "I drank coffee and then filled the car with petrol, my hands are achy",
    "I had blood taken and waited 30 minutes for the results",
    "so done with my body being this stiff in the mornings, any stretches?",
    "I'm on apixaban and my grandson hit my face with his toy, no injury",
    "رفتم بنزین بزنم، خوردم زمین، زانوم زخم شد",
    "شوهرم تو شرکت نفت کار میکنه، دیروز خورد زمین و کمرش درد گرفته",
    "بچه‌ام صبح‌ها هرچی صداش میکنم بیدار نمیشه، تنبلی میکنه برای مدرسه",
    "تو بالکن نشسته بودم، خودم حواسم پرت شد و چای ریخت رو دستم",
    "خودش یه جای پرت زندگی میکنه نزدیک سد، دیر به دیر میاد کلینیک",
    "چند ماه پیش مادرم فوت کرد، همش فکر مرگ مادرم تو سرمه و گریه میکنم",
    "خونم کمه، دکتر آهن داده، صبح‌ها حالت تهوع دارم و بالا میارم",
    "گوشیم افتاد زمین، از دستپاچگی زبونمو گاز گرفتم",
])
def test_what_the_tuning_alarmed_on_stays_quiet(text: str) -> None:
    assessment = assess(normalise(text))
    assert assessment.level is None, (text, [(f.flag.id, f.status) for f in assessment.findings])

"""Round 15 (used since its scoring), both languages: the classes its misses showed, in other words than the set's.

* A statement after the finding that nothing is happening now (``reassured``: "she's not having any now", «الان
  چیزی نداره»), in a message whose finding's sentence asks: a finding no other cue reads is asked about. It never
  undoes a report that asks nothing, nor a swallow or a blow to the head (``reassurable: false``), nor what comes
  before it; a "now" cue still wins, except the one inside the reassurance; "she says she's fine", "all normal",
  "nothing new" and "just asking" are no reassurance (review 18: carers write them after real reports).
* Mentions: "almost had a stroke when I saw the bill" («کم مونده بود سکته کنم»: an exception, not an if over the
  sentence), "how do you tell X from Y", "what's the difference" («چه فرقی»), «X چه شکلیه؟», "turned out to be
  nothing", "when she first started".
* Alarms: "tonight I'll be free of this pain" with a letter, a means or a last night (``set_free``); a razor in hand;
  throwing oneself under a car; "by the time you read this I'll be gone"; a garage with the engine running; "make
  an end to himself"; an unknown number swallowed by a child; a sight lost in one eye; urine that "escaped"; a limb
  with no strength since waking; tea- or cola-coloured urine with weak muscles; "can't stay awake after her
  tramadol" (the "can't" no longer denies the medicine after "after").
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


def _now(text: str) -> list:
    return [flag.id for flag in assess(normalise(text)).now]


@pytest.mark.parametrize("text, group", [
    ("can a heart attack feel like indigestion? my dad is not having any now, i'm just asking", "chest_pain"),
    ("what does meningitis look like in a toddler, she's fine right now, just want to be prepared", "meningitis"),
    ("how do you tell a lupus flare from a kidney problem? nothing new with me", "lupus_kidney"),
    ("I almost had a stroke when I saw the parking fine", "stroke"),
    ("my aunt's headaches turned out to be nothing. which headaches matter with PMR?", "giant_cell_arteritis"),
    ("he had mouth ulcers when he first started methotrexate and they went away with folic acid", "methotrexate_toxicity"),
    ("علائم سکته قلبی تو زنها فرق داره؟ الان چیزی نداره، فقط میخوام بدونم", "chest_pain"),
    ("نزدیک بود سکته کنم وقتی اسممو صدا زدن", "stroke"),
    ("سکته مغزی با حمله ام اس چه فرقی داره؟", "stroke"),
    ("حمله لوپوس به کلیه چه شکلیه؟", "lupus_kidney"),
    # a farewell beside being free of the pain after an operation is no suicide (set_free needs "tonight", "for good")
    ("thanks for everything, goodbye, I will be free of this pain after the surgery", "suicide"),
    ("خداحافظ دکتر جان، بعد از عمل از این درد خلاص میشم ان شاء الله", "suicide"),
    # review 18: everyday messages with the new words
    ("ترامادول دیگه جواب نمیده، دوزشو زیاد کنم؟", "overdose"),
    ("Codeine makes me so sleepy in the daytime, can I take it at night instead?", "overdose"),
    ("باید برم زیر ماشین روغنشو عوض کنم ولی کمرم درد میکنه، کمربند طبی خوبه؟", "suicide"),
    ("تیغ دستمه که ریشمو بزنم ولی دستم از آرتروز میلرزه", "suicide"),
    ("By the time you read this I'll be in surgery, please reply to my husband instead. Thanks!", "suicide"),
    ("I waited in the car with the engine running to keep warm before my appointment", "suicide"),
    ("فردا عمل دارم، همه چی آماده است. دعا کنید، خداحافظ.", "suicide"),
    ("ممنون از راهنماییتون، عمل خوب بود و امشب از این درد خلاص میشم. خداحافظ.", "suicide"),
    ("binaei cheshmesh ro sal ha pish az dast dade, mitoone ampool bezane?", "vision_loss"),
])
def test_mentions_are_not_alarms(text: str, group: str) -> None:
    assert group not in _now(text)


@pytest.mark.parametrize("text, group", [
    # a reassurance only reads what came before it, and a "now" cue still wins
    ("I'm only asking for my mum, but right now she has crushing chest pain going into her arm", "chest_pain"),
    ("my son swallowed 10 of my tramadol tablets, just asking if that is dangerous", "overdose"),
    ("بچه‌م قرص برنج خورده، فقط پرسیدم", "overdose"),
    ("nothing new here, but my husband's face drooped and his speech is slurred", "stroke"),
    ("just asking: is it normal that my arm went weak and my speech is slurred right now?", "stroke"),
    ("mum is on warfarin and banged her head on the cupboard, she says she's fine", "head_injury_blood_thinner"),
    ("فقط میخوام بدونم، الان بابام درد قفسه سینه داره که به دست چپش میزنه و عرق سرد کرده", "chest_pain"),
    # review 18: a report that asks nothing is not undone by a later "all normal" or "nothing new"; a swallow and a
    # blow to the head on a blood thinner are never undone; "almost", "turned out" are no if and no past
    ("My dad has crushing chest pain and he's sweating buckets. His ECG last month came back normal.", "chest_pain"),
    ("شوهرم افتاد زمین و نفس نمیکشه. چیز جدیدی نیست، فقط نشسته بود.", "breathing"),
    ("My 4 year old swallowed some of my oxycodone. Is that bad? She's fine and playing, nothing now.", "overdose"),
    ("My dad almost had a fall on the stairs, his face is drooping and his speech is slurred.", "stroke"),
    ("کم مونده بود تصادف کنم چون دست راستم یهو بی‌حس شد و نمیتونم درست حرف بزنم", "stroke"),
    ("We thought it was a migraine but it turned out he can't move his left side and his face is drooping.", "stroke"),
    ("She can't stay awake after her tramadol, so sleepy, breathing is slow", "overdose"),
    ("امشب دیگه خلاص میشم، قرصامو جمع کردم", "suicide"),
    ("I can't tell the difference between a panic attack and a heart attack, my chest is crushing and my left arm is numb",
     "chest_pain"),  # "difference between" asks in its own clause only (asks_what), no more an if over the sentence
    ("بینایی یه چشمش رو همین امروز یهو از دست داده", "vision_loss"),
    # alarms in other words than the set's
    ("امشب از این درد خلاص میشم. نامه‌هامو نوشتم و گذاشتم رو میز", "suicide"),
    ("تو دستشوییم و تیغ دستمه، دیگه نمیکشم", "suicide"),
    ("داداشم پیام داده میخوام خودمو بندازم زیر ماشین، گوشیشم خاموشه", "suicide"),
    ("by the time you read this i will be gone, thanks for trying doctor", "suicide"),
    ("my neighbour is in his garage with the car engine running and the door locked", "suicide"),
    ("پسر سه ساله‌م رفته سر کیفم، بسته‌ی پردنیزولون باز بود، نمیدونیم چندتاشو خورده", "overdose"),
    ("شوهرم ترامادول خورده، صداش میکنیم جواب نمیده", "overdose"),
    ("my son took many of my tramadol, he's very sleepy and his breathing is slow", "overdose"),
    ("my wife's left eye suddenly went dark an hour ago, she sees nothing from it", "vision_loss"),
    ("کمرم خیلی درد میکنه و از دیشب دو بار ادرارم در رفته بدون اینکه بفهمم", "cauda_equina"),
    ("بابام از صبح که بیدار شده دست راستش هیچ زوری نداره", "sudden_weakness"),
    ("یه هفته‌ست ماهیچه‌های رونم ضعیف شده و ادرارم رنگ چایی شده", "myositis_dark_urine"),
])
def test_alarms_are_raised(text: str, group: str) -> None:
    assert group in _now(text)

"""Round 3 (Persian and Finglish): the red-flag words widened from the misses of persian_unseen_round3.yml.

Each widening of knowledge/fa/red_flags.yml is checked here on wording that is not the set's (other verbs,
spellings with and without half-spaces, Finglish, relatives), and on everyday messages that must stay quiet:
denials, past events, ifs, general questions and figures of speech. Rules only, on the normalised text.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


def _now(text):
    return {flag.id for flag in assess(normalise(text)).now}


@pytest.mark.parametrize(
    "text, group",
    [
        # breathing: "air doesn't reach me", "however much I breathe ..."
        ("از صبح هر چی نفس میکشم انگار هوا بهم نمی‌رسه", "breathing"),
        ("mamanam mige hava behesh nemirese", "breathing"),
        ("هیچ هوایی به من نمیرسه کمک کنید", "breathing"),
        # suicide: giving things away (not_here) beside a farewell, "I won't need it", "I'm on my way out"
        ("النگوهامو بخشیدم به عروسم، دیگه به کارم نمیاد", "suicide"),
        ("بابام ساعتشو بخشید به من و گفت حلالم کن", "suicide"),
        ("مادربزرگم ازمون حلالیت خواست و گفت من رفتنی‌ام", "suicide"),
        ("خواهرم پیام داد منو ببخشید و گوشیشو خاموش کرده", "suicide"),
        ("وصیتمو نوشتم، بهشون بگید دوسشون داشتم", "suicide"),
        ("kash dige sobh bidar nasham", "suicide"),
        ("کاش دیگه هیچوقت از خواب بیدار نشم", "suicide"),
        ("دلم میخواد خودمو زخمی کنم", "suicide"),
        ("mikham be khodam asib bezanam", "suicide"),
        ("میخواد همه قرصاشو یکجا بخوره", "suicide"),
        # crisis check: "I can't bear it any more" in another order, worn out, "my life is over", "good for nothing"
        ("نمی‌تونم دیگه این درد رو تحمل کنم", "crisis_check"),
        ("از این همه درد بریدم", "crisis_check"),
        ("دیگه دیوونه شدم از دست این درد", "crisis_check"),
        ("حس میکنم زندگیم تموم شده", "crisis_check"),
        ("به هیچ دردی نمیخورم دیگه", "crisis_check"),
        # fainting or seizure: called and not answering, shaken and not waking, eyes rolled up
        ("هرچی صداش میزنیم جواب نمیده", "fainting_seizure"),
        ("بابام رو زمین افتاده تکونش میدم بیدار نمیشه", "fainting_seizure"),
        ("baba bozorgam az hal rafte", "fainting_seizure"),
        ("داره می‌لرزه و چشماش رفته بالا", "fainting_seizure"),
        # cauda equina: control lost in more words, Finglish, the seat written apart
        ("کمرم درد میکنه و کنترل ادرار و مدفوعم رو از دست دادم", "cauda_equina"),
        ("kamardard daram va kontrole madfoo ro az dast dadam", "cauda_equina"),
        ("kamaram dard mikone va nemitoonam dastshooyi konam", "cauda_equina"),
        ("کمرم خیلی درد میکنه و نشیمن گاهم بی حس شده", "cauda_equina"),
        # sudden weakness or stroke: "can't move either of my arms", half the body
        ("یهو نمیتونم هیچکدوم از دستامو تکون بدم", "sudden_weakness"),
        ("ده دقیقه پیش یهو نصف بدنش بی حال شد", "stroke"),
        # vision: half the picture switched off
        ("نیمی از تصویر چشم راستم خاموش شده", "vision_loss"),
        ("cheshmam yehoo khamoosh shod", "vision_loss"),
        # septic joint: joints with their suffixes, "isn't like usual" is no denial of the joint
        ("زانوم مثل همیشه نیست، داغه و باد کرده و تب دارم", "septic_joint"),
        ("مفصلام ورم کرده داغه و تب ۳۹ دارم", "septic_joint"),
        # thunderclap: "a headache", "not my usual headache", Finglish "worst headache of my life"
        ("یهو یه سردردی اومد سراغم مثل برق", "thunderclap_headache"),
        ("این سردرد معمولیم نیست، یهو شروع شد", "thunderclap_headache"),
        ("badtarin sardarde zendegimo daram", "thunderclap_headache"),
        # severe abdominal pain: how much, in everyday words
        ("شکمم یه جوری درد میکنه که نمیتونم راه برم", "severe_abdominal_pain"),
        ("درد دلم اونقدر زیاده که دارم از حال میرم", "severe_abdominal_pain"),
        # pregnancy, temple, head blow, AS fall in other spellings
        ("hamelast va sooratesh yehoo varam karde", "pre_eclampsia"),
        ("مامانم ۷۵ سالشه شقیقاش درد میکنه و چشمش تار میبینه", "giant_cell_arteritis_vision"),
        ("madaram warfarin mikhore va sarash khord be dar", "head_injury_blood_thinner"),
        ("babam rivaroxaban mikhore, sarash zarbe khord", "head_injury_blood_thinner"),
        ("اسپوندیلیت دارم از پله افتادم کمرم تیر میکشه", "as_fall_neck"),
        # sepsis: mottled skin, not answering properly, cannot stay on their feet
        ("مادرم سیکلوسپورین میخوره تب داره و پوستش ابلق شده", "sepsis"),
        ("تب کرده و جواب درست نمیده", "sepsis"),
        ("شوهرم زیتاکس میزنه تب لرز داره نمیتونه سرپا وایسه", "sepsis"),
        # fever on immune medicines: Iranian brands, MS medicines, rituximab in Finglish
        ("سینووکس میزنم و از دیشب تب دارم", "infection_on_immunosuppressants"),
        ("زایتاکسمو هفته پیش زدم الان تب کردم", "infection_on_immunosuppressants"),
        ("داروی ام اس میزنم و سرفه و تب دارم", "infection_on_immunosuppressants"),
        ("ritoksimab migiram tab kardam", "infection_on_immunosuppressants"),
        # new numbness: spreading, since yesterday
        ("بی حسی از انگشتای پام شروع شده و داره میره بالا", "new_numbness"),
        ("dastam moor moor mishe va dare pakhsh mishe", "new_numbness"),
        ("از دیروز پاهام گزگز میکنه", "new_numbness"),
        # calf, RA neck, finger, muscles, methotrexate
        ("ساقش ورم کرده و درد میکنه", "leg_clot"),
        ("آرتریت دارم و گردنم درد میکنه و دستام گزگز میکنه", "ra_neck"),
        ("RA daram gardanam dard mikone dastam moor moor mishe", "ra_neck"),
        ("انگشت اشاره‌ام سفید شده و گرم نمیشه", "finger_ischaemia"),
        ("angoshte pam kabood shode va bar nemigarde", "finger_ischaemia"),
        ("نمیتونه از پله‌ها بالا بره و ادرارش قهوه‌ای شده", "myositis_dark_urine"),
        ("edraram rangesh mesle nooshabe shode va ozalatam zaeefe", "myositis_dark_urine"),
        ("متوترکسات میخورم و دهانم پر از آفت شده", "methotrexate_toxicity"),
        # neighbouring Finglish: red eye and light, chest pressure with a cold sweat
        ("chesham sorkh shode va az noor azziat misham", "painful_red_eye"),
        ("ghafase sinam fesharde mishe va aragh sard kardam", "chest_pain"),
        ("yek tarafe badanam bi hes shode", "stroke"),
        ("ghorse haftegimo har rooz khordam", "overdose"),
        ("lupus daram va pahaam varam karde", "lupus_kidney"),
    ],
)
def test_round3_widenings_raise_their_group_in_other_words(text, group):
    assert group in _now(text), (text, _now(text))


@pytest.mark.parametrize(
    "text",
    [
        # everyday words that the widenings share
        "هوا سرده و مفاصلم درد میکنه",
        "هرچی نفس عمیق میکشم آروم نمیشم، استرس دارم",
        "دستم موقع نوشتن میلرزه، به خاطر داروئه؟",
        "زنگ زدم به مطبش جواب نمیده",
        "نصف صفحه گوشیم خاموش شده",
        "قرصام تموم شده کی نسخه بگیرم؟",
        "کلاسای فیزیوتراپیم تموم شده",
        "این دارو به درد نمیخوره",
        "کاش فردا صبح زود بیدار شم",
        "آرتریت دارم، ورزش برای گردن خوبه؟",
        "انگشتام تو سرما سفید میشه ولی بعد گرم میشه",
        "عضلاتم بعد از ورزش درد میکنه، طبیعیه؟",
        "متوترکسات میخورم، دهنم خشک میشه",
        "مامانم زایتاکس میزنه، واکسن آنفولانزا بزنه؟",
        "یه سردردی دارم که با استامینوفن خوب میشه",
        "وقتی پریود میشم دلم خیلی درد میکنه، طبیعیه؟",
        "paam bad karde bad az varzesh",
        # giving things away or writing a will, with no farewell or "I won't be here"
        "وسایلمو دادم به خیریه چون خونه رو عوض میکنیم",
        "مادرم وسایلشو بخشید به همسایه‌ها چون داریم مهاجرت میکنیم",
        "وصیت نامه نوشتم برای تقسیم ارث، لوپوس ارثیه؟",
        "ساعتمو دادم تعمیر",
        "بچم با عصبانیت گوشیشو خاموش کرده",
        # denials, «نه ... نه ...», the past
        "کمردرد دارم ولی کنترل ادرارم مشکلی نداره",
        "مفصلام درد نداره و تب ندارم",
        "تا حالا سردرد ناگهانی نداشتم",
        "نه تب دارم نه تنگی نفس، فقط خستم",
        "پارسال لخته داشتم ولی الان نه ورم دارم نه تنگی نفس",
        "پارسال یهو نصف بدنم بی حس شد ولی الان خوبم",
        "شکمم دیروز کمی درد میکرد ولی الان خوبم",
        # ifs: a swelling in the subjunctive
        "اگه بعد از واکسن زبونم باد کنه چی؟",
        "اگه یه وقت لبام ورم کنه باید برم اورژانس؟",
        # general questions: when or why a symptom is dangerous, prevention, research, vaccines
        "درد قفسه سینه کی خطرناکه؟",
        "سردرد ناگهانی شدید چه وقت خطرناکه",
        "برای پیشگیری از لخته خون تو سفر چی کار کنم",
        "واکسن مننژیت برای بیمار لوپوسی لازمه؟",
        "tashannoj dar ms chera pish miad",
        "amare khodkoshi dar bimarane fibromyalgia chejoriye",
        # figures of speech: a head "bursting" from worry; "this pain killed me" (no crisis check: an everyday
        # exaggeration, unlike «دیگه طاقت ندارم»)
        "سرم داره میترکه از فکر و خیال",
        "این درد منو کشت",
    ],
)
def test_round3_everyday_denied_past_and_general_wording_stays_quiet(text):
    assert not _now(text), (text, _now(text))


def test_a_will_or_a_gift_alone_is_no_alarm_but_beside_a_farewell_it_is_the_suicide_group():
    assert "suicide" not in _now("وصیتمو نوشتم")
    assert "suicide" not in _now("چیزامو بخشیدم")
    assert "suicide" in _now("وصیتمو نوشتم، دیگه منو نمی‌بینید")
    assert "suicide" in _now("چیزامو بخشیدم، خداحافظ همه")


@pytest.mark.parametrize("text", ["سرم داره میترکه از درد", "بعد از آمپول زبونم باد کرده", "mikham khodkoshi konam"])
def test_the_exceptions_leave_the_same_words_alarming_when_they_are_happening(text):
    assert _now(text)


def test_a_hedge_ended_by_but_does_not_make_the_report_after_it_a_question():
    """«ممکنه ...» opens like a question; after «ولی» comes a report (no question mark): read as happening."""
    assert "chest_pain" in _now("شاید چیزی نباشه ولی الان قفسه سینم بدجور فشار میاد و عرق سرد کردم")
    assert "chest_pain" in _now("could be nothing but my chest is crushing now")
    assert "chest_pain" not in _now("can lupus cause joint pain but also chest pain?")  # a question stays one


def test_breathing_fine_does_not_deny_the_leg_it_follows():
    """«نفسم مشکلی نداره» denies the breathing, not the swollen calf before it."""
    assert "leg_clot" in _now("ساق پای چپم ورم کرده و داغه و درد داره، نفسم مشکلی نداره")

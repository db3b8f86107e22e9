"""Two structural widenings of the red-flag net (session of 2026-12-07), each tested alone:

* Persian endings read off (:mod:`assistant.stems`): «سینشو» is «سینه», «پای راستشو» «پای راست»; only when the base
  is a red-flag word and the written form is not, never for look-alikes («خونه» is a home) or bare plurals
  («عفونت‌ها» talks of infections in general);
* an urgent group found now, with a sign that makes it an emergency (``group:<id>`` in a ``together``
  combination, ``knowledge/safety.yml``): an infection on an immune medicine with confusion is sepsis.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess
from assistant.stems import FINGLISH, PERSIAN, Stems


def _now(text: str) -> set:
    return {flag.id for flag in assess(normalise(text)).now}


@pytest.mark.parametrize("word, base", [
    ("سینشو", "سینه"), ("سینم", "سینه"), ("جناغمه", "جناغ"), ("دستام", "دست"), ("پاهاشو", "پا"),
    ("چشماش", "چشم"), ("کمرمو", "کمر"), ("سینهاش", "سینه"),
])
def test_a_word_with_an_ending_is_read_as_its_base(word: str, base: str) -> None:
    stems = Stems({"سینه", "جناغ", "دست", "پا", "چشم", "کمر", "مرده", "خون", "عفونت", "سل", "سر"}, PERSIAN)
    assert stems.base(word) == base


@pytest.mark.parametrize("word", [
    "خونه",      # a home, not «خون» + «ه»
    "عفونتها",   # a bare plural: infections in general
    "مردها",     # men: «مرد» + «ها», never «مرده» + «ا»
    "سلام",      # a greeting, not «سل» + «ام» (a base of two letters only for the body words)
    "سرایت",     # contagion, not «سر» + a spoken plural
    "سینه",      # a red-flag word itself
    "chest",     # not Persian
])
def test_look_alikes_and_listed_words_are_read_as_they_are(word: str) -> None:
    stems = Stems({"سینه", "خون", "عفونت", "مرده", "سل", "سر"}, PERSIAN)
    assert stems.base(word) is None


@pytest.mark.parametrize("word, base", [
    ("sinash", "sine"), ("sinasho", "sine"), ("sinam", "sine"), ("tamumesh", "tamoomesh"), ("tekun", "tekoon"),
    ("paasho", "pa"), ("cheshmash", "cheshm"), ("dastam", "dast"),
])
def test_persian_in_latin_letters_is_read_as_its_base_and_one_spelling(word: str, base: str) -> None:
    stems = Stems({"sine", "tamoomesh", "tekoon", "pa", "cheshm", "dast", "mor"}, FINGLISH)
    assert stems.base(word) == base


@pytest.mark.parametrize("word", ["pasho", "sine", "tab", "chest", "ab"])
def test_get_up_listed_and_unknown_words_are_read_as_they_are(word: str) -> None:
    # "pasho" is "get up", not a foot; an English word such as "more" («mor» + «e») is kept by the message's
    # language instead (test_an_english_message_is_never_read_as_persian_in_latin_letters)
    stems = Stems({"sine", "mor", "pa", "tab"}, FINGLISH)
    assert stems.base(word) is None


@pytest.mark.parametrize("text, group", [
    # Persian endings the lists never wrote, now read as their bases
    ("شوهرم داره با دستش سینشو میماله میگه یه کم فشار داره ولی صورتش خیس عرقه", "chest_pain"),
    ("یه درد له کننده پشت جناغمه که با استراحت بهتر نشد و نفسم کوتاهه", "chest_pain"),
    ("بابام یهو افتاد و حالا پای راستشو اصلا نمیتونه تکون بده", "sudden_weakness"),
    ("کمرم درد میکنه و شلوارمو کثیف کردم بدون اینکه بفهمم، ناحیه تناسلیمم بی حسه", "cauda_equina"),
    ("طناب آماده‌ست، فقط می‌خواستم یکی بدونه", "suicide"),
    # the same in Latin letters, in a message of Persian in Latin letters
    ("ye varaghe kamel pregabalin khordam saram gij mire", "overdose"),
    ("darde shekamam vahshatnake nemitunam tekun bokhoram", "severe_abdominal_pain"),
    # an urgent group with the sign that makes it an emergency
    ("Flatmate's on Hyrimoz, her knee is suddenly twice the size, she can't walk and she's got a temperature of 39.2",
     "septic_joint"),
    ("دوقلو باردارم هفته ۳۳. یهو کل بدنم ورم کرده و ادرارم خیلی کم شده", "pre_eclampsia"),
    ("مادرکلانم پهلوی سرش درد دارد، وقت نان خوردن الاشه‌اش درد می‌گیرد و امروز از یک چشم نمی‌بیند",
     "giant_cell_arteritis_vision"),
    ("Mum's on Humira and has had a nasty chest infection all week, today she's confused and very drowsy", "sepsis"),
])
def test_new_readings_raise_the_alarm(text: str, group: str) -> None:
    assert group in _now(text), (text, _now(text))


@pytest.mark.parametrize("text", [
    "بیمار پلی‌میالژی روماتیکا که کورتون مصرف می‌کند، در برابر عفونت‌ها باید مراقب چه باشد؟",
    "با ام اس میشه بچه‌دار شد؟ بارداری حمله‌ها رو بیشتر میکنه؟",
    "پسرم میگه این مسافرت مشهد با این کمردرد برات خودکشیه، راست میگه؟",
    "سردرد شقیقه تو سالمندا یعنی چی؟ بابام نداره فقط کنجکاوم",
    "سلام، خدا خیرتون بده، تو گرما مفصلام بیشتر درد میکنه؟",
    # review 14: look-alikes read off as red-flag words
    "باردارم، دکترم هنوز جواب آزمایشمو ندیده",
    "ممنون بابت درمون، خداحافظ",
    "درمون جواب داده، از خوشحالی میخوام بپرم هوا",
    "شلوار سیاهمو شسته بودم",
    "خونه‌مون سرده، برای درد مفاصل بده؟",
])
def test_endings_read_off_raise_no_alarm_on_everyday_words(text: str) -> None:
    assert not _now(text), (text, _now(text))


@pytest.mark.parametrize("text", [
    # the urgent group is needed: the sign alone, or the group only in the past, is no emergency
    "I'm on methotrexate, is confusion a side effect?",
    "two years ago my knee swelled up on humira and I had a fever, it was septic, what are the chances again?",
])
def test_a_sign_without_the_urgent_group_now_stays_as_it_was(text: str) -> None:
    assert not {"sepsis", "septic_joint"} & _now(text), (text, _now(text))


def test_an_english_message_is_never_read_as_persian_in_latin_letters() -> None:
    # «mor» (tingling) is a Persian word in Latin letters; "more" in English stays "more"
    assert not _now("I get more pain in my knees when it rains, is that normal with RA?")


@pytest.mark.parametrize("text", [
    "I'm on humira and I've had a temperature of 38.5 since last night with a cough",
    # review 14: loose words beside an urgent group are no emergency
    "I'm on methotrexate with a UTI and the clinic is not answering the phone",
    "On methotrexate, cold sore on my lip, and I'm exhausted all the time from the RA",
    "my calf is swollen and sore after a long coach trip; my daughter has a chest infection so I'm stuck at home",
    "calf swollen and sore, I'm struggling to walk on it",
    "I have lupus and foamy urine for a week; we're planning a pregnancy next year",
    "I have lupus and my ankles are swollen; my daughter is pregnant and I worry I can't help her",
])
def test_an_urgent_group_alone_or_with_loose_words_stays_urgent(text: str) -> None:
    found = assess(normalise(text))
    assert found.level == "urgent", (text, [(f.flag.id, f.status) for f in found.findings])


@pytest.mark.parametrize("text", [
    # others in general (a `generic` cue just before the finding, no "now"): the answer, not the alarm
    "I heard some people with RA get short of breath, is that true?",
    "some patients get chest pain with lupus?",
    "شنیدم بعضیا تنگی نفس میگیرن",
    "بعضی از بیمارا تنگی نفس پیدا میکنن؟",
    "آیا آرتریت روماتوئید روی ریه هم اثر میذاره؟ شنیدم بعضیا تنگی نفس میگیرن",
])
def test_others_in_general_are_a_mention(text: str) -> None:
    found = assess(normalise(text))
    assert found.level is None and found.mentioned, (text, [(f.flag.id, f.status) for f in found.findings])


@pytest.mark.parametrize("text, group", [
    # review 14: a person of the story between the generic subject and the finding, or "one of your patients"
    ("Other people noticed my face drooping and now my right arm went weak", "stroke"),
    ("A lot of people saw him collapse at the mosque and he is not responding", "fainting_seizure"),
    ("I am one of your patients with lupus having crushing chest pain", "chest_pain"),
    ("some people say it's nothing but my chest is crushing and I'm sweating right now", "chest_pain"),
    ("people with lupus: my mum's chest is crushing and she is grey and sweaty", "chest_pain"),
    ("I was visiting people with my husband and he suddenly collapsed and won't wake up", "fainting_seizure"),
    ("بعضیا میگن چیزی نیست ولی الان قفسه سینم داره له میشه و عرق سرد کردم", "chest_pain"),
])
def test_a_generic_subject_elsewhere_leaves_a_report_alone(text: str, group: str) -> None:
    assert group in _now(text), (text, _now(text))


@pytest.mark.parametrize("text, group", [
    # review 14: "when I saw / heard / opened" after a report is none of a reaction to news (no such cue is kept:
    # the reaction cues silenced reports in both languages)
    ("She was blue and not breathing when I opened the car door", "breathing"),
    ("She was having a seizure when I heard a thud upstairs", "fainting_seizure"),
    ("I got crushing chest pain when the doctor told me the news and it hasn't stopped for an hour", "chest_pain"),
    ("my dad collapsed when I saw him this morning and he is not waking up", "fainting_seizure"),
    ("بابام یهو افتاد زمین و تشنج کرد وقتی دیدم زنگ زدم اورژانس", "fainting_seizure"),
    ("خون بالا آوردم وقتی دیدم ترسیدم", "severe_bleeding"),
    ("bacham tashannoj kard vaghti didam zang zadam 115", "fainting_seizure"),
    # nor does «مردم» or «مثل کسایی که» make a report general
    ("مردم از درد قفسه سینه که تا دست چپم میره", "chest_pain"),
    ("بابام مثل کسایی که سکته کردن صورتش کج شده و حرف نمیزنه", "stroke"),
    ("وقتی دیدم مادرم صورتش کج شده و نمیتونه حرف بزنه زنگ زدم، الان چیکار کنم؟", "stroke"),
])
def test_a_report_that_tells_when_it_was_seen_stays_an_alarm(text: str, group: str) -> None:
    assert group in _now(text), (text, _now(text))


@pytest.mark.parametrize("words, kinds", [
    (["bp", "machine", "says", "158/105"], {"high_bp"}),
    (["my", "bp", "is", "150", "over", "95"], {"high_bp"}),
    (["فشارش", "16", "روی", "11"], {"high_bp", "severe_bp"}),   # centimetres, the Iranian way: 160/110
    (["فشارم", "12", "روی", "8"], set()),                         # 120/80 is no red flag
    (["bp", "85/50"], {"low_bp"}),
    (["24/7", "pain"], set()),                                    # no words of pressure before it
    (["appointment", "on", "16/11"], set()),                      # a date
    (["pressure", "was", "20/20"], set()),                        # no reading: the top must be above the bottom
])
def test_blood_pressure_readings(words, kinds) -> None:
    from assistant.readings import blood_pressure_spans

    assert {kind for _start, _end, kind in blood_pressure_spans(words)} == kinds


@pytest.mark.parametrize("text, group", [
    ("37 wks. BP machine says 158/105, headache, feel funny", "pre_eclampsia"),
    ("خانمم هفت ماهشه، فشارش الان ۱۶ روی ۱۱ شده", "pre_eclampsia"),
    ("on prednisolone, very weak and dizzy, bp 85/50", "adrenal_crisis"),
])
def test_a_reading_in_its_story_raises_the_alarm(text: str, group: str) -> None:
    assert group in _now(text), (text, _now(text))


@pytest.mark.parametrize("text", [
    "what should my bp be? it was 150/95 last year when I was pregnant",
    "pregnant, my appointment is on 16/11, can I take paracetamol for a headache?",
    "30 weeks pregnant, bp 118/76 today, all good, is swimming ok for my back?",
])
def test_a_reading_in_the_past_or_in_range_or_a_date_is_no_alarm(text: str) -> None:
    assert not _now(text) & {"pre_eclampsia"}, (text, _now(text))


@pytest.mark.parametrize("text", [
    "sometimes when I'm driving home after a 12 hour shift I think about just not turning the wheel at the bend",
    "همش به مردن فکر میکنم",
    "delam mikhad bemiram faghat in dard tamum she",
])
def test_thoughts_of_ones_own_death_get_the_gentle_check(text: str) -> None:
    assert "death_thoughts" in _now(text), (text, _now(text))


@pytest.mark.parametrize("text", [
    "فکر میکنم لوپوس باعث مرگ نمیشه",
    "my mum thinks about dying since dad passed, is that grief?",
    "I don't think about dying, I just want the pain to ease",
])
def test_death_in_other_thoughts_is_no_alarm(text: str) -> None:
    assert "death_thoughts" not in _now(text), (text, _now(text))



def test_a_home_in_latin_letters_is_not_blood() -> None:
    # "khunamo" is "my home" + the object marker: "khunam" is kept as a look-alike, but may still be read as another
    # spelling, so the ending is not peeled down to "khun" (blood) (review 15)
    stems = Stems({"khun", "khoonam"}, FINGLISH)
    assert stems.base("khunamo") != "khun"
    assert not _now("az vaghti khunamo avaz kardam sorfe mikonam, ba lupus rabt dare?")

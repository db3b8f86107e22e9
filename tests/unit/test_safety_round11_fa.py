"""Round 11, Persian (used since its scoring), and the review of round 10's Persian rules: word classes, read again.

* Review 11 (false alarms on ordinary messages, fixed): «آخرین شبه که پردنیزولون میخورم» and pills made ready "for
  tomorrow"; a razor while shaving; «هیچ بهبودی/فرقی نمیبینم» (I see no change); a stomach *medicine* that «کار نکرده»
  and a life that «سخت شده» (the bowel and the hard belly now need the belly named); «ماه پنجمه که ...» and "5 mahe
  ke" (for five months); a medicine that «گیجم میکنه» beside a heater; «اتفاق افتاد» (it happened) and a drug that
  «جواب نمیده»; «طاقت ندارم صبر کنم» (impatience); «ممممنون» read as «ممنون» (a held letter in a doubled word).
* Round 11 classes: the chest with a left arm gone heavy or numb; speech that sticks or is jumbled, a face fallen,
  an arm that will not go up; cutting now with a blade in hand, praying not to wake, "if I die it is better";
  an opioid with sleep that will not lift; "a lot of" pills (کلی); cannot be woken; stiffened then shook; a full
  bladder that will not empty; a part of the sight gone, an eye gone dark; a fever with a limb that will not bear
  weight; low on the right of the belly with a fever; a neck that cannot bend; a bulging fontanelle; a head "like an
  explosion"; mottled or cold skin, little urine with a fever; injections for an autoimmune disease; a calf after
  days in bed; red and painful eyes; puffy eyelids; muscles aching with dark urine; "how long can I go on like this";
  Finglish with q for ق and x for خ (qors, qafase sine, xunrizi), "sor khordam", "yehoyi", "doobini".
* Negations that belong to another word: «هوا نیست», «ول نمیکنه», «تب ندارم», «قوتی نداره», «میگرنیم نیست».
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # new variants, in other styles than the set's (folk, accented, relayed by a nurse or pharmacist, Finglish)
    ("بابام سینه‌ش تیر کشید، دست چپش سنگین شده", "chest_pain"),
    ("qafase sinam dard mikone, daste chapam bihes shode", "chest_pain"),
    ("پرستارم، بیمار سینه‌ش فشار میاد و دست چپش گزگز میکنه", "chest_pain"),
    ("ننه‌م زبونش گیر کرده یه دستشم بالا نمیره", "stroke"),
    ("babam harfash bi rabt shode va dastesho nemitune bala bebare", "stroke"),
    ("دهنش یه وری شده و حرفاش بی ربط شده", "stroke"),
    ("صبح که پا شدم یه طرف بدنم جون نداره", "sudden_weakness"),
    ("yehoyi pam az kar oftad hich qovvati nadare", "sudden_weakness"),
    ("دارم خفه میشم هوا نیست", "breathing"),
    ("mamanam nafas keshidanesh kheyli sakht shode", "breathing"),
    ("تیغ تو دستمه دارم مچمو میبرم", "suicidal_thoughts"),
    ("هر شب آرزو میکنم دیگه بیدار نشم", "suicidal_thoughts"),
    ("اگه نباشم همه راحت ترن", "suicidal_thoughts"),
    ("مرگمو از خدا میخوام دیگه", "suicidal_thoughts"),
    ("دخترم قرصای منو خورده خیلی خوابالوده", "overdose"),
    ("بابام تریاک زیاد خورده خوابش سنگینه بیدار نمیشه", "overdose"),
    ("داروخانه‌ام، یه آقایی میگه زنش کلی ترامادول خورده", "overdose"),
    ("xoonrizi daram bande nemiad", "severe_bleeding"),
    ("هر کاری میکنیم نمیتونیم بیدارش کنیم", "fainting_seizure"),
    ("نوه‌م تب داشت بدنش سفت شد و لرزید", "fainting_seizure"),
    ("کمرم درد میکنه مثانه‌ام پره ولی نمیاد", "cauda_equina"),
    ("babam yehoyi doobini gerefte", "vision_loss"),
    ("مادرم یه چشمش دیدش رفته", "vision_loss"),
    ("مادرم آرتریت تمپورال داره، یه قسمت از دیدش سیاهه", "giant_cell_arteritis_vision"),
    ("pmr daram cheshmam ye lahze khamoosh shod", "giant_cell_arteritis_vision"),
    ("پسرم تب داره زانوش درد میکنه پاشو زمین نمیذاره", "septic_joint"),
    ("بچم تب کرده دلش درد میکنه سمت راست شکمش", "severe_abdominal_pain"),
    ("تب داره گردنشو نمیتونه خم کنه", "meningitis"),
    ("ملاج سرش بیرون زده تب داره", "meningitis"),
    ("saram yehoo mesle bomb dard gereft", "thunderclap_headache"),
    ("این سردرد معمولی نیست یهو اومد", "thunderclap_headache"),
    ("qorsamo qat kardam gijam zaaf daram korton mikhordam", "adrenal_crisis"),
    ("مادربزرگم وارفارینیه سرش خورد به در و ورم کرده", "head_injury_blood_thinner"),
    ("AS daram liz khordam gardanam dard mikone", "as_fall_neck"),
    ("تب و لرز دارم ادرارم کم شده", "sepsis"),
    ("بچم تب داره دست و پاش یخ کرده", "sepsis"),
    ("دخترم برای روماتیسم آمپول میزنه تب کرده", "infection_on_immunosuppressants"),
    ("zanoom az dirooz varam karde vali tab nadaram", "new_swollen_joint"),
    ("پسرم ۵ سالشه مچ پاش ورم کرده لنگ میزنه", "new_swollen_joint"),  # review 12: a child's, not an adult's
    ("sjogren daram dastam sozan sozan mishe az chand rooze", "new_numbness"),
    ("چشم راستم از دیروز قرمز و دردناک شده", "painful_red_eye"),
    ("لوپوسیم پلکام پف کرده", "lupus_kidney"),
    ("بابام بعد عمل تو تخت بوده ساق پاش درد میکنه", "leg_clot"),
    ("روماتوئید دارم سرمو که پایین میارم برق میره تو دستام", "ra_neck"),
    ("عضلاتم خیلی درد میکنه ادرارم پررنگه", "myositis_dark_urine"),
    ("نمیدونم تا کی میتونم تحمل کنم", "crisis_check"),
    ("به بن بست رسیدم", "crisis_check"),
    # the real emergencies of the review's classes still alarm
    ("امشب آخرین شبه دیگه درد نمیکشم، قرصامو آماده کردم", "suicide"),
    ("با تیغ دستمو بریدم که دردمو حس نکنم", "suicidal_thoughts"),
    ("یهو دیگه هیچی نمیبینم", "vision_loss"),
    ("بابام شکمش درد میکنه و بالا میاره، شکمش سخت شده", "severe_abdominal_pain"),
    ("شکمش درد میکنه استفراغ میکنه از دیروز شکمش کار نکرده", "severe_abdominal_pain"),
    ("zanam 7 mahashe va cheshmash tar mibine", "pre_eclampsia"),
    ("بخاری روشن بود همه مون گیج شدیم", "overdose"),
    ("بابام افتاد زمین جواب نمیده", "fainting_seizure"),
    ("دیگه طاقت ندارم", "crisis_check"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    # the review's look-alikes
    "امشب آخرین شبه که پردنیزولون میخورم، قرصامو آماده کردم برای فردا",
    "با تیغ صورتمو بریدم موقع اصلاح",
    "یهو دردم زیاد شد و هیچ بهبودی نمیبینم",
    "یهو دردم زیاد شد و هیچ فرقی نمیبینم",
    "داروی معده کار نکرده، استفراغ دارم و شکمم درد میکنه",
    "داروی معده کار نکرده، استفراغ دارم و شکمم درد میکنه، زندگی سخت شده",
    "ماه پنجمه که پردنیزولون میخورم و چشمم تار شده",
    "5 mahe ke dard daram va cheshmam tar mibine",
    "زمستونا که بخاری روشنه دردم بیشتره، داروهام منو گیج میکنه",
    "از وقتی این اتفاق افتاد، هیچ دارویی جواب نمیده",
    "طاقت ندارم صبر کنم تا نوبت بعدی",
    # more look-alikes per class: everyday words that hold the alarming word
    "نمیدونم چه اتفاقی افتاد ولی زانوم از دیروز درد میکنه، قرصام هم جواب نمیده",
    "یادم افتاد قرص متوترکساتمو نخوردم، الان بخورم؟",
    "دکترم تلفنشو جواب نمیده، از کجا نوبت بگیرم؟",
    "هیچ مسکنی جواب نمیده، کمرم خیلی درد میکنه",
    "دو ماهه فیزیوتراپی میرم ولی هیچ تغییری نمیبینم یهو هم بدتر شد",
    "yehoo dardam bishtar shod va hich farghi nemibinam",
    "داروی روماتیسمم کار نکرده، تهوع و استفراغ دارم و دلم درد میکنه",
    "استفراغ دارم و شکمم درد میکنه، راه رفتن خیلی سخت شده",
    "ماه ششمه که متوترکسات میزنم و دیدم تار شده، ربطی داره؟",
    "6 mahe ke metotrexat mikhoram va cheshmam tar mibine",
    "این داروها منو گیج میکنه، بخاری هم که روشنه خوابم میگیره",
    "پکیج درمانی فیزیوتراپی گرفتم ولی اطلاعاتش گیج کننده است",
    "امشب آخرین شبه که آنتی بیوتیک میخورم، قرصامو برای فردا آماده کردم",
    "با تیغ ریشمو زدم صورتم برید، پماد بزنم؟",
    "با تیغ کاتر دستمو بریدم موقع باز کردن کارتن",
    "طاقت ندارم تا هفته بعد منتظر جواب آزمایش بمونم",
    "دیگه طاقت ندارم صبر کنم، نوبت دکتر کی میشه؟",
    "ممممنون از راهنماییتون",
    # look-alikes of the round-11 classes
    "سینه مرغ خوردم، دست چپم از ورزش سنگینه",
    "دستمو میبرم بالا شونم درد میکنه",
    "الهی بمیرم برات که اینقدر درد داری",
    "کلی وقت گذاشتم ولی نوبت نگرفتم",
    "ترامادول رو با قرص اعصاب با هم خوردن خطرناکه؟",
    "امروز از بس قهوه خوردم اوردوز کافئین کردم 😂",
    "از ذوق خبر بارداری خواهرم نفسم بند اومد 😍",
    "بچم ۶ سالشه تب داره، سرما خورده",
    "پاهام ورم کرده از بس ایستادم",
    "عضلاتم بعد از باشگاه درد میکنه",
    "سینورا بزنم احتمال عفونت مفصل بالا میره؟",
    "غش نکردم فقط وقتی یهو از جام بلند میشم یه لحظه چشمم سیاهی میره",
    "angoshtam kabood shode chon chakosh khord behesh",
    "این سردرد میگرنیم نیست، سردرد تنشیه؟",
    "بعد از پیاده روی ساق پام درد میکنه",
    "چشمم به لباس قرمزش افتاد",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None


@pytest.mark.parametrize("typed, read", [
    ("ممممنون", "ممنون"),
    ("ممممنونم", "ممنونم"),
    ("ببببخشید", "ببخشید"),
    ("ننننه", "نه"),
    ("نننننهههه", "نه"),
    ("دردددد", "درد"),
    ("کمکککک", "کمک"),
])
def test_a_persian_letter_held_in_a_doubled_word(typed, read):
    assert normalise(typed) == read


# Review 12 (second review of round 11's Persian rules). A: emergencies that had been silenced, alarm again.
@pytest.mark.parametrize("text, group", [
    ("هممممه قرصامو خوردم", "overdose"),
    ("هممممه قرصامو خوردم", "suicide"),
    ("گیج شدم نمیدونم کجام، بخاری روشنه و سرم درد میکنه", "overdose"),
    ("هیچ راهی نمیبینم جز اینکه تمومش کنم", "suicide"),
    # variants
    ("هممممممه قرصاشو خورده", "overdose"),
    ("گیج شدم نمیدونم کجام و بخاری روشنه", "overdose"),
    ("بخاری روشنه، همه‌مون سردرد داریم و من گیج شدم نمیدونم چی شده", "overdose"),
    ("هیچ راهی جز تموم کردنش نمیبینم", "suicide"),
    ("دیگه هیچ راهی جز مرگ برام نمونده", "suicide"),
    ("hich rahi nemibinam joz inke tamoomesh konam", "suicide"),
    ("شوهرم کلی ترامادول خورده بیدار نمیشه نفساش آرومه", "overdose"),
    ("بابام شیره تریاک خورده بیدار نمیشه", "overdose"),
    ("سرم یهو مثل بمب ترکید", "thunderclap_headache"),
    ("سرم یهو مثل انفجار درد گرفت", "thunderclap_headache"),
    ("زانوم ورم کرده لنگ میزنم و تب دارم", "septic_joint"),
    ("بچم ۷ سالشه زانوش ورم کرده لنگ میزنه ولی تب نداره", "new_swollen_joint"),
    # kept on purpose (review 12 "probably acceptable"): a tight chest blamed on a cold beside a sore left arm
    ("بازوی چپم از کیف سنگین درد میکنه قفسه سینه ام هم گرفته از سرماخوردگی", "chest_pain"),
])
def test_review12_alarms(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


# Review 12, B: false alarms, quiet now (snoring or heavy sleep beside an opioid; grape molasses; a busy head; a limp).
@pytest.mark.parametrize("text", [
    "بابام ترامادول میخوره و شبا خرخر میکنه",
    "پدرم متادون مصرف میکنه خوابش سنگینه",
    "بچم شیره انگور خورده خوابش سنگینه",
    "babam tramadol mikhore khabesh sangine",
    "سرم مثل بمب میمونه از بس کار دارم",
    "زانوم ورم کرده و یه کم لنگ میزنم، ایبوپروفن بخورم؟",
    # variants
    "مادربزرگم کدئین میخوره و شبا خرخر میکنه",
    "شیره خرما خوردم خوابم سنگین شد",
    "saram mesle bomb mimoone az bas kar daram",
    "سرم مثل بمب شلوغه این روزا",
    "مچ پام ورم کرده لنگ میزنم",
    "zanoom varam karde va lang mizanam, ibuprofen bokhoram?",
    "گیج شدم نمیدونم کدوم دارو رو اول بخورم",
    "گیج شدم نمیدونم باید متوترکسات رو قطع کنم یا نه",
    "راهی جز عمل جراحی برای زانوم نمونده؟",
    "نننننه، دردم بهتر شده",
])
def test_review12_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None


@pytest.mark.parametrize("typed, read", [
    ("هممممه", "همه"),
    ("نننننه", "نه"),
    ("ببببرید", "برید"),
    ("منننننژیت", "مننژیت"),
    ("بببببینید", "ببینید"),
])
def test_review12_held_letters_read_as_whole_words(typed, read):
    assert normalise(typed) == read

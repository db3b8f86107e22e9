"""Round 8, Persian (used since its scoring): word classes the rules lacked, read again.

* Breathing: breath that comes "by force" («نفسش به زور میاد»), blue lips in Finglish («lab haash kabood»), air that
  does not reach the lungs («هوا به ریه‌م نمیرسه»), breath "tighter and tighter", a chest that sucks in, "like a
  fish out of water", "nafas nemitoone bekeshe"; noisy breathing (wheeze, «خرخر») beside a danger sign (grey or blue,
  breathing very fast) through safety.yml's `noisy_breath` + `breath_danger`.
* Chest pain: Finglish chest with his/her («ghafase sinash»), a pressing pain («فشارنده», "fesharie"), spreading
  "to his jaw/neck".
* Suicide: a will written, a last message, keys left on the table, "I won't come back" and "I'll end it"
  (`end_it`, only beside a will, a last message or a `not_here` word: «فیزیوتراپی رو تمومش میکنم، خداحافظ» stays
  quiet); cutting lines on one's arm with a knife or blade. Crisis check: "nothing gets fixed", «تحملم تموم شده»,
  "life with this pain isn't worth it" in Finglish.
* Overdose: a weekly medicine "three times in one day", Finglish methotrexate forms, a child and an open pill bottle
  with half gone, "a sheet/pack of ... swallowed".
* Fainting, cauda equina, sudden weakness and sight: «بیهوش بود», "went dark and fell", "doesn't notice when he
  needs the toilet", "got up and saw" / "was fine last night" (sudden), «shol shod», «از کار افتاد», "as if it
  isn't mine", «چشمم دیگه ندید», "koor shod".
* Joints, meningitis, abdomen, urgent groups: Finglish joints and heat, "can't move it" with fever, muddled talk
  («حرفای بی ربط»), a neck he can't move, the glass test in Finglish, «سرش تیر کشید», a belly "like a board",
  Finglish severity, «سِر شده» (numb), «لوپوسم», less urine, puffy eyelids, cola urine in Finglish, the biosimilar
  Aryotrust (named in the English list too).
* Mentions: "weekly or daily?", «سرم داره میترکه از بس...», Finglish "I nearly had a stroke", and "not now" after
  an if («الان تب ندارم», «الان نه ها»).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # from the set
    ("salam bebakhshid, madaram nafasesh be zoor miad, dare khafe mishe, lab haash kabood shode, hamash nesheste",
     "breathing"),
    ("دخترم ام‌اس داره، از بعدازظهر نفسش ضعیف شده و سرفه‌هاش جون نداره، الان میگه هوا به ریه‌م نمیرسه", "breathing"),
    ("نمیخوام شلوغش کنم ولی تصمیممو گرفتم، وصیت‌نامه‌مو نوشتم، فردا که بچه‌ها برن مدرسه تمومش میکنم", "suicide"),
    ("شرمنده، مادرم حواسش نبوده، امروز صبح قرص متوترکسات هفتگی‌شو خورده، ظهر دوباره خورده، عصرم یکی دیگه. سه بار تو یه روز",
     "overdose"),
    ("bebakhshid, babam yehoo paahash shol shodan, nemitoone rah bere, az nim saat pish", "sudden_weakness"),
    ("شوهرم از درد شکم رو زمین افتاده، نمیتونه تکون بخوره، شکمش مثل تخته شده", "severe_abdominal_pain"),
    # other words for the same
    ("پدربزرگم نفسش به زور میاد و لب‌هاش کبود شده", "breathing"),
    ("میگه هوا به ریه‌هام نمیرسه", "breathing"),
    ("khaharam nafas nemitoone bekeshe, asm dare", "breathing"),
    ("بچه‌م قفسه سینه‌ش فرو میره موقع نفس کشیدن", "breathing"),
    ("مامانم خس خس میکنه و رنگش کبود شده", "breathing"),
    ("nafasam sangine, ghafase sinam fesharie, arag sard kardam", "chest_pain"),
    ("شوهرم میگه یه درد فشارنده رو سینه‌شه که تا فکش میره", "chest_pain"),
    ("وصیت‌نامه‌مو نوشتم و امشب تمومش میکنم", "suicide"),
    ("این آخرین پیامم باشه، از همه خداحافظی کردم، دیگه برنمیگردم", "suicide"),
    ("kelidaro gozashtam roo miz, khodahafez, dige inja nistam", "suicide"),
    ("با تیغ رو مچم خط انداختم", "suicide"),
    ("هیچی درست نمیشه، بریدم دیگه", "crisis_check"),
    ("ديگه تحملم تموم شده از اين درد", "crisis_check"),
    ("zendegi ba in dard arzesh nadare", "crisis_check"),
    ("مادرم متوترکسات هفتگیشو دو بار تو یه روز خورده", "overdose"),
    ("man methotrexatamo har rooz khordam be jaye haftegi", "overdose"),
    ("نوه‌م رفته سراغ قوطی قرص فشار، درش بازه و نصفش نیست", "overdose"),
    ("باباجون یه ورق آسپرین رو خورده", "overdose"),
    ("یه عالمه خون از دماغش میاد، بند نمیاد", "severe_bleeding"),
    ("مادرم وسط خیابون سیاهی رفت و افتاد", "fainting_seizure"),
    ("پدرم ده دقیقه بیهوش بود", "fainting_seizure"),
    ("babam kamar dard dare, khodesho khis karde", "cauda_equina"),
    ("صبح پا شد دید دست راستش هیچ جونی نداره", "sudden_weakness"),
    ("babam yehoo dastash shol shod", "sudden_weakness"),
    ("cheshmam yehoo koor shod", "vision_loss"),
    ("یهو چشم چپم دیگه ندید", "vision_loss"),
    ("zanooye babam ghermez o daagh shode va tab dare", "septic_joint"),
    ("شونه‌م داغ و قرمزه، تب و لرز دارم", "septic_joint"),
    ("پسرم تب داره و حرفای بی ربط میزنه", "meningitis"),
    ("shekamesh mesle takhte shode", "severe_abdominal_pain"),
    ("dele babam bad dard mikone, dard kheyli shadide", "severe_abdominal_pain"),
    ("پدربزرگم ۷۵ سالشه، سردرد داره رو شقیقه، صبح یه چشمش هیچی ندید", "giant_cell_arteritis_vision"),
    ("من آریوتراست میزنم و تب دارم", "infection_on_immunosuppressants"),
    ("سمت چپ صورتم از پریروز سِر شده", "new_numbness"),
    ("با لوپوسم، ادرارم کمتر شده", "lupus_kidney"),
    ("saaghe paash baad karde va dardnake", "leg_clot"),
    ("arthrit romatoid daram, gardanam dard mikone, dastam gezgez mikone", "ra_neck"),
    ("عضله‌هام درد میکنه و ادرارم تیره‌ست", "myositis_dark_urine"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    # from the set
    "نگران نباشید، دوبار نخوردم، فقط میخوام مطمئن بشم متوترکسات هفته‌ایه یا روزانه؟",
    "سرم داره میترکه از بس فکر کردم کدوم دکتر برم",
    "vaghti ghabze gaz ro didam nazdik bood sekte konam, vali soalam darbare rejim ghazaei baraye romatisme",
    "اگه رو داروی بیولوژیک تب کردم، کی باید برم اورژانس؟ الان تب ندارم",
    "اگه یهو پاهام ضعیف شد یعنی ام‌اسم عود کرده؟ الان نه ها، کلی میپرسم",
    # look-alikes in everyday talk
    "مرسی از راهنمایی، خداحافظ. فیزیوتراپی رو همین هفته تمومش میکنم",
    "دوره آنتی‌بیوتیکمو فردا تمومش میکنم، خداحافظ",
    "هیچی درست نمیشه با این اینترنت، متوترکسات کی اثر میکنه؟",
    "کلیدها رو گذاشتم رو میز برای پرستار، متوترکسات رو کی بزنم؟",
    "یه ورق متوترکسات از داروخانه گرفتم، با غذا بخورم؟",
    "متوترکسات هفتگیه یا روزانه؟",
    "سرم داره میترکه از بس درس خوندم",
    "خسته شدم از دکتر رفتن، نوبت بعدیم کیه؟",
    "چشمم تو تاریکی خوب ندید و خوردم به در، الان خوبم",
    "دیشب خوب بود ولی امروز یه کم زانوم درد میکنه",
    "ساق پام بعد ورزش درد میکنه",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None

"""Round 10, Persian (used since its scoring): word classes the rules lacked, read again.

* Spelling: a letter held down is read once («کمکککک», "komakkkk"; assistant/normalise.py step 8); Finglish body words
  as stems with any ending (kamarash, sinashe, mache dastesh, daste chapesh, gardanesh ... seft, azolehash zaif).
* Stroke: two signs together (`speech_trouble`, `face_droop`, `limb_weak`): slurred or lost speech (Dari «گپ زده
  نمیتواند»), a crooked face, an arm and leg that will not move; an arm gone on waking (`woke_with`).
* Chest: the tablet under the tongue beside the chest (`nitro`); «خوب نشده» (not better) denies nothing.
* Breathing: «نفسش نمیاد»; a child's breath pulling in under the ribs.
* Suicide: kill oneself in dialect and Finglish («خودمه مکشم», khodesho mikoshe), the rice tablet, a will beside a last
  night, pills made ready beside "I won't be here"; thoughts: hurting oneself, a blade, a lighter.
* Others: carbon monoxide (a gas heater, a drowsy household), a collapse (fallen and lying still), bleeding that «بند
  نمیشود», retention with back pain, the area around the anus, double vision in dialect, sight gone at once, a red hot
  joint on an immune medicine, a hard belly or nothing passed with vomiting, early pregnancy with belly pain and dizziness,
  the 5th to 9th month, blurred sight in pregnancy, the baby not moving, Dari temple and jaw («پهلوی سر», «الاشه»), a
  cut head on warfarin, no urine with fever, legs swollen with lupus, an electric shock down to the hands with RA.
* Crisis check: «دیگر تاب این درد را ندارم», "life has become meaningless", worn out by this pain.
* Readings: "last week" dates a finding, "since last week" does not; «بچه بود» (when he was a child) and «خوب شده بود»
  date it; «... ربط داره؟», «چه ارتباطی», «سرایت میکند؟», «چطوری تشخیص داده میشه؟» ask in general; «بدون ضربه» (without a
  knock) denies nothing; "I had a stroke / lost my breath / passed out" from surprise, laughter or tiredness is a figure
  of speech.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # from the set
    ("mamanam mige ye vazne sangin rooye sinashe, tahavo dare va aragh karde, az 40 daghighe pish", "chest_pain"),
    ("بابام قرص زیر زبونیشو گذاشته ولی درد سینه‌ش خوب نشده بیست دقیقه‌ست", "chest_pain"),
    ("مادرم ناگهان گپ زده نمی‌تواند رویش یک طرف کج شده دست راستش کار نمی‌کند", "stroke"),
    ("بابام صبح بیدار شده نمیتونه دست و پای راستشو تکون بده و حرفاش کشیده‌ست", "stroke"),
    ("پدرشوهرم که فیبروز ریه داره از دیشب بدتر شده الان حتی نشسته هم نفسش نمیاد", "breathing"),
    ("bachham kheili tond nafas mikeshe, khes khes mikone va zire dandehash mire too", "breathing"),
    ("بچه‌ی مو مِگه امشب خودمه مُکُشُم چاقو برداشته رفته تو اتاق", "suicide"),
    ("همه چیزمو بخشیدم به بچه‌هام وصیتمم نوشتم امشب آخرین شبه دیگه درد نمیکشم", "suicide"),
    ("babam gofte ghors berenj kharide ke bokhore, dard ro dige tahamol nemikone", "suicide"),
    ("پسرم دستاشو با تیغ میبره امروز دیدم دوباره جای زخم تازه داره", "suicidal_thoughts"),
    ("مادرم تو حموم بخاری گازی روشن بوده الان گیج و خواب‌آلوده همه‌مون هم سردرد گرفتیم", "overdose"),
    ("همسایه‌مون کف آشپزخونه افتاده تکون نمیخوره", "fainting_seizure"),
    ("بابام کمرش درد مِکنه از صب نتونسته دستشویی کنه دور ماتحتش بی‌حس شده", "cauda_equina"),
    ("بابام یهو چشاش دوتا مِبینه سرش گیج مِره", "vision_loss"),
    ("بابام سینورا میزنه زانوش قرمز و داغ شده نمیتونه تکونش بده", "septic_joint"),
    ("ننه‌م دلش درد مِکنه از دیشب هیچی ازش دفع نشده شکمش باد کرده قی مِکنه", "severe_abdominal_pain"),
    ("zanam 7 mahe hamele ast va az dirooz bache aslan tekoon nakhorde", "pre_eclampsia"),
    ("مادرم پهلوی سرش درد می‌کند وقت جویدن الاشه‌اش درد می‌گیرد حالا یک چشمش خیره شده", "giant_cell_arteritis_vision"),
    ("دده‌م وارفارین میخوره از پله افتاده سرش زخمی شده خوابش میاد", "head_injury_blood_thinner"),
    ("babam ankylosing spondylitis dare, az pelle oftad va alan kamarash kheili dard mikone", "as_fall_neck"),
    ("مادرم تب بلند دارد لرزه می‌کند گیچ شده و از صبح پیشاب نکرده", "sepsis"),
    ("دخترم ۱۲ سالشه دو روزه مچ پاش بدون ضربه ورم کرده", "new_swollen_joint"),
    ("mamanam mache dastesh az dirooz varam karde, ghablan nadasht", "new_swollen_joint"),
    ("عروسم لوپوس داره از هفته پیش وزنش سه کیلو رفته بالا همش آبه پاهاش ورم داره", "lupus_kidney"),
    ("babam azolehash zaif shode va edrarash rang-e coca shode", "myositis_dark_urine"),
    ("پدرم می‌گوید دیگر تاب این درد را ندارم زندگی برایم بی‌معنی شده", "crisis_check"),
    ("ننه‌م مِگه دیگه جون ندارُم از دست ای درد بریدُم", "crisis_check"),
    # other words for the same, in the styles of a new author
    ("کمکککک 😭😭 بابام دستش یهو افتاد حرفاش کشیده شده", "stroke"),
    ("mamanam zaboonesh sangin shode va sooratesh kaj shode!!!", "stroke"),
    ("تورو خدا کمک کنید 😭 دهن مامانم کج شده نمیتونه حرف بزنه", "stroke"),
    ("babam sobh bidar shod daste chapesh shol shode", "sudden_weakness"),
    ("پدرم نیترو زیر زبونش گذاشته ولی هنوز قفسه سینه‌ش درد میکنه", "chest_pain"),
    ("ye vazne sangin roo sinam hast va aragh sard kardam", "chest_pain"),
    ("بچم نفسش بالا نمیاااد", "breathing"),
    ("نوزادم موقع نفس کشیدن زیر دنده هاش میره تو", "breathing"),
    ("شوهرم میگه امشب خودشو میکشه 😭", "suicide"),
    ("pesaram gofte khodesho mikoshe, komakkkk", "suicide"),
    ("dokhtaram mige khodesho az panjare mindaze", "suicide"),
    ("وصیت‌نامه‌ام را نوشته‌ام، فردا دیگر نیستم", "suicide"),
    ("قرصامو آماده کردم، دیگه نیستم", "suicide"),
    ("قرص برنج خورده!!! چیکار کنم", "overdose"),
    ("shoharam kole ghorsaye gabapentinesho khorde", "overdose"),
    ("abgarmkon roshan bood hamamoon gij shodim", "overdose"),
    ("گازگرفتگی داریم همه سرمون گیج میره", "overdose"),
    ("دخترم گاهی به خودش آسیب میزنه", "suicidal_thoughts"),
    ("با سیگار دستمو سوزوندم که دردمو حس نکنم", "suicidal_thoughts"),
    ("بابابزرگم تو حیاط افتاده بی حرکته", "fainting_seizure"),
    ("khoone damagh babam band nemishe, kheili ziade, varfarin mikhore", "severe_bleeding"),
    ("از بینیش خون زیادی میاد بند نمیشود", "severe_bleeding"),
    ("کمرم درد میکنه نمیتونم ادرار کنم", "cauda_equina"),
    ("kamaram dard mikone va nemitoonam jishamo negah daram", "cauda_equina"),
    ("مامانم یهو یه چشمش هیچی نمیبینه", "vision_loss"),
    ("babam yehoo hame chio do ta mibine", "vision_loss"),
    ("hidroxi mikhoram va yehoo cheshmam taar shod", "vision_loss"),
    ("مامانم هومیرا میزنه آرنجش سرخ و داغ شده", "septic_joint"),
    ("ننه‌م آرنجش ورم کرده قرمزه داغه تب کرده زیتوکس میزنه", "septic_joint"),
    ("دلم درد میکنه شکمم مثل سنگ سفت شده و قی میکنم", "severe_abdominal_pain"),
    ("باردارم، یه طرف شکمم درد داره سرم گیج میره", "severe_abdominal_pain"),
    ("عروسم ماه نهمه و جلو چشمش تاره", "pre_eclampsia"),
    ("هفت ماهه حامله‌ام و از صبح بچه تکون نخورده", "pre_eclampsia"),
    ("شقیقهی پدرم درد میکنه و چشمش سیاهی میره", "giant_cell_arteritis_vision"),
    ("بابام وارفارین میخوره، سرش شکسته", "head_injury_blood_thinner"),
    ("mamanam AS dare, zamin khord, alan gardanesh dard mikone", "as_fall_neck"),
    ("tab dare va az sobh jish nakarde, kheili bihale", "sepsis"),
    ("mamanam tab dare, gardanesh kheili seft shode", "meningitis"),
    ("bachem tab dare va be noor nemitoone negah kone", "meningitis"),
    ("پدرم پیر است و وقت نان خوردن الاشه‌اش درد می‌کند", "giant_cell_arteritis"),
    ("zanoosh az dirooz varam karde, ghablan nadasht", "new_swollen_joint"),
    ("لوپوس دارم، پاهام ورم کرده و آب آورده", "lupus_kidney"),
    ("روماتیسم دارم گردنمو خم میکنم برق میره تو دستام", "ra_neck"),
    ("azolat e pam zaif shode, edraram tire shode", "myositis_dark_urine"),
    ("دیگه تاب ندارم 😔", "crisis_check"),
    ("از دست این درد خسته شدم", "crisis_check"),
    ("زندگی برام بی معنی شده", "crisis_check"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    # from the set
    "سکته رو زدم وقتی قیمت آمپول سینورا رو شنیدم",
    "مادربزرگم ده سال پیش سکته مغزی کرده بود، ام اس هم به سکته ربط داره؟",
    "زبونم بند اومد از خوشحالی وقتی دکتر گفت دیگه لازم نیست کورتون بخوری",
    "نفسم بند اومد از تعجب وقتی دیدم دخترم خودش تنهایی آمپولشو زده",
    "از خنده نفسم بند اومده بود دیشب سر فیلم، کمرم هم درد گرفت از بس خندیدم",
    "آیا بیماری شوگرن نفس تنگی می‌آورد؟ مادرم فعلا مشکلی ندارد فقط پرسیدم",
    "از خستگی بیهوش شدم دیشب ده ساعت خوابیدم، فیبرومیالژیا خوابو درست میکنه یا خرابش؟",
    "پسرم بچه بود تشنج ناشی از تب داشت، الان ۱۵ سالشه، روماتیسم هم ارثیه؟",
    "عفونت مفصل چطوری معلوم میشه؟ مادرم سینورا میزنه و میخوام علائمو بدونم",
    "مادرم مچ پاش مثل همیشه از آرتروز کمی ورم داره، تب و قرمزی نداره، کفی طبی خوبه؟",
    "مننژیت سرایت می‌کند؟ همسایه ما پارسال گرفته بود",
    "هفته پیش روی متوترکسات تب داشتم رفتم دکتر آنتی‌بیوتیک داد الان کاملا خوبم، کی دوباره قرصو شروع کنم؟",
    "حمله ام اس چطوری تشخیص داده میشه؟ خواهرم یه ساله حمله نداشته",
    "یووئیت با بهجت چه ارتباطی داره؟",
    # look-alikes in everyday talk
    "خخخخ نزدیک بود سکته کنم وقتی قبض رو دیدم",
    "لوپوس با سکته چه ارتباطی داره؟",
    "لوپوس سکته میاره؟",
    "sekte ro zadam vaghti javabe azmayesh ro didam",
    "هفته پیش زانوم ورم کرده بود الان خوبه",
    "بخاری گازی برای درد مفاصل خوبه؟",
    "قرص زیر زبونی با متوترکسات تداخل داره؟",
    "وقتی بچه بود تشنج کرد، ام اس ارثیه؟",
    "از خستگی غش کردم رو مبل، ورزش برای فیبرومیالژیا خوبه؟",
    "دستمو با چاقو بریدم موقع آشپزی، پماد چی بزنم؟",
    "مثل همیشه کمرم درد میکنه، ورزش خوبه؟",
    "کمکککک کنید نوبت دکتر بگیرم 😅",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None


@pytest.mark.parametrize("typed, read", [
    ("کمکککک", "کمک"),
    ("نفسم بالا نمیاااد", "نفسم بالا نمیاد"),
    ("komakkkk", "komak"),
    ("khoooon", "khoon"),
    ("خخخخ", "خخخخ"),
    ("Type III", "Type III"),
    ("HELPPPP", "HELP"),
    ("took allll my pills", "took all my pills"),
    ("chestttt", "chest"),
    ("zzz", "zzz"),
    ("took 1000 mg", "took 1000 mg"),
    ("www.clinic.ir", "www.clinic.ir"),
])
def test_a_letter_held_down_is_read_once(typed, read):
    assert normalise(typed) == read

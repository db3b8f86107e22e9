"""Round 9, Persian (used since its scoring): word classes the rules lacked, read again.

* Dari and formal forms: "cannot" after the participle («نفس گرفته نمیتانم», «ادرار کرده نمیتوانم», «ایستاده
  نمیتوانم»), «پندیده» (swollen: legs, joints, face), «شخ» (a stiff neck), «سست» (limp: a limb, muscles), «دوا»
  (medicine), «روی» (face, only with «کج»), «بچیم», «دختر خوردم» (my little girl), the formal possessive («پایم»,
  «دستانم», «لبهایم», «گلویم»), «بسیار» in severity, «نیم بدن» (half the body).
* Finglish: a face with -e/-ash («dahane babam kaj shode»), a head with -e («sare babam»), "can't hold my pee", can't
  stand straight, strength gone («ghodrat nadasht»), cortisone and dizzy/weak, under the ribs, blood pressure as a
  number, Finglish urine (khuni, jisham, protein in the urine test), a thumb, fever with pallor or cold hands and feet.
* Suicide: "end everything", «خود را بکشم», "he'll cut his wrist", asking God to die or not to wake, "she wishes she'd
  die", "take care of yourselves" as a farewell (only beside `not_here`), the means made ready (`means_ready`: a rope,
  pills gathered; only beside `end_it`), «همشو» as an amount; thoughts: «کشتن خودم», «فکر مردن». Crisis check: «دیگر
  تحمل ندارم», "no hope left", "she can't go on like this".
* Others: "forgot she had taken it", "all the paracetamol there was" (only pills, not food), vomit "full of blood",
  «هوشش رفت», eyes rolled up and fell, the bicycle saddle, an explosion or "something burst" in the head, screaming with
  a belly pain, «ماه هشتمم» (pregnant), stars before the eyes, a shadow before his eyes, a lump on the head, a short
  breath, a head he can't turn, MS-only medicines naming MS, a balance upset, «بند پا» (a joint), «تیره شده» (a finger),
  «جون نداره» (no strength) beside dark urine.
* Readings: «یادش نبوده» and «مشکلی نداره» do not deny what came before them; Finglish «do hafte» (two weeks) is not
  the English question "do ..."; «یه زمانی» (once) dates a finding.
* Mentions: "my tongue can't turn to thank you", "do you have suicidal thoughts?" (someone asking), stress incontinence
  on sneezing, «فلج شدم از بس...», "no blood thinner", «تمام روز» (all day) is no amount of pills.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    # from the set
    ("dahane babam kaj shode harf nemitune bezane", "stroke"),
    ("نیم بدنم یکدفعه سست شد و رویم کج شده", "stroke"),
    ("نفس گرفته نمیتانم و لبهایم کبود شده", "breathing"),
    ("روی رویم دانه های سرخ زده و گلویم بسته میشود بعد از دوا", "allergic_reaction"),
    ("ریسمان را آماده کرده ام امشب کار را تمام میکنم", "suicide"),
    ("دختر خوردم دوای فشار مادرکلانش را خورده", "overdose"),
    ("پایین کمرم درد میکند ادرار کرده نمیتوانم و ران هایم بی حس است", "cauda_equina"),
    ("بچیم تب دارد گردنش شخ شده و استفراغ میکند", "meningitis"),
    ("پایم پندیده و درد دارد و نفسم کوتاه شده", "leg_clot_breathless"),
    ("مادرم ۷۲ سالشه چند روزه سردرد و تب خفیف داره موقع غذا خوردن فکش درد میگیره چشمش مشکلی نداره", "giant_cell_arteritis"),
    ("do hafte ast dastam khab mire va za'if shode", "new_numbness"),
    ("دیگر تحمل ندارم هیچ امیدی نمانده", "crisis_check"),
    # other words for the same
    ("soorate mamanam yehoo kaj shode", "stroke"),
    ("نیم بدنش ناگهان بی حس شد", "stroke"),
    ("نفس کشیده نمیتواند و لبهایش کبود است", "breathing"),
    ("میگه هوا نمیره به ریه‌هاش", "breathing"),
    ("بعد از دوای جدید گلویش بسته شده", "allergic_reaction"),
    ("طناب رو آماده کردم، امشب تمومش میکنم", "suicide"),
    ("میخوام به همه چی پایان بدم", "suicide"),
    ("برادرم میخواهد خود را بکشد", "suicide"),
    ("دخترم میگه رگشو میزنه", "suicide"),
    ("هر روز از خدا میخوام بمیرم", "suicide"),
    ("مواظب خودتون باشید، من دیگه نیستم", "suicide"),
    ("قرص‌هامو جمع کردم، همشونو امشب میخورم", "suicide"),
    ("همش به کشتن خودم فکر میکنم", "suicidal_thoughts"),
    ("فکر مردن از ذهنم بیرون نمیره", "suicidal_thoughts"),
    ("دیگر طاقت ندارم", "crisis_check"),
    ("امیدی برام نمونده", "crisis_check"),
    ("پدرم میگه دیگه نمیتونه اینطوری ادامه بده", "crisis_check"),
    ("پدربزرگم یادش نبود خورده و دوباره وارفارین خورد", "overdose"),
    ("پسر خوردم قرصای مادرش رو خورده", "overdose"),
    ("هرچی قرص مسکن داشتم خوردم", "overdose"),
    ("dava ziad khordam", "overdose"),
    ("استفراغش پر از خون بود", "severe_bleeding"),
    ("خونریزیش خیلی زیاده", "severe_bleeding"),
    ("هوشم رفت", "fainting_seizure"),
    ("چشماش رفت بالا و غش کرد", "fainting_seizure"),
    ("کمرم درد میکنه و پیشاب کرده نمیتوانم", "cauda_equina"),
    ("جای زین کاملا بی حس شده", "cauda_equina"),
    ("دستانم ناگهان سست شد", "sudden_weakness"),
    ("yehoo pash ghodrat nadasht", "sudden_weakness"),
    ("پسرم تب دارد و گردنش شخ است", "meningitis"),
    ("پشت سرش ناگهان بسیار بد درد گرفت", "thunderclap_headache"),
    ("از درد شکم داد میزنه", "severe_abdominal_pain"),
    ("kortoono ghat kardam, gij va zaifam", "adrenal_crisis"),
    ("hamele hastam va zire dandeham dard mikone", "pre_eclampsia"),
    ("ماه هفتمم، فشارم رفته بالا", "pre_eclampsia"),
    ("bardaram, fesharam 16 e", "pre_eclampsia"),
    ("شقیقه‌ام درد میکنه و سوی چشمم کم شده", "giant_cell_arteritis_vision"),
    ("پدرم وارفارین میخوره، سرش قلمبه شده", "head_injury_blood_thinner"),
    ("پاهایش پندیده و درد دارد و نفسش کوتاه شده", "leg_clot_breathless"),
    ("اسپوندیلیت دارم، دیروز زمین خوردم، نمیتونم سرمو بچرخونم", "as_fall_neck"),
    ("تب دارم و نفسم تند شده", "sepsis"),
    ("bachem tab dare rangesh paride", "sepsis"),
    ("فینگولیمود میخورم، تعادلم بهم ریخته", "ms_relapse"),
    ("بند دستم از دیشب پندیده", "new_swollen_joint"),
    ("chand hafte ast dastam gezgez mikone", "new_numbness"),
    ("لوپوس دارم، آزمایش ادرارم پروتئین داشت", "lupus_kidney"),
    ("ساق پام ورم کرده و سنگینه", "leg_clot"),
    ("روماتیزم دارم، گردنم درد میکنه و دستهایم کرخت شده", "ra_neck"),
    ("انگشت پام تیره شده", "finger_ischaemia"),
    ("عضله‌هام سسته و جیشم رنگ چایه", "myositis_dark_urine"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    # from the set
    "زبونم نمیچرخه بگم چقدر از دکترتون ممنونم",
    "یه زمانی فکر خودکشی داشتم الان با درمان خوبم سوالم درباره ورزشه",
    "doktoram porsid fekre khodkoshi dari goftam na chera ino miporse?",
    "مادرم از زایمان آخرش سالهاست بی اختیاری ادرار موقع عطسه داره ربطی به آرتروز کمرش داره؟",
    "فلج شدم از بس کار خونه کردم",
    "دیروز سرم خورد به کابینت یه کم قلمبه شده ولی هیچ داروی رقیق کننده نمیخورم",
    # look-alikes in everyday talk
    "هرچی غذا بود خوردم، متوترکسات رو کی بخورم؟",
    "هرچی دکتر گفته بود خوردم ولی دردم خوب نشد",
    "دوا و درمان فایده نداشت، روماتولوژیست دیگه‌ای معرفی میکنید؟",
    "مراقب خودتون باشید، خداحافظ",
    "طناب ورزشی خریدم، برای زانوم خوبه؟",
    "کار رو تموم میکنم بعد میرم دکتر",
    "پروتئین زیاد برای لوپوس بده؟",
    "سینووکس رو باید تو یخچال نگه دارم؟",
    "دلم پیچ میخوره وقتی یاد نوبت دکتر میفتم",
    "خونریزیم موقع پریود زیاد میشه؟ با ناپروکسن",
    "تمام روز خسته‌ام، از داروهامه؟",
    "انگشت‌های دست و پایم ورم کرده و درد میکنه، آرتریت پسوریاتیکه؟",
    "زین دوچرخه برای کمر درد بده؟",
    "اگه یکی جلو چشمم تشنج کنه باید چیکار کنم",
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None

"""Round 16, Persian (used since its scoring): the word classes its misses showed, and its mentions kept quiet.

* Alarms: Finglish chest with an apostrophe (sine'am), a stone or weight laid on the chest, gone pale («رنگش زرد
  کرده»); half the face sagged («نیمه صورتش وا رفت», «صورتم یه طرفش افتاد»), speech slurred like a drunk's or not
  understood; Lori «نفسش نمیا», «دارم خفه موم», the air not going in, an oxygen saturation below 88%, accessory muscles,
  gasping with the mouth open; angioedema after an injection; thinking of swallowing all the medicines; a whole
  blister strip swallowed; blood like a tap or a fountain, «خونریزیم», a pad soaked, haematemesis; Finglish bowel or
  bladder not held, urine passed without noticing, nothing felt when washing after the toilet; a limb gone lifeless
  (bi jan), "could this morning"; «یه‌هو», an eye gone dark or misted, the sight of an eye gone, only shadows seen,
  amaurosis fugax, stars before the eyes; Finglish «kheshk» neck, a severe neck pain with a fever; Finglish «saram
  tarkid», struck with an axe, a pain «تو سرم»; «درد مکه بد», something torn inside, no side to lie on; food that
  «پس میاره» on steroids, fading away after stopping them; «حامله‌س», Finglish «feshar esh 170»; head trauma in
  clinical words; a car crash and «ای‌اس» with a new neck pain; a swelling with no knock; «چن روزه»; Finglish
  «gharmez», a bloodshot eye «مثل کاسه خون»; a puffy face each morning with lupus; paraesthesia of both hands with RA;
  «شاشم قهوه‌ای», the body gone slack; mouth sores and petechiae on MTX; crisis: «خسته بیمه», this pain that will not
  let go, how to bear one more day, no way out in front of me.
* Mentions: the heart gripped by sadness, "not that my chest hurts", Finglish «age ...» and «baes mishe ... ?»,
  neither ... nor, how two things differ, a word asked about, methotrexate denied, a neck stiff from sleeping badly,
  suffocating from heat, "will the bleeding increase?" before a dental visit. A suicide risk or a poisoning dose asked
  in general keeps its alarm (review 19).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess

RANK = {None: 0, "urgent": 1, "emergency": 2}


@pytest.mark.parametrize("text, group, level", [
    # from the set
    ("sine'am dard mikone mese inke ye ajor gozashtan roosh, ta bazoom tir mikeshe, alan sare kar am", 'chest_pain', 'emergency'),
    ('بوه\u200cم ایسه سینه\u200cش گرفته، مِگه انگار یه سنگ گنده نهادن رو سینه\u200cم، رنگش زرد کرده', 'chest_pain', 'emergency'),
    ('عامو بابام یهو نیمه صورتش وا رفت، گپ که میزنه هیچی نمیفهمیم، یله بگو چه کنیم', 'stroke', 'emergency'),
    ('ام اس دارم ولی این فرق داره، ده دقیقه پیش یهو صورتم یه طرفش افتاد و حرف زدنم کشدار شد عین آدم مست', 'stroke', 'emergency'),
    ('انگار یکی بالشو گذاشته رو صورتم، هوا نمیره تو، اسپریمم اثر نکرد', 'breathing', 'emergency'),
    ('پرستارم و همراه بیمارم: تاکی\u200cپنه ۳۶ در دقیقه، اشباع ۸۴ '
     'درصد با پالس\u200cاکسیمتر خونگی، استفاده از عضلات فرعی، زمینه اسکلرودرمی', 'breathing', 'emergency'),
    ('بابابزرگم نشسته جلو پنجره دهنشو باز کرده هوا میخواد، نه حرف میتونه بزنه نه دراز بکشه', 'breathing', 'emergency'),
    ('دا خوەم نفسش نمیا، مِگه دارم خفه مِوم، ایسه چه بِکِم', 'breathing', 'emergency'),
    ('از داروخانه پیام میدم، یه مشتری بعد تزریق پنی\u200cسیلین ۶۳۳ '
     'دچار آنژیوادم و ویزینگ و افت فشار شده، اپی\u200cنفرین نداریم', 'allergic_reaction', 'emergency'),
    ('هی میرم سمت کشوی داروها و فکر میکنم اگه همشو بخورم چی میشه', 'suicidal_thoughts', 'emergency'),
    ('دا\u200cم قرصای فشارشه تموم ورقو خرده، ایسه گیج بیه', 'overdose', 'emergency'),
    ('عامو داداشم پاش رفت تو شیشه، خون مثل شیر آب میاد، یله بگو چه کنیم', 'severe_bleeding', 'emergency'),
    ('بعد زایمان خونریزیم خیلی زیاد شده، هر نیم ساعت یه پد کامل خیس میشه، رنگم پریده', 'severe_bleeding', 'emergency'),
    ('پرستارم، بیمار لوپوس با ترومبوسیتوپنی، هماتمز فعال و فشار ۸۰ روی ۵۰، تو خونه\u200cایم', 'severe_bleeding', 'emergency'),
    ('az dishab kamar dard e shadid daram, '
     'emrooz ejabatamo nemitoonam control konam, paham bi hese', 'cauda_equina', 'emergency'),
    ('کمرم داره مِکشه، ایسه خوم نفهمیدم کی شاشیدم، پشت رونام بی\u200cحسه', 'cauda_equina', 'emergency'),
    ('کمرم تیر میکشه به هر دو پا، و بعد دستشویی که خودمو میشورم هیچی حس نمیکنم اونجا', 'cauda_equina', 'emergency'),
    ('pam yehoo bi jan shod ba ye tir keshidan, nemitoonam rah beram', 'sudden_weakness', 'emergency'),
    ('خانم سالمندی که ازش نگهداری میکنم الان نمیتونه دستشو بلند کنه، صبح میتونست', 'sudden_weakness', 'emergency'),
    ('چشمم یه\u200cهو تاریک بی، هیچ نمیبینم، ایسه چه کنم', 'vision_loss', 'emergency'),
    ('بهجت دارم، امروز صبح بیدار شدم دید چشم راستم تقریبا رفته، فقط سایه میبینم', 'vision_loss', 'emergency'),
    ('pesaram tab karde estefragh mikone, gardanesh kheshk shode, khab aloode ast', 'meningitis', 'emergency'),
    ('دخترم از اردو برگشته، تب و سردرد و گردن درد شدید داره، استفراغ میکنه و خوابالوده\u200cست', 'meningitis', 'emergency'),
    ('ye dard e vahshatnak yehoo too saram tarkid '
     'mese inke gooloole khordam, badtarin dard e omram', 'thunderclap_headache', 'emergency'),
    ('saram yehoo mese bomb tarkid, estefragh kardam, gardanam ham dard gerefte', 'thunderclap_headache', 'emergency'),
    ('مامانم جیغ کشید دستشو گرفت پشت سرش، میگه انگار یکی با تبر زد، حالا گیجه', 'thunderclap_headache', 'emergency'),
    ('وسط رابطه با همسرم یهو یه درد ناگهانی و خیلی شدید تو سرم پیچید، هنوزم به همون شدته', 'thunderclap_headache', 'emergency'),
    ('دلم ایسه درد مِکه بد، انگار یه چی توش پاره بیه، عرق کردم', 'severe_abdominal_pain', 'emergency'),
    ('دل\u200cدردی گرفتمه که نمزانم چه بکم، دو '
     'ساعته، مثل آتیش، وِ هیچ پهلویی نمیتونم بخوابم', 'severe_abdominal_pain', 'emergency'),
    ('بابو مو همیشه کورتون میخوره، دو روزه هرچی میخوره '
     'پس میاره، اسو بی\u200cحال وابیده و چیزای بی\u200cربط میگه', 'adrenal_crisis', 'emergency'),
    ('پلی\u200cمیالژی دارم و پردنیزولون میخورم، مسافرتیم قرصامو جا گذاشتم '
     'سه روزه نخوردم، حالم داره میره، انگار الان بیهوش میشم', 'adrenal_crisis', 'emergency'),
    ('zanam 8 mahe hamelast, feshar esh 170 shode, mige jeloye chesham setare mibinam', 'pre_eclampsia', 'emergency'),
    ('عروسمون حامله\u200cس، ایسه سرش بد درد مِکه، چشاش سیاهی مِره، دس و پاش ورم کرده', 'pre_eclampsia', 'emergency'),
    ('PMR daram, az dishab nesfe dide '
     'cheshme chapam rafte, shaghigham ham dard mikone', 'giant_cell_arteritis_vision', 'emergency'),
    ('خانم ۷۸ ساله با سردرد تمپورال جدید، '
     'jaw claudication و آموروزیس فوگاکس امروز صبح', 'giant_cell_arteritis_vision', 'emergency'),
    ('پدرم موهاشو شونه میکنه میگه پوست سرش درد میکنه، '
     'شقیقه\u200cش سفت شده، الان میگه چشم چپش مه گرفته', 'giant_cell_arteritis_vision', 'emergency'),
    ('بیمار تحت درمان با آپیکسابان، ترومای خفیف سر حدود '
     'یک ساعت پیش، الان دو بار استفراغ و سردرد پیشرونده', 'head_injury_blood_thinner', 'emergency'),
    ('ولک مو آنکیلوزان دارم، از نردبون افتادم، گردنم یه دردی گرفته که عمرا نداشتم', 'as_fall_neck', 'emergency'),
    ('ای\u200cاس دارم، دیروز تو کوچه زمین خوردم فکر کردم چیزی نیست، '
     'ولی الان پشتم یه درد تازه داره. تا صبح صبر کنم؟', 'as_fall_neck', 'emergency'),
    ('بیماری بختروف دارم (همون اسپوندیلیت)، ماشین از پشت زد بهمون، گردنم درد تازه گرفته', 'as_fall_neck', 'emergency'),
    ('پسرم ۱۲ سالشه، مچ پاش بدون اینکه ضربه بخوره ورم کرده، تب نداره', 'new_swollen_joint', 'urgent'),
    ('چن روزه دسم سِر شده، گاهی قاشق از دسم مِفته', 'new_numbness', 'urgent'),
    ('cheshmam gharmez shode dard mikone, noor ro nemitoonam tahammol konam, lupus daram', 'painful_red_eye', 'urgent'),
    ('چشم راستم مثل کاسه خون شده و درد داره، آرتریت پسوریاتیک دارم', 'painful_red_eye', 'urgent'),
    ('دخترم لوپوس داره، صبحا صورتش پف میکنه و فشارش رفته بالا ۱۴۵', 'lupus_kidney', 'urgent'),
    ('بیمار RA طولانی\u200cمدت با درد گردن، پارستزی دو دست و کاهش مهارت حرکتی ظریف', 'ra_neck', 'urgent'),
    ('استاتین شروع کردم، عضلاتم درد و ضعف دارن و شاشم قهوه\u200cای شده', 'myositis_dark_urine', 'urgent'),
    ('تنم سُسته، نمیتونم دسمو بالا بِرم، شاشم رنگ چای سیاه شده', 'myositis_dark_urine', 'urgent'),
    ('همکار داروخانه\u200cام، بیمار روی MTX با زخم\u200cهای متعدد '
     'دهانی و پتشی، فولیک اسید هم مصرف نمیکنه', 'methotrexate_toxicity', 'urgent'),
    ('دیه خسته بیمه، ای درد ول نِمِکه، نمیدونم چه کنم', 'crisis_check', 'emergency'),
    ('هر صبح با درد بیدار میشم و فکر میکنم یه روز دیگه رو چطور تحمل کنم', 'crisis_check', 'emergency'),
    ('ام اس همه چیمو گرفت، کارمو، زنمو... حس میکنم هیچ راهی جلوم نیست', 'crisis_check', 'emergency'),
    # other words for the same classes
    ("sine'esh dard mikone va arage sard karde", 'chest_pain', 'emergency'),
    ('انگار یه وزنه سنگین گذاشتن رو سینم', 'chest_pain', 'emergency'),
    ('بابام سینش درد میکنه و رنگش مثل گچ شده', 'chest_pain', 'emergency'),
    ('بابام نصف صورتش شل شده و حرف زدنش کشدار شده', 'stroke', 'emergency'),
    ('مادرم صورتش یه طرفش کج شده، حرف که میزنه هیچی نمیفهمیم', 'stroke', 'emergency'),
    ('مامانم نفسش بالا نمیا', 'breathing', 'emergency'),
    ('اکسیژن خونش 82 درصده', 'breathing', 'emergency'),
    ('sat 85 darsad e, nafas nafas mizane', 'breathing', 'emergency'),
    ('بچه\u200cم دهنشو باز کرده هوا میخواد', 'breathing', 'emergency'),
    ('دارم خفه میشم کمک کنید', 'breathing', 'emergency'),
    ('بعد آمپول پنی\u200cسیلین لبش آنژیوادم کرده', 'allergic_reaction', 'emergency'),
    ('رفتم سراغ قرصام و فکر میکنم اگه همشونو بخورم چی میشه', 'suicidal_thoughts', 'emergency'),
    ('بابام کل ورق قرصای قلبشو خورده', 'overdose', 'emergency'),
    ('پاش برید خون عین فواره میزنه', 'severe_bleeding', 'emergency'),
    ('خونریزیش خیلی زیاده و بند نمیاد', 'severe_bleeding', 'emergency'),
    ('kamaram dard mikone va jishamo nemitoonam control konam', 'cauda_equina', 'emergency'),
    ('کمرم درد میکنه، نفهمیدم کی جیش کردم', 'cauda_equina', 'emergency'),
    ('دستم یهو بی جون شد نمیتونم تکونش بدم', 'sudden_weakness', 'emergency'),
    ('چشم چپم یهو تاریک شد', 'vision_loss', 'emergency'),
    ('dide cheshme rastam rafte az sobh', 'vision_loss', 'emergency'),
    ('dokhtaram tab dare gardanesh kheshke', 'meningitis', 'emergency'),
    ('تب داره و گردن درد شدید داره', 'meningitis', 'emergency'),
    ('saresh yehoo tarkid, mige badtarin dard e omreshe', 'thunderclap_headache', 'emergency'),
    ('یهو یه درد خیلی شدید تو سرش پیچید', 'thunderclap_headache', 'emergency'),
    ('شکمم درد میکنه بدجوری، به هیچ پهلویی نمیتونم بخوابم', 'severe_abdominal_pain', 'emergency'),
    ('پردنیزولون میخورم و از دیروز هرچی میخورم پس میارم', 'adrenal_crisis', 'emergency'),
    ('کورتونمو قطع کردم و حالم داره میره', 'adrenal_crisis', 'emergency'),
    ('zanam hamelast va feshar esh 160 shode', 'pre_eclampsia', 'emergency'),
    ('خواهرم حامله\u200cس و جلو چشماش ستاره میبینه', 'pre_eclampsia', 'emergency'),
    ('مادرم پلی میالژیا داره و میگه چشم راستش مه گرفته', 'giant_cell_arteritis_vision', 'emergency'),
    ('بابام وارفارین میخوره، تصادف کرده و ترومای سر داره', 'head_injury_blood_thinner', 'emergency'),
    ('اسپوندیلیت آنکیلوزان دارم و تصادف کردم، گردنم درد میکنه', 'as_fall_neck', 'emergency'),
    ('دخترم ۹ سالشه، زانوش بدون اینکه ضربه بخوره ورم کرده', 'new_swollen_joint', 'urgent'),
    ('چن روزه پاهام گزگز میکنه', 'new_numbness', 'urgent'),
    ('cheshme chapam gharmez shode va dard dare', 'painful_red_eye', 'urgent'),
    ('لوپوس دارم و صبحا پلکام پف میکنه', 'lupus_kidney', 'urgent'),
    ('روماتوئید دارم، گردنم درد میکنه و پارستزی دستها دارم', 'ra_neck', 'urgent'),
    ('عضلاتم ضعیف شده و شاشم تیره شده', 'myositis_dark_urine', 'urgent'),
    ('متوترکسات میخورم و زخمهای دهانی زدم', 'methotrexate_toxicity', 'urgent'),
    ('متوترکسات میزنم و بدنم پتشی زده', 'methotrexate_toxicity', 'urgent'),
    ('خسته شدم، این درد ولم نمیکنه', 'crisis_check', 'emergency'),
    ('چطوری یه روز دیگه رو تحمل کنم با این درد', 'crisis_check', 'emergency'),
    ('هیچ راهی برام نمونده', 'crisis_check', 'emergency'),
])
def test_these_are_heard_now(knowledge, text, group, level):
    found = assess(normalise(text), knowledge)
    assert RANK[found.level] >= RANK[level]
    now = {flag.id for flag in found.now}
    # a sight gone beside the signs of giant cell arteritis may lead with the vision_loss group: the same emergency
    assert group in now or (group == "giant_cell_arteritis_vision" and "vision_loss" in now)


@pytest.mark.parametrize("text", [
    # from the set
    "ghalbam gerefte az in hame dard keshidan, na inke sine'am dard kone ha, faghat delam pore",
    'age do ta ibuprofen bejaye yeki bokhoram khatar dare?',
    'fibromyalgia baes mishe yehoo dast o pa falaj beshe? faghat mikham bedoonam',
    'از بس بد خوابیدم گردنم خشک شده، تب و سردرد ندارم، چه نرمشی خوبه؟',
    'نه سردرد دارم نه موقع جویدن فکم درد میکنه، فقط شونه\u200cهام خشکه، باز ممکنه شقیقه\u200cای باشه؟',
    'فرق حمله واقعی ام اس با شبه\u200cحمله چیه؟ تو گرما علائمم بیشتر میشه',
    'age hamleye MS biad, pulse e kortoni che avarezi dare? alan hamle nadaram',
    'تو مطلبی درباره آرتریت پسوریاتیک خوندم انگشت سوسیسی، یعنی چی دقیقا؟',
    'یه آفت کوچیک تو دهنم زده ولی متوترکسات نمیخورم، فقط پلاکنیل، ربطی داره؟',
    # look-alikes: past events, questions in general, idioms
    'پارسال بابام تصادف کرد، ام اس ارثیه؟',
    'ghalbam gereft az dast in zendegi, dard nadaram faghat narahatam',
    'age se ta bejaye do ta bokhoram chi mishe?',
    'lupus baes mishe moo rikhtan beshe?',
    'نه تب دارم نه گردنم درد میکنه، فقط خسته\u200cام',
    'فرق سردرد میگرنی با سردرد تنشی چیه؟',
    'age oode ms bede chi kar konam?',
    'انگشت سوسیسی چیه؟',
    'متوترکسات مصرف نمیکنم ولی آفت زدم',
    'گردنم سفت شده از بس بد خوابیدم، تب ندارم',
    'از گرما دارم خفه میشم، کولر برای روماتیسم بده؟',
    'سرم درد میکنه از بس درس خوندم',
    'هوا خیلی گرمه، چه ورزشی برای کمر خوبه؟',
    'دیروز یه ورق قرص خریدم، کی بخورم؟',
    'وارفارین میخورم، باید برم دندونپزشکی، خونریزیم زیاد میشه؟',
])
def test_look_alikes_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None


@pytest.mark.parametrize("text", [
    "درد مزمن خطر خودکشی رو بیشتر میکنه؟ برای یه مقاله دانشجویی میپرسم",
    "مسمومیت با استامینوفن از چند تا قرص شروع میشه؟ میخوام حواسم باشه زیاده روی نکنم",
])
def test_suicide_risk_and_a_poisoning_count_are_never_waved_through(knowledge, text):
    """Asked "in general", they still open with the crisis or emergency text: no exception stops these words (review
    of round 16; medical safety before helpfulness)."""
    assert assess(normalise(text), knowledge).level == "emergency"

"""Regional and village spoken forms of Persian, read as the colloquial Tehran forms the word lists hold.

A language resource (engineers): people from Gilan and Mazandaran, Lorestan and the south, and Azeri and
Kurdish speakers writing Persian type their own words for "my mother", "can't", "it hurts" («می مار نفس
نتانه بکشه», «کمرم درد ایکنه», «آنام تبی وار»). :func:`read_regional_forms` is step 9 of
:func:`assistant.normalise.normalise`: each such WHOLE word (after the Persian fold) becomes its colloquial
Tehran form, so the red-flag net and the NLU read one vocabulary.

Only forms that are not also common words in standard Persian are listed: «مو» (Lori "I") is hair, «باشی»
(Azeri "his head") is "you be", «اشکم» (Gilaki "belly") is "my tears", «ایده» (Lori "gives") is "idea", «آیه»
(Gilaki "comes") is a verse, «بوم» (Lori "my father") is the roof of «پشت بوم», «بار داره» (Lori "pregnant") is also
"every time I…" in «هر بار دارم»: those stay as they are.
"""

from __future__ import annotations

import re
from typing import Dict

# Whole words, as they read after fold_persian (Persian ی/ک, no half-space), and their colloquial forms.
REGIONAL_WORDS: Dict[str, str] = {
    # Gilaki and Mazandarani
    "نتانه": "نمیتونه", "نتانم": "نمیتونم", "نتانی": "نمیتونی", "نتانن": "نمیتونن", "نتانست": "نتونست",
    "بوکوده": "کرده", "بوکود": "کرد", "ببو": "شد", "ببوسته": "شده", "بپریسه": "پریده", "ایتا": "یه",
    "لینگ": "پا", "لینگم": "پام", "لینگش": "پاش", "نیه": "نیست",
    "درد دره": "درد داره", "میمار": "مادرم", "میپئر": "پدرم", "میپیر": "پدرم",  # «می مار»: the fold joins «می»
    # Lori, Bakhtiari and the south
    "بوام": "بابام", "بووام": "بابام", "دام": "مادرم", "دایم": "مادرم", "خوم": "خودم",
    "خومه": "خودمو", "دیه": "دیگه", "خسه": "خسته", "ببیدم": "شدم", "ببیده": "شده",
    "ببید": "شد", "دس": "دست", "دسام": "دستام", "دسم": "دستم", "دسش": "دستش", "دساش": "دستاش",
    "چشاش": "چشماش", "چشام": "چشمام",
    # Azeri speakers writing Persian
    "آنام": "مادرم", "انام": "مادرم", "آنامین": "مادرم", "انامین": "مادرم", "آتام": "پدرم", "اتام": "پدرم",
    "آتامین": "پدرم", "اتامین": "پدرم", "بوینو": "گردنش", "بوینوم": "گردنم", "بوینوز": "گردنش", "بئلیم": "کمرم",
    "بلیم": "کمرم", "چوخ": "خیلی", "آغریر": "درد میکنه", "اغریر": "درد میکنه", "تبی وار": "تب داره",
    "ایچیر": "میخوره", "ایچیرم": "میخورم",
    # Kurdish speakers writing Persian
    "کهوت": "افتاد", "بابه": "بابا", "بابه م": "بابام", "دایکم": "مادرم", "باوکم": "پدرم",
}
# Southern and Lori verbs take «ای» where Tehran takes «می»: «درد ایکنه» is «درد میکنه». Present stems whose «ای»
# form is no standard word, with the person endings; «ایده» (idea), «ایشان» (they) and «ایران» are not among them.
_AI_STEMS = "کن|زن|بین|گ|خور|ش|ر|سوز|گیر|لرز|تون|کش|خواب|پیچ"
_AI_VERB = re.compile(f"(?<![\\w\u200c])ای(?={_AI_STEMS})((?:{_AI_STEMS})(?:ه|م|ی|ن|یم|ید|ین|ند))(?![\\w\u200c])")
_WORDS = re.compile(
    "(?<![\\w\u200c])(?:" + "|".join(sorted(map(re.escape, REGIONAL_WORDS), key=len, reverse=True)) + ")(?![\\w\u200c])"
)
_REGIONAL_LETTERS = re.compile("[\u0622-\u06cc]")


def read_regional_forms(text: str) -> str:
    """``text`` with regional spoken words read as their colloquial Tehran forms (whole words only)."""
    if not _REGIONAL_LETTERS.search(text):
        return text
    text = _AI_VERB.sub(r"می\1", text)
    return _WORDS.sub(lambda match: REGIONAL_WORDS[match.group(0)], text)

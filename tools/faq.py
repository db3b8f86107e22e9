"""Build the front-desk FAQ page from the knowledge file, in each of its languages.

``python -m tools.faq [OUT]`` writes ``web/faq.html``: for each language of the
knowledge (English, Persian) a block of its own (``lang``, ``dir``: Persian right
to left, in Vazirmatn) with the emergency box, every topic, then every
question-level entry grouped by condition, each with its answer, the disclaimer
and its source; a search box that filters them, and the credits. With more than
one language, a switch (فارسی / English) shows one block: ``?lang=fa|en``, else
the choice made before on the demo page or here, else the browser's language.
Printing prints the language shown. Static, no network, nothing to serve: staff
can open the file or print it. The knowledge file is found as everywhere else
(``KNOWLEDGE_FILE``).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence

from assistant.knowledge import Entry, Knowledge, KnowledgeError, load_all
from assistant.paths import WEB_ROOT

DEFAULT_OUT = WEB_ROOT / "faq.html"

DIRECTION = {"fa": "rtl"}  # every other language left to right

# The page's own texts, by language (a language without its own gets English's).
UI: Mapping[str, Mapping[str, str]] = {
    "en": {
        "name": "English",
        "title": "Pain in autoimmune diseases: answers for patients",
        "emergency": "Emergency now",
        "urgent": "See a doctor today",
        "search": "Search the answers (for example: lupus, stress, MRI)",
        "search_label": "Search the answers",
        "source": "Source:",
        "reviewed": "Last reviewed:",
        "by_condition": "Questions by condition",
        "autoimmune": "Autoimmune disease in general",
        "comparison": "Comparisons",
        "credits": (
            "Some answers are written in our own words from the US National Institutes of Health pages collected in "
            "MedQuAD (Ben Abacha and Demner-Fushman, \u201cA question-entailment approach to question answering\u201d, "
            "BMC Bioinformatics, 2019), licensed under Creative Commons Attribution 4.0 (CC BY 4.0, "
            "creativecommons.org/licenses/by/4.0). Persian text uses the Vazirmatn font (SIL Open Font License 1.1)."
        ),
    },
    "fa": {
        "name": "فارسی",
        "title": "درد در بیماری‌های خودایمنی: پاسخ‌هایی برای بیماران",
        "emergency": "اورژانس: همین حالا",
        "urgent": "همین امروز به پزشک مراجعه کنید",
        "search": "جست‌وجو در پاسخ‌ها (برای نمونه: لوپوس، استرس، ام‌آرآی)",
        "search_label": "جست‌وجو در پاسخ‌ها",
        "source": "منبع:",
        "reviewed": "آخرین بازبینی:",
        "by_condition": "پرسش‌ها بر اساس بیماری",
        "autoimmune": "بیماری‌های خودایمنی به‌طور کلی",
        "comparison": "مقایسه‌ها",
        "credits": (
            "برخی پاسخ‌ها با کلمات خودمان از صفحه‌های مؤسسه‌های ملی سلامت آمریکا (NIH) نوشته شده‌اند که در "
            "مجموعهٔ MedQuAD گردآوری شده‌اند: [[Ben Abacha and Demner-Fushman, \u201cA question-entailment approach "
            "to question answering\u201d, BMC Bioinformatics, 2019]]. مجوز این مجموعه «کریتیو کامنز نسبت‌دادن ۴٫۰» "
            "است: [[CC BY 4.0, creativecommons.org/licenses/by/4.0]]. متن فارسی با قلم وزیرمتن نمایش داده می‌شود: "
            "[[SIL Open Font License 1.1]]."
        ),
    },
}

# Vazirmatn from this site (scripts/install-web.sh), for Persian letters only; without it, the system fonts.
FONT_FACES = "".join(
    f'@font-face{{font-family:"Vazirmatn";src:url("vendor/vazirmatn/Vazirmatn-{name}.woff2") format("woff2");'
    f"font-weight:{weight};font-style:normal;font-display:swap;"
    "unicode-range:U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF}\n"
    for name, weight in (("Regular", 400), ("Bold", 700))
)

STYLE = FONT_FACES + """
body{font-family:"Vazirmatn",system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
.faq:lang(fa){line-height:1.8}
h1{font-size:1.6rem}input{width:100%;padding:.6rem;font-size:1rem;margin:1rem 0;box-sizing:border-box;font-family:inherit}
section{border-top:1px solid #d9e2ec;padding:.8rem 0}h2{font-size:1.15rem;margin:.2rem 0}h3{font-size:1.05rem;margin:.2rem 0}
.group>h2{font-size:1.3rem;margin-top:1.6rem;color:#334e68}
.disclaimer{background:#fff8e1;border-inline-start:4px solid #f0b429;padding:.6rem .8rem;font-size:.95rem}
.source{color:#52606d;font-size:.85rem}.emergency{background:#ffe3e3;border-inline-start:4px solid #e12d39;padding:.6rem .8rem}
.source bdi{display:inline-block}
.credits{color:#52606d;font-size:.85rem;border-top:1px solid #d9e2ec;margin-top:2rem;padding-top:.8rem}
.languages{display:flex;gap:1rem;justify-content:flex-end}.languages a{color:#0b5394}
.languages a[aria-current="page"]{font-weight:700;color:#1f2933;text-decoration:none}
@page{margin:1.5cm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:11pt}
input,.noprint,.languages{display:none}
.faq[hidden]{display:none}
.faq:not([hidden])~.faq:not([hidden]){break-before:page}
section{break-inside:avoid}h1,h2,h3{break-after:avoid}
.emergency,.disclaimer{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

SCRIPT = """
(function () {
  'use strict';
  var KEY = 'assistant_page_language';  // shared with the demo page's switch (lang.js)
  function norm(text) {
    return text.toLowerCase().replace(/\\u064a/g, '\\u06cc').replace(/\\u0643/g, '\\u06a9').replace(/\\u200c/g, ' ');
  }
  var blocks = Array.prototype.slice.call(document.querySelectorAll('main.faq[lang]'));
  blocks.forEach(function (block) {
    block.querySelector('input.q').addEventListener('input', function (e) {
      var words = norm(e.target.value).split(/\\s+/).filter(Boolean);
      block.querySelectorAll('section[data-text]').forEach(function (s) {
        var text = s.getAttribute('data-text');
        s.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      block.querySelectorAll('div.group').forEach(function (g) {
        g.hidden = !g.querySelector('section:not([hidden])');
      });
    });
  });
  if (blocks.length < 2) { return; }
  function has(lang) { return blocks.some(function (b) { return b.lang === lang; }); }
  function choose(lang) {
    blocks.forEach(function (b) {
      b.hidden = b.lang !== lang;
      if (!b.hidden) {
        document.documentElement.lang = b.lang;
        document.documentElement.dir = b.dir;
        document.title = b.getAttribute('data-title');
      }
    });
    document.querySelectorAll('.languages a[hreflang]').forEach(function (a) {
      if (a.getAttribute('hreflang') === lang) { a.setAttribute('aria-current', 'page'); }
      else { a.removeAttribute('aria-current'); }
    });
  }
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  var asked = (new URLSearchParams(location.search).get('lang') || '').toLowerCase();
  var browser = String(navigator.language || '').toLowerCase().indexOf('fa') === 0 ? 'fa' : 'en';
  choose([asked, stored(), browser, blocks[0].lang].filter(has)[0]);
  document.querySelectorAll('.languages a[hreflang]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var lang = a.getAttribute('hreflang');
      e.preventDefault();
      choose(lang);
      try { localStorage.setItem(KEY, lang); } catch (err) { /* file:// or storage blocked */ }
      try { history.replaceState(null, '', '?lang=' + lang); } catch (err) { /* file:// in some browsers */ }
    });
  });
})();
"""


def ui(language: str) -> Mapping[str, str]:
    """The page's own texts in ``language`` (English's for a language without them)."""
    return UI.get(language, UI["en"])


def searchable(*texts: str) -> str:
    """The text a section is found by: lower case, Arabic yeh and kaf as Persian's, zero-width non-joiners as spaces."""
    return " ".join(texts).lower().replace("\u064a", "\u06cc").replace("\u0643", "\u06a9").replace("\u200c", " ")


def _emergency_box(knowledge: Knowledge) -> str:
    """The red-flag groups by level, each level with what to do and the number."""
    e = html.escape
    texts = ui(knowledge.language)
    parts = ['<div class="emergency">']
    for level in ("emergency", "urgent"):
        flags = [flag for flag in knowledge.red_flags if flag.level == level]
        items = "".join(f"<li>{e(flag.label)}</li>" for flag in flags)
        parts.append(
            f'<h2>{e(texts[level])}</h2><p>{e(knowledge.levels[level])}</p><ul class="red-flags level-{level}">{items}</ul>'
        )
    parts.append("</div>")
    return "".join(parts)


def _sources(knowledge: Knowledge, ids: Sequence[str]) -> str:
    """The source line: each source isolated in its own direction (an English source in a Persian block)."""
    texts = ui(knowledge.language)
    names = f"{knowledge.messages['list_separator']} ".join(f"<bdi>{html.escape(knowledge.sources[s])}</bdi>" for s in ids)
    return f'<p class="source">{html.escape(texts["source"])} {names}</p>'


def _reviewed(knowledge: Knowledge, entry: Entry) -> str:
    """ "Last reviewed: 2026-12-06 (by ...)": when the entry's text in this language was last reviewed, and by whom."""
    by, date = entry.reviewed
    label = html.escape(ui(knowledge.language)["reviewed"])
    return f'<p class="reviewed">{label} <bdi>{html.escape(date)}</bdi> ({html.escape(by)})</p>'


def _language_block(knowledge: Knowledge) -> List[str]:
    """One language's whole FAQ, in a block with its ``lang`` and ``dir``."""
    e = html.escape
    lang = knowledge.language
    texts = ui(lang)
    disclaimer = f'<p class="disclaimer">{e(knowledge.disclaimer)}</p>'
    direction = DIRECTION.get(lang, "ltr")
    parts = [
        f'<main class="faq" id="faq-{e(lang)}" lang="{e(lang)}" dir="{direction}" data-title="{e(texts["title"])}">',
        f"<h1>{e(texts['title'])}</h1>",
        _emergency_box(knowledge),
        disclaimer,
        f'<input class="q" id="q-{e(lang)}" type="search" placeholder="{e(texts["search"])}" '
        f'aria-label="{e(texts["search_label"])}">',
    ]
    for topic in knowledge.topics:
        words = [topic.title, topic.answer, *topic.bullets]
        if topic.entity:
            words += [s for v in knowledge.entities if (v.entity, v.value) == topic.entity for s in v.synonyms]
        bullets = "".join(f"<li>{e(b)}</li>" for b in topic.bullets)
        warning = f'<p class="warning">{e(topic.warning)}</p>' if topic.warning else ""
        parts.append(
            f'<section id="{e(lang)}-{e(topic.id)}" data-id="{e(topic.id)}" data-text="{e(searchable(*words))}">'
            f"<h2>{e(topic.title)}</h2>"
            f"<p>{e(topic.answer)}</p>{f'<ul>{bullets}</ul>' if bullets else ''}"
            f"{warning}{disclaimer}{_sources(knowledge, topic.source)}</section>"
        )
    parts += _entry_groups(knowledge, disclaimer)
    credits = e(texts["credits"]).replace("[[", "<bdi>").replace("]]", "</bdi>")  # [[...]]: text in another direction
    parts += [f'<footer class="credits"><p>{credits}</p></footer>', "</main>"]
    return parts


def render_faq(*knowledges: Knowledge) -> str:
    """The whole page as HTML text (every text escaped): one block per knowledge, the first shown by default."""
    if not knowledges:
        raise ValueError("render_faq needs the knowledge in at least one language")
    e = html.escape
    first = knowledges[0]
    parts = [
        "<!doctype html>",
        f'<html lang="{e(first.language)}" dir="{DIRECTION.get(first.language, "ltr")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
        f"<title>{e(ui(first.language)['title'])}</title>",
        f"<style>{STYLE}</style></head><body>",
    ]
    if len(knowledges) > 1:
        links = " ".join(
            f'<a href="?lang={e(k.language)}" hreflang="{e(k.language)}" lang="{e(k.language)}" '
            f'dir="{DIRECTION.get(k.language, "ltr")}">{e(ui(k.language)["name"])}</a>'
            for k in sorted(knowledges, key=lambda k: k.language != "fa")  # فارسی first, as on the demo page
        )
        parts.append(f'<nav class="languages" aria-label="Language / زبان">{links}</nav>')
    for knowledge in knowledges:
        parts += _language_block(knowledge)
    parts += [f"<script>{SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts)


def subject_heading(knowledge: Knowledge, subject: str) -> str:
    """The heading of a condition's group: the entity label, or a plain name."""
    for value in knowledge.entities:
        if value.value == subject:
            return value.label
    texts = ui(knowledge.language)
    return texts[subject] if subject in ("autoimmune", "comparison") else subject


def _entry_groups(knowledge: Knowledge, disclaimer: str) -> List[str]:
    """The entries by condition, in the order of the subjects; each searchable by its question, examples and answer."""
    e = html.escape
    lang = knowledge.language
    parts = [f'<h2 class="noprint">{e(ui(lang)["by_condition"])}</h2>'] if knowledge.entries else []
    for subject in knowledge.structure.subjects:
        entries = [entry for entry in knowledge.entries if entry.subject == subject]
        if not entries:
            continue
        heading = subject_heading(knowledge, subject)
        parts.append(f'<div class="group" id="{e(lang)}-group-{e(subject)}" data-subject="{e(subject)}"><h2>{e(heading)}</h2>')
        for entry in entries:
            words = searchable(heading, entry.title, *entry.examples, entry.answer)
            parts.append(
                f'<section id="{e(lang)}-{e(entry.id)}" data-id="{e(entry.id)}" data-text="{e(words)}"><h3>{e(entry.title)}</h3>'
                f"<p>{e(entry.answer)}</p>{disclaimer}{_sources(knowledge, entry.source)}{_reviewed(knowledge, entry)}"
                "</section>"
            )
        parts.append("</div>")
    return parts


def load_languages(path: Optional[Path] = None) -> List[Knowledge]:
    """The knowledge in each of its languages, the first (the replies' language) first."""
    by_language: Dict[str, Knowledge] = load_all(path)
    return list(by_language.values())


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Write the FAQ page."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else DEFAULT_OUT
    try:
        knowledges = load_languages()
    except KnowledgeError as error:
        print(f"cannot build the FAQ page: {error}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_faq(*knowledges), encoding="utf-8")
    first = knowledges[0]
    print(
        f"FAQ page with {len(first.topics)} topics and {len(first.entries)} questions in "
        f"{', '.join(k.language for k in knowledges)} written to {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The front-desk FAQ page built from the knowledge file, in each of its languages."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Dict, List

import pytest

from assistant.knowledge import Knowledge, load_all
from tests.conftest import KnowledgeCopy
from tools.faq import UI, main, render_faq

PERSIAN_DISCLAIMER = (
    "این اطلاعات کلی است و تشخیص یا توصیهٔ درمانی نیست. لطفاً دربارهٔ علائم خودتان با پزشکتان صحبت کنید، "
    "و اگر به کمک فوری نیاز دارید، با اورژانس {emergency_number} تماس بگیرید."
)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs)["data-id"])

    def handle_data(self, data):
        self.text.append(data)


class _Blocks(HTMLParser):
    """Each language block (``main.faq``): its attributes, section ids, and text, by language."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: Dict[str, dict] = {}
        self.sections: Dict[str, List[str]] = {}
        self.text: Dict[str, List[str]] = {}
        self.ids: List[str] = []
        self.current = None
        self.html_attrs: dict = {}
        self.links: List[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "main" and "faq" in attrs.get("class", ""):
            self.current = attrs["lang"]
            self.attrs[self.current] = attrs
            self.sections[self.current], self.text[self.current] = [], []
        elif tag == "section" and self.current:
            self.sections[self.current].append(attrs["data-id"])
        elif tag == "a" and "hreflang" in attrs:
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.text[self.current].append(data)


def test_every_topic_with_answer_and_disclaimer(knowledge):
    page = render_faq(knowledge)
    parser = _Collector()
    parser.feed(page)
    assert parser.sections == [t.id for t in knowledge.topics] + [
        e.id for subject in knowledge.structure.subjects for e in knowledge.entries if e.subject == subject
    ]
    text = " ".join(parser.text)
    for topic in knowledge.topics:
        assert topic.answer in text
    for entry in knowledge.entries:
        assert html.escape(entry.answer) in page
    assert page.count(html.escape(knowledge.disclaimer)) == len(knowledge.topics) + len(knowledge.entries) + 1
    assert "@media print" in page and 'type="search"' in page
    assert 'src="http' not in page and 'href="http' not in page  # works offline


class _RedFlagItems(HTMLParser):
    """The text of each list item inside the emergency box."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list = []
        self.depth = 0
        self.in_item = False

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "emergency") in attrs:
            self.depth = 1
        elif self.depth and tag == "li":
            self.in_item = True
            self.items.append("")

    def handle_endtag(self, tag):
        if tag == "li":
            self.in_item = False
        elif tag == "div":
            self.depth = 0

    def handle_data(self, data):
        if self.in_item:
            self.items[-1] += data


def test_emergency_box_lists_each_red_flag_as_an_item(knowledge):
    parser = _RedFlagItems()
    parser.feed(render_faq(knowledge))
    assert parser.items == [flag.label for flag in knowledge.red_flags]


def test_entries_are_grouped_by_condition_each_group_with_its_heading(knowledge):
    page = render_faq(knowledge)
    for subject in ("lupus", "multiple_sclerosis", "comparison"):
        start = page.index(f'<div class="group" id="en-group-{subject}" data-subject="{subject}">')
        group = page[start:page.index("</div>", start)]
        ids = [e.id for e in knowledge.entries if e.subject == subject]
        assert ids and all(f'<section id="en-{i}" data-id="{i}"' in group for i in ids)
    assert "g.hidden = !g.querySelector" in page  # the search hides a group with nothing left


def test_medquad_is_credited_under_cc_by_4(knowledge):
    page = render_faq(knowledge)
    assert "MedQuAD" in page and "CC BY 4.0" in page and "creativecommons.org/licenses/by/4.0" in page


def test_each_entry_shows_when_it_was_last_reviewed_and_by_whom(knowledge):
    page = render_faq(knowledge)
    for entry in knowledge.entries:
        start = page.index(f'<section id="en-{entry.id}"')
        section = page[start:page.index("</section>", start)]
        by, date = entry.reviewed
        assert f"Last reviewed: <bdi>{date}</bdi> ({html.escape(by)})" in section, entry.id


# --- Both languages on one page ---------------------------------------------------------------


@pytest.fixture(scope="module")
def bilingual_copy(tmp_path_factory) -> KnowledgeCopy:
    """The project's knowledge with a Persian folder: its Persian files where they exist, English copies
    for the rest, and a Persian disclaimer (so that the two blocks' texts differ)."""
    knowledge_copy = KnowledgeCopy(tmp_path_factory.mktemp("faq") / "knowledge")
    english, persian = knowledge_copy.file("en"), knowledge_copy.file("fa")
    persian.mkdir(exist_ok=True)
    for file in english.iterdir():
        if not (persian / file.name).exists():
            (persian / file.name).write_bytes(file.read_bytes())

    def both_languages(data):
        data["languages"] = ["en", "fa"]

    def persian_disclaimer(data):
        data["disclaimer"] = PERSIAN_DISCLAIMER

    knowledge_copy.edit("knowledge.yml", both_languages)
    knowledge_copy.edit("fa/texts.yml", persian_disclaimer)
    return knowledge_copy


@pytest.fixture(scope="module")
def bilingual(bilingual_copy: KnowledgeCopy) -> Dict[str, Knowledge]:
    """The knowledge of :func:`bilingual_copy` in English and Persian (loading takes seconds: once)."""
    return load_all(bilingual_copy.manifest)


def test_both_languages_each_in_its_block_with_lang_dir_and_its_disclaimer(bilingual):
    english, persian = bilingual["en"], bilingual["fa"]
    assert english.disclaimer != persian.disclaimer and "تماس" in persian.disclaimer
    page = render_faq(english, persian)
    parser = _Blocks()
    parser.feed(page)
    assert parser.html_attrs == {"lang": "en", "dir": "ltr"}  # English until the script picks the language
    assert set(parser.attrs) == {"en", "fa"}
    assert parser.attrs["en"]["dir"] == "ltr" and parser.attrs["fa"]["dir"] == "rtl"
    expected = len(english.topics) + len(english.entries) + 1
    for lang, knowledge in bilingual.items():
        block = " ".join(parser.text[lang])
        assert block.count(knowledge.disclaimer) == expected, lang
        assert UI[lang]["title"] in block and UI[lang]["source"] in block
        assert parser.sections[lang] == [t.id for t in knowledge.topics] + [
            e.id for s in knowledge.structure.subjects for e in knowledge.entries if e.subject == s
        ]
    assert english.disclaimer not in " ".join(parser.text["fa"])
    assert len(parser.ids) == len(set(parser.ids)), "an id used twice"
    # The switch: one link per language, each in its own language and direction.
    assert [(a["hreflang"], a["href"], a["dir"]) for a in parser.links] == [("fa", "?lang=fa", "rtl"), ("en", "?lang=en", "ltr")]
    assert ">فارسی</a>" in page and ">English</a>" in page
    assert page.count("MedQuAD") == 2 and page.count("CC BY 4.0") == 2


def test_persian_in_vazirmatn_from_this_site_and_print_shows_the_chosen_language_only(bilingual):
    page = render_faq(*bilingual.values())
    faces = re.findall(r"@font-face\{([^}]*)\}", page)
    assert len(faces) == 2 and all('font-family:"Vazirmatn"' in face and "font-display:swap" in face for face in faces)
    urls = re.findall(r"url\(([^)]*)\)", page)
    assert urls and all(url.strip("\"'").startswith("vendor/vazirmatn/") for url in urls)
    assert re.search(r'body\{font-family:"Vazirmatn",', page)
    print_css = page[page.index("@media print{"):]
    print_css = print_css[:print_css.index("\n}\n")]
    assert ".faq[hidden]{display:none}" in print_css  # the language not chosen is not printed
    assert ".languages" in print_css and "input" in print_css  # nor the switch and the search box


def test_search_text_folds_arabic_letters_and_zwnj(bilingual):
    page = render_faq(*bilingual.values())
    texts = re.findall(r'data-text="([^"]*)"', page)
    assert texts and not any("\u064a" in t or "\u0643" in t or "\u200c" in t for t in texts)


def test_a_knowledge_without_persian_gives_one_english_block_and_no_switch(knowledge):
    page = render_faq(knowledge)
    parser = _Blocks()
    parser.feed(page)
    assert set(parser.attrs) == {knowledge.language} and parser.links == []


def test_page_is_written_by_the_command_in_every_language_of_the_knowledge(bilingual_copy, bilingual, tmp_path, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_FILE", str(bilingual_copy.manifest))
    out = tmp_path / "faq.html"
    assert main([str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page == render_faq(bilingual["en"], bilingual["fa"])
    assert 'lang="fa" dir="rtl"' in page and 'lang="en" dir="ltr"' in page

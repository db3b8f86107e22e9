"""The front-desk FAQ page built from the knowledge file."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from tools.faq import main, render_faq


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs)["id"])

    def handle_data(self, data):
        self.text.append(data)


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


def test_page_is_written_by_the_command(tmp_path, knowledge):
    out = tmp_path / "faq.html"
    assert main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_faq(knowledge)


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
        start = page.index(f'<div class="group" id="group-{subject}">')
        group = page[start:page.index("</div>", start)]
        ids = [e.id for e in knowledge.entries if e.subject == subject]
        assert ids and all(f'<section id="{i}"' in group for i in ids)
    assert "g.hidden = !g.querySelector" in page  # the search hides a group with nothing left

"""Build the front-desk FAQ page from the knowledge file.

``python -m tools.faq [OUT]`` writes ``web/faq.html``: the emergency box, every
topic, then every question-level entry grouped by condition, each with its
answer, the disclaimer and its source; a search box that filters them, and a
print layout. Static, no network, nothing to serve: staff can open the file
or print it. The knowledge file is found as everywhere else (``KNOWLEDGE_FILE``).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from assistant.knowledge import Knowledge, KnowledgeError, load_knowledge
from assistant.paths import WEB_ROOT

DEFAULT_OUT = WEB_ROOT / "faq.html"

STYLE = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
h1{font-size:1.6rem}input{width:100%;padding:.6rem;font-size:1rem;margin:1rem 0;box-sizing:border-box}
section{border-top:1px solid #d9e2ec;padding:.8rem 0}h2{font-size:1.15rem;margin:.2rem 0}h3{font-size:1.05rem;margin:.2rem 0}
.group>h2{font-size:1.3rem;margin-top:1.6rem;color:#334e68}
.disclaimer{background:#fff8e1;border-left:4px solid #f0b429;padding:.6rem .8rem;font-size:.95rem}
.source{color:#627d98;font-size:.85rem}.emergency{background:#ffe3e3;border-left:4px solid #e12d39;padding:.6rem .8rem}
@media print{input,.noprint{display:none}section{break-inside:avoid}}
"""

SCRIPT = """
document.getElementById('q').addEventListener('input', function (e) {
  var words = e.target.value.toLowerCase().split(/\\s+/).filter(Boolean);
  document.querySelectorAll('section[data-text]').forEach(function (s) {
    var text = s.getAttribute('data-text');
    s.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
  });
  document.querySelectorAll('div.group').forEach(function (g) {
    g.hidden = !g.querySelector('section:not([hidden])');
  });
});
"""


def _emergency_box(knowledge: Knowledge) -> str:
    """The red-flag groups by level, each level with what to do and the number."""
    e = html.escape
    parts = ['<div class="emergency">']
    for level, heading in (("emergency", "Emergency now"), ("urgent", "See a doctor today")):
        flags = [flag for flag in knowledge.red_flags if flag.level == level]
        items = "".join(f"<li>{e(flag.label)}</li>" for flag in flags)
        parts.append(f'<h2>{heading}</h2><p>{e(knowledge.levels[level])}</p><ul class="red-flags level-{level}">{items}</ul>')
    parts.append("</div>")
    return "".join(parts)


def render_faq(knowledge: Knowledge) -> str:
    """The whole page as HTML text (every text escaped)."""
    e = html.escape
    disclaimer = f'<p class="disclaimer">{e(knowledge.disclaimer)}</p>'
    emergency = _emergency_box(knowledge)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
        "<title>Pain in autoimmune diseases: answers for patients</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Pain in autoimmune diseases: answers for patients</h1>",
        emergency,
        disclaimer,
        '<input id="q" type="search" placeholder="Search the answers (for example: lupus, stress, MRI)" '
        'aria-label="Search the answers">',
    ]
    for topic in knowledge.topics:
        searchable = " ".join([topic.title, topic.answer, *topic.bullets]).lower()
        if topic.entity:
            searchable += " " + " ".join(
                s for v in knowledge.entities if (v.entity, v.value) == topic.entity for s in v.synonyms
            )
        bullets = "".join(f"<li>{e(b)}</li>" for b in topic.bullets)
        warning = f'<p class="warning">{e(topic.warning)}</p>' if topic.warning else ""
        sources = "; ".join(e(knowledge.sources[s]) for s in topic.source)
        parts.append(
            f'<section id="{e(topic.id)}" data-text="{e(searchable)}"><h2>{e(topic.title)}</h2>'
            f"<p>{e(topic.answer)}</p>{f'<ul>{bullets}</ul>' if bullets else ''}"
            f"{warning}"
            f"{disclaimer}<p class=\"source\">Source: {sources}</p></section>"
        )
    parts += _entry_groups(knowledge, disclaimer)
    parts += [f"<script>{SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts)


def subject_heading(knowledge: Knowledge, subject: str) -> str:
    """The heading of a condition's group: the entity label, or a plain name."""
    for value in knowledge.entities:
        if value.value == subject:
            return value.label
    return {"autoimmune": "Autoimmune disease in general", "comparison": "Comparisons"}.get(subject, subject)


def _entry_groups(knowledge: Knowledge, disclaimer: str) -> List[str]:
    """The entries by condition, in the order of the subjects; each searchable by its question, examples and answer."""
    e = html.escape
    parts = ['<h2 class="noprint">Questions by condition</h2>'] if knowledge.entries else []
    for subject in knowledge.structure.subjects:
        entries = [entry for entry in knowledge.entries if entry.subject == subject]
        if not entries:
            continue
        parts.append(f'<div class="group" id="group-{e(subject)}"><h2>{e(subject_heading(knowledge, subject))}</h2>')
        for entry in entries:
            searchable = " ".join([subject_heading(knowledge, subject), entry.title, *entry.examples, entry.answer]).lower()
            sources = "; ".join(e(knowledge.sources[s]) for s in entry.source)
            parts.append(
                f'<section id="{e(entry.id)}" data-text="{e(searchable)}"><h3>{e(entry.title)}</h3>'
                f"<p>{e(entry.answer)}</p>{disclaimer}<p class=\"source\">Source: {sources}</p></section>"
            )
        parts.append("</div>")
    return parts


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Write the FAQ page."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else DEFAULT_OUT
    try:
        knowledge = load_knowledge()
    except KnowledgeError as error:
        print(f"cannot build the FAQ page: {error}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_faq(knowledge), encoding="utf-8")
    print(f"FAQ page with {len(knowledge.topics)} topics and {len(knowledge.entries)} questions written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The demo page's files (web/): language switch, widget texts, bidi rules, local fonts, install fallback.

The page's scripts run under Node with a small stand-in for the browser (no DOM library):
what they set on the page and hand to the widget is checked, not their source text.
The browser itself is in tests/e2e/test_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from functools import partial
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from assistant.paths import ROOT, WEB_ROOT
from tools.web import PageHandler

STYLE = (WEB_ROOT / "style.css").read_text(encoding="utf-8")
FONTS = WEB_ROOT / "vendor" / "vazirmatn"
NODE = shutil.which("node")


def _rules(css: str) -> List[Tuple[str, str]]:
    """Each rule's selector text and its declarations, in order (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(m.group(1).strip(), m.group(2)) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", css)]


def _declarations_for(selector: str) -> List[str]:
    return [body for selectors, body in _rules(STYLE) if selector in [s.strip() for s in selectors.split(",")]]


# --- style.css ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("selector", [
    ".rw-conversation-container .rw-message-text",
    ".rw-conversation-container .rw-new-message",
    ".rw-conversation-container .rw-reply",
])
def test_each_widget_text_takes_its_own_direction(selector):
    bodies = _declarations_for(selector)
    assert any(re.search(r"unicode-bidi:\s*plaintext", body) for body in bodies), selector
    if "reply" not in selector:  # quick replies stay centred
        assert any(re.search(r"text-align:\s*start", body) for body in bodies), selector


def test_fonts_come_from_this_site_only_with_swap_and_persian_first():
    faces = [body for selectors, body in _rules(STYLE) if selectors == "@font-face"]
    assert len(faces) == 2
    for face in faces:
        assert re.search(r'font-family:\s*"Vazirmatn"', face)
        assert re.search(r"font-display:\s*swap", face)
        assert re.search(r"unicode-range:\s*U\+0600-06FF", face)  # Persian letters only: English keeps the system font
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", STYLE)
    assert sorted(urls) == ["vendor/vazirmatn/Vazirmatn-Bold.woff2", "vendor/vazirmatn/Vazirmatn-Regular.woff2"]
    assert "http" not in STYLE and "//" not in re.sub(r"/\*.*?\*/", "", STYLE, flags=re.S)
    assert "@import" not in STYLE
    body = _declarations_for("body")[0]
    stack = re.search(r"font-family:\s*([^;]+)", body).group(1)
    assert stack.startswith('"Vazirmatn", system-ui')  # and the system fonts when the font is missing


def test_installed_font_files_are_woff2_with_their_licence():
    if not FONTS.exists():
        pytest.skip("web/vendor/vazirmatn/ is not installed (scripts/install-web.sh: npm unavailable?)")
    files = sorted(p.name for p in FONTS.iterdir() if not p.name.startswith("."))
    assert files == ["OFL.txt", "Vazirmatn-Bold.woff2", "Vazirmatn-Regular.woff2"]
    for name in files[1:]:
        assert (FONTS / name).read_bytes()[:4] == b"wOF2"
    assert "SIL OPEN FONT LICENSE" in (FONTS / "OFL.txt").read_text(encoding="utf-8").upper()


# --- index.html ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html: Dict[str, Optional[str]] = {}
        self.mains: List[Dict[str, Optional[str]]] = []
        self.links: List[Dict[str, Optional[str]]] = []
        self.link_text: List[str] = []
        self.resources: List[str] = []
        self.head_scripts: List[str] = []
        self.in_head = self.in_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        elif tag == "head":
            self.in_head = True
        elif tag == "main":
            self.mains.append(attrs)
        elif tag == "a" and attrs.get("hreflang"):
            self.links.append(attrs)
            self.in_link = True
            self.link_text.append("")
        if tag in ("script", "link", "img") and (attrs.get("src") or attrs.get("href")):
            self.resources.append(attrs.get("src") or attrs.get("href"))
            if tag == "script" and self.in_head:
                self.head_scripts.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "a":
            self.in_link = False

    def handle_data(self, data):
        if self.in_link:
            self.link_text[-1] += data.strip()


def test_index_has_a_block_per_language_a_switch_and_local_resources_only():
    page = _Page()
    page.feed((WEB_ROOT / "index.html").read_text(encoding="utf-8"))
    assert page.html == {"lang": "en", "dir": "ltr"}  # without scripts: English
    assert [(m["lang"], m["dir"]) for m in page.mains] == [("en", "ltr"), ("fa", "rtl")]
    assert [(a["href"], a["hreflang"], a["dir"]) for a in page.links] == [("?lang=fa", "fa", "rtl"), ("?lang=en", "en", "ltr")]
    assert page.link_text == ["فارسی", "English"]
    assert page.head_scripts == ["lang.js"]  # the language is set before the page is drawn
    assert page.resources and not any("//" in r or r.startswith("http") for r in page.resources)
    text = (WEB_ROOT / "index.html").read_text(encoding="utf-8")
    assert "درد در بیماری‌های خودایمنی" in text and 'class="emergency-number"' in text


# --- lang.js and chat.js, run under Node ---------------------------------------------------------------

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const [langJs, chatJs, input] = process.argv.slice(2);
const setup = JSON.parse(input);
const store = new Map(Object.entries(setup.storage || {}));
const localStorage = {
  getItem: k => store.has(k) ? store.get(k) : null,
  setItem: (k, v) => store.set(k, String(v)),
  removeItem: k => store.delete(k),
};
const numbers = (setup.numberLangs || []).map(lang => ({
  textContent: "", closest: () => ({ getAttribute: () => lang }),
}));
const root = { lang: "en", dir: "ltr", getAttribute(name) { return this[name]; } };
const body = { nodeType: 1, matches: () => false, querySelectorAll: () => [] };
let config = null;
const document = {
  documentElement: root, title: "", body,
  querySelectorAll: sel => sel === ".emergency-number" ? numbers : [],
  addEventListener: () => {},
};
const window = {
  location: { search: setup.search || "", protocol: "http:", hostname: "localhost" },
  localStorage, ASSISTANT: setup.assistant,
  WebChat: { default: (c) => { config = c; } },
};
const sandbox = { window, document, navigator: { language: setup.navigator || "en-US" }, localStorage,
                  URLSearchParams, MutationObserver: class { observe() {} }, String, JSON, console };
window.document = document;
vm.createContext(sandbox);
if (setup.page !== false) vm.runInContext(fs.readFileSync(langJs, "utf8"), sandbox);
vm.runInContext(fs.readFileSync(chatJs, "utf8"), sandbox);
console.log(JSON.stringify({ lang: root.lang, dir: root.dir, title: document.title, config,
                             storage: Object.fromEntries(store), numbers: numbers.map(n => n.textContent) }));
"""


@pytest.fixture(scope="module")
def harness(tmp_path_factory) -> Path:
    if NODE is None:
        pytest.skip("node is not installed (scripts/install-system.sh installs it with npm)")
    path = tmp_path_factory.mktemp("node") / "harness.js"
    path.write_text(HARNESS, encoding="utf-8")
    return path


def run_page(harness: Path, **setup: Any) -> Dict[str, Any]:
    """Run lang.js then chat.js as the demo page does; what they set and hand to the widget."""
    done = subprocess.run(
        [NODE, str(harness), str(WEB_ROOT / "lang.js"), str(WEB_ROOT / "chat.js"), json.dumps(setup)],
        capture_output=True, text=True, timeout=30, check=True,
    )
    return json.loads(done.stdout)


def test_persian_page_from_the_link(harness):
    page = run_page(harness, search="?lang=fa", assistant={"socketUrl": "http://localhost:5005", "emergencyNumber": "115"},
                    numberLangs=["en", "fa"])
    assert (page["lang"], page["dir"]) == ("fa", "rtl")
    assert page["title"] == "درد در بیماری‌های خودایمنی؛ از دستیار ما بپرسید"
    config = page["config"]
    assert config["title"] == "پرسش‌های درد"
    assert config["subtitle"] == "اطلاعات عمومی، نه تشخیص پزشکی"
    assert config["inputTextFieldHint"] == "دربارهٔ دردتان بپرسید…"
    assert config["connectingText"] == "در حال اتصال به دستیار…"
    assert config["initPayload"] == '/greet{"language":"fa"}'
    assert json.loads(config["initPayload"][len("/greet"):]) == {"language": "fa"}
    assert config["customData"] == {"language": "fa"} and config["params"] == {"storage": "local"}
    assert config["socketUrl"] == "http://localhost:5005"
    assert page["numbers"] == ["115", "۱۱۵"]  # Persian digits in the Persian text
    assert page["storage"]["assistant_page_language"] == "fa"  # the choice is remembered


def test_english_page_from_the_link(harness):
    page = run_page(harness, search="?lang=en", navigator="fa-IR")
    assert (page["lang"], page["dir"], page["config"]["initPayload"]) == ("en", "ltr", "/greet")
    assert page["config"]["title"] == "Pain questions"
    assert page["config"]["inputTextFieldHint"] == "Ask about your pain…"


@pytest.mark.parametrize("navigator, stored, expected", [
    ("fa-IR", None, "fa"), ("fa", None, "fa"), ("en-US", None, "en"), ("de-DE", None, "en"),
    ("en-US", "fa", "fa"), ("fa-IR", "en", "en"),  # a choice made before wins over the browser
])
def test_default_language_without_a_link(harness, navigator, stored, expected):
    storage = {"assistant_page_language": stored} if stored else {}
    page = run_page(harness, navigator=navigator, storage=storage)
    assert page["lang"] == expected
    assert page["config"]["initPayload"] == ("/greet" if expected == "en" else '/greet{"language":"fa"}')


def test_a_site_of_its_own_sets_the_widget_language_by_its_html_lang_or_config(harness):
    assert run_page(harness, page=False)["config"]["initPayload"] == "/greet"  # no lang.js: <html lang="en">
    assert run_page(harness, page=False, assistant={"language": "fa"})["config"]["title"] == "پرسش‌های درد"


def test_each_language_keeps_its_own_conversation(harness):
    english = '{"conversation":["hello"],"session_id":"s-en"}'
    # A visitor with an English conversation (stored before languages existed) opens the Persian page:
    # the widget starts empty (and greets in Persian); the English conversation is kept aside.
    page = run_page(harness, search="?lang=fa", storage={"chat_session": english})
    assert "chat_session" not in page["storage"]
    assert page["storage"]["chat_session.en"] == english
    assert page["storage"]["assistant_chat_language"] == "fa"
    # The Persian conversation goes on, then the visitor goes back to English: the English one is back.
    persian = '{"conversation":["سلام"],"session_id":"s-fa"}'
    storage = dict(page["storage"], chat_session=persian)
    page = run_page(harness, search="?lang=en", storage=storage)
    assert page["storage"]["chat_session"] == english
    assert page["storage"]["chat_session.fa"] == persian
    assert "chat_session.en" not in page["storage"]
    # The same language again: nothing moves.
    again = run_page(harness, search="?lang=en", storage=page["storage"])
    assert again["storage"] == page["storage"]


# --- the page server -------------------------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PageHandler, directory=str(WEB_ROOT)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_server_serves_the_font_as_a_font_under_a_policy_allowing_only_this_site(served):
    with urllib.request.urlopen(f"{served}/lang.js", timeout=10) as answer:
        assert answer.status == 200
        assert "font-src 'self' data:" in answer.headers["Content-Security-Policy"]
    if not FONTS.exists():
        pytest.skip("web/vendor/vazirmatn/ is not installed")
    with urllib.request.urlopen(f"{served}/vendor/vazirmatn/Vazirmatn-Regular.woff2", timeout=10) as answer:
        assert answer.headers["Content-Type"] == "font/woff2"
        assert answer.read(4) == b"wOF2"


# --- scripts/install-web.sh when npm fails ---------------------------------------------------------------


def _install_copy(tmp_path: Path, npm: str) -> subprocess.CompletedProcess:
    """Run a copy of install-web.sh with the widget already installed and a stand-in npm."""
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "install-web.sh", tmp_path / "scripts" / "install-web.sh")
    widget = tmp_path / "web" / "vendor" / "rasa-webchat"
    widget.mkdir(parents=True)
    (widget / ".installed-1.0.1").touch()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text("#!/bin/sh\n" + npm, encoding="utf-8")
    (bin_dir / "npm").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}")
    return subprocess.run(["bash", str(tmp_path / "scripts" / "install-web.sh")], capture_output=True, text=True,
                          timeout=60, env=env, stdin=subprocess.DEVNULL)


def test_without_npm_the_font_is_skipped_and_the_pages_use_system_fonts(tmp_path):
    done = _install_copy(tmp_path, 'echo "npm ERR! network: registry unreachable" >&2; exit 1\n')
    assert done.returncode == 0, done.stderr  # the widget is there: the page works
    assert "no Persian web font" in done.stderr and "system fonts" in done.stderr
    assert "registry unreachable" in done.stderr
    assert not (tmp_path / "web" / "vendor" / "vazirmatn").exists()
    assert not (tmp_path / "build" / "vendor" / "axe-core").exists()


def test_a_package_that_does_not_match_its_pinned_sha512_is_not_installed(tmp_path):
    # `npm pack NAME@VERSION` writes NAME-VERSION.tgz: here a valid tarball with other content.
    fake = (
        'spec="$3"; name="${spec%@*}"; version="${spec##*@}"\n'
        'mkdir -p package/fonts/webfonts && echo x > package/OFL.txt\n'
        'for f in Regular Bold; do echo x > "package/fonts/webfonts/Vazirmatn-$f.woff2"; done\n'
        'tar czf "$name-$version.tgz" package\n'
    )
    done = _install_copy(tmp_path, fake)
    assert done.returncode == 0, done.stderr
    assert "vazirmatn@33.0.3 does not match its pinned sha512" in done.stderr
    assert not (tmp_path / "web" / "vendor" / "vazirmatn").exists()

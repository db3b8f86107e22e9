"""The chat widget in a real browser: headless Chromium (Debian's package) driven by Playwright.

Opens the demo page as a visitor does after `make run`: served by the same
``scripts/run.sh`` (:class:`evaluation.servers.Assistant`), at ``localhost`` and at
``127.0.0.1``. Opens the widget, asks a question, clicks a follow-up button,
reloads and checks the history; any console error fails the test. The Persian page
(``?lang=fa``): right to left, the widget's texts in Persian, each message in its own
direction, one stored conversation per language; the bilingual FAQ's switch and print
layout; axe-core (fetched by scripts/install-web.sh, injected from that local file) finds no
serious or critical accessibility violation on either page in either language. Saves screenshots
under tests/screenshots/ (git-ignored). No browser download: Playwright uses
/usr/bin/chromium, which scripts/install-system.sh installs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator, List
from urllib.parse import urlsplit

import pytest

from assistant.knowledge import Knowledge, get_knowledge
from assistant.paths import ROOT
from evaluation.servers import Assistant, children
from tests.e2e.expect import typed
from tools.web import WIDGET

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "tests" / "screenshots"
# Chromium's own background connections are refused on a closed network: switch them off.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-default-apps", "--metrics-recording-only", "--no-default-browser-check",
]
TIMEOUT_MS = 30_000
BOT_MESSAGES = ".rw-response .rw-message-text"  # not the typing indicator, which is also a .rw-response
USER_MESSAGES = ".rw-client .rw-message-text"
AXE = ROOT / "build" / "vendor" / "axe-core" / "axe.min.js"  # scripts/install-web.sh; never from a CDN
FONTS = ROOT / "web" / "vendor" / "vazirmatn"
PERSIAN_TITLE = "پرسش‌های درد"
PERSIAN_QUESTION = "چرا لوپوس این‌قدر درد دارد؟"

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by make install")


@pytest.fixture(scope="module", params=["localhost", "127.0.0.1"])
def page_url(request: pytest.FixtureRequest, servers: Assistant, web_port: int) -> str:
    """The demo page that ``scripts/run.sh`` serves, under both names a visitor may type."""
    if not WIDGET.exists():
        pytest.fail(f"the chat widget is missing ({WIDGET}): scripts/install-web.sh installs it (make test does)")
    assert servers.web_port == web_port
    return f"http://{request.param}:{web_port}/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[playwright_api.Browser]:
    if not Path(CHROMIUM).exists():
        if os.geteuid() == 0:
            pytest.fail(f"Debian's chromium is not installed ({CHROMIUM}): run scripts/install-system.sh (make test does)")
        pytest.skip(f"Debian's chromium is not installed ({CHROMIUM}); scripts/install-system.sh installs it as root")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS)
        try:
            yield launched
        finally:
            launched.close()


def _bot_texts(page: playwright_api.Page) -> List[str]:
    return [text.strip() for text in page.locator(BOT_MESSAGES).all_inner_texts()]


def _wait_for_bot_messages(page: playwright_api.Page, count: int) -> List[str]:
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[BOT_MESSAGES, count], timeout=TIMEOUT_MS
    )
    return _bot_texts(page)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_widget_greets_answers_follows_a_button_and_keeps_history_after_reload(
    browser: playwright_api.Browser, page_url: str, knowledge: Knowledge
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 820})
    page = context.new_page()
    outside: List[str] = []
    problems: List[str] = []
    page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", "localhost")
            and not request.url.startswith("data:") and outside.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    disclaimer = _flat(knowledge.disclaimer)
    try:
        page.goto(page_url, timeout=TIMEOUT_MS)
        page.click(".rw-launcher", timeout=TIMEOUT_MS)
        assert page.inner_text("#emergency-number") == knowledge.emergency.emergency_number  # the page names it too

        # On open: the greeting, with the disclaimer, and the topic menu as quick replies.
        greeting = _wait_for_bot_messages(page, 1)
        assert _flat(knowledge.messages["greeting"]) in _flat(greeting[0])
        assert disclaimer in _flat(greeting[0])
        assert page.locator(".rw-replies .rw-reply").count() >= 3

        # A question typed by hand.
        page.fill(".rw-new-message", "why does lupus hurt so much?")
        page.keyboard.press("Enter")
        lupus = typed(knowledge, "why does lupus hurt so much?", "lupus")
        answers = _wait_for_bot_messages(page, len(greeting) + 1)
        assert _flat(lupus.answer)[:80] in _flat(answers[-1])
        assert disclaimer in _flat(answers[-1])
        # The disclaimer starts a line of its own (Markdown would otherwise run it into the answer).
        assert "\n" + knowledge.disclaimer[:40] in answers[-1]

        # A follow-up button: the first related question of the lupus answer.
        follow_up = lupus.related[0]
        page.locator(".rw-replies .rw-reply", has_text=follow_up.title).last.click(timeout=TIMEOUT_MS)
        answers = _wait_for_bot_messages(page, len(answers) + 1)
        assert _flat(follow_up.answer)[:80] in _flat(answers[-1])
        assert disclaimer in _flat(answers[-1])
        page.screenshot(path=str(SCREENSHOTS / "widget.png"))
        session_before = page.evaluate("() => JSON.stringify(localStorage)")

        # Reload: the history is still there and the conversation goes on in the same session.
        page.reload(timeout=TIMEOUT_MS)
        page.wait_for_selector(".rw-launcher", timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)  # the widget restores its open or closed state from storage
        if page.locator(".rw-conversation-container").count() == 0:
            page.click(".rw-launcher", timeout=TIMEOUT_MS)
        history = _wait_for_bot_messages(page, len(answers))
        assert [_flat(text) for text in history[: len(answers)]] == [_flat(text) for text in answers]
        assert any("lupus" in _flat(text).lower() for text in page.locator(".rw-client").all_inner_texts())
        page.fill(".rw-new-message", "does stress make it worse?")
        page.keyboard.press("Enter")
        after = _wait_for_bot_messages(page, len(history) + 1)
        assert _flat(typed(knowledge, "does stress make it worse?", after="lupus").answer)[:80] in _flat(after[-1])
        page.screenshot(path=str(SCREENSHOTS / "widget-after-reload.png"))
        session_id = re.search(r'\\"session_id\\":\\"([0-9a-f]{32}\.[0-9a-f]{32})\\"', session_before)
        assert session_id, f"no server-issued session id in localStorage: {session_before[:300]}"
        assert session_id.group(1) in page.evaluate("() => JSON.stringify(localStorage)")

        assert outside == [], f"the page contacted other hosts: {outside}"
        assert problems == [], f"errors in the page: {problems}"
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "widget-failure.png"))
        raise
    finally:
        context.close()


def _direction(page: playwright_api.Page, selector: str) -> str:
    """The computed direction of the last element matching ``selector``."""
    return page.locator(selector).last.evaluate("el => getComputedStyle(el).direction")


def _wait_for_bot_message_with(page: playwright_api.Page, text: str) -> playwright_api.Locator:
    """The bot message that contains ``text`` (spaces flattened), once it is shown."""
    page.wait_for_function(
        """([sel, text]) => [...document.querySelectorAll(sel)].some(
               el => el.innerText.replace(/\\s+/g, ' ').includes(text))""",
        arg=[BOT_MESSAGES, text], timeout=TIMEOUT_MS,
    )
    return page.locator(BOT_MESSAGES).filter(has_text=text).last


def _open_widget(page: playwright_api.Page) -> None:
    """Open the widget unless it restored itself open (it keeps its state in storage)."""
    page.wait_for_selector(".rw-launcher", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1000)
    if page.locator(".rw-conversation-container").count() == 0:
        page.click(".rw-launcher", timeout=TIMEOUT_MS)


def _watch(page: playwright_api.Page) -> tuple:
    """Requests to other hosts and errors in the page, as they happen."""
    outside: List[str] = []
    problems: List[str] = []
    page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", "localhost")
            and not request.url.startswith("data:") and outside.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return outside, problems


def test_persian_page_is_right_to_left_and_each_message_takes_its_own_direction(
    browser: playwright_api.Browser, page_url: str, knowledge: Knowledge
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 820}, locale="en-US")
    page = context.new_page()
    outside, problems = _watch(page)
    fonts: List[str] = []
    page.on("request", lambda request: request.url.endswith(".woff2") and fonts.append(request.url))
    try:
        page.goto(page_url + "?lang=fa", timeout=TIMEOUT_MS)
        assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
        assert page.locator("main[lang=fa]").is_visible() and not page.locator("main[lang=en]").is_visible()
        assert page.inner_text("#emergency-number-fa") == knowledge.emergency.emergency_number.translate(
            str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        page.click(".rw-launcher", timeout=TIMEOUT_MS)
        assert page.inner_text(".rw-title").strip() == PERSIAN_TITLE
        assert page.get_attribute(".rw-new-message", "placeholder") == "دربارهٔ دردتان بپرسید…"

        greeting = _wait_for_bot_messages(page, 1)
        if "fa" in knowledge.languages:  # greeted in Persian (the /greet payload's language)
            assert _flat(get_knowledge("fa").messages["greeting"])[:40] in _flat(greeting[0])
            assert _direction(page, BOT_MESSAGES) == "rtl"

        # Persian text in Vazirmatn, from this site (when scripts/install-web.sh could fetch it).
        if FONTS.exists():
            page.evaluate("() => document.fonts.ready")
            assert page.evaluate("""() => [...document.fonts].some(
                f => f.family.replace(/"/g, '') === 'Vazirmatn' && f.status === 'loaded')""")
            assert fonts and all(urlsplit(url).path.startswith("/vendor/vazirmatn/") for url in fonts)

        # A Persian question and its reply: right to left; then an English one: left to right.
        page.fill(".rw-new-message", PERSIAN_QUESTION)
        assert _direction(page, ".rw-new-message") == "rtl"  # the input follows what is typed
        page.keyboard.press("Enter")
        answers = _wait_for_bot_messages(page, len(greeting) + 1)
        page.wait_for_timeout(1000)  # a reply may come in more than one message
        answers = _bot_texts(page)
        assert _direction(page, USER_MESSAGES) == "rtl"
        assert _direction(page, BOT_MESSAGES) == "rtl", f"the reply to a Persian question: {answers[-1][:300]}"

        page.fill(".rw-new-message", "why does lupus hurt so much?")
        page.keyboard.press("Enter")
        expected = _flat(typed(knowledge, "why does lupus hurt so much?", "lupus").answer)[:80]
        reply = _wait_for_bot_message_with(page, expected)
        assert _direction(page, USER_MESSAGES) == "ltr"
        assert reply.evaluate("el => getComputedStyle(el).direction") == "ltr"
        page.screenshot(path=str(SCREENSHOTS / "widget-persian.png"))

        assert outside == [], f"the page contacted other hosts: {outside}"
        assert problems == [], f"errors in the page: {problems}"
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "widget-persian-failure.png"))
        raise
    finally:
        context.close()


def test_switching_language_keeps_one_conversation_per_language(
    browser: playwright_api.Browser, page_url: str, knowledge: Knowledge
) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    outside, problems = _watch(page)
    try:
        page.goto(page_url, timeout=TIMEOUT_MS)  # the browser's language: English
        assert page.evaluate("() => document.documentElement.dir") == "ltr"
        page.click(".rw-launcher", timeout=TIMEOUT_MS)
        _wait_for_bot_messages(page, 1)
        page.fill(".rw-new-message", "what is lupus?")
        page.keyboard.press("Enter")
        english = _wait_for_bot_messages(page, 2)

        page.click("nav.languages a[hreflang=fa]", timeout=TIMEOUT_MS)
        page.wait_for_url("**/?lang=fa", timeout=TIMEOUT_MS)
        _open_widget(page)
        assert page.inner_text(".rw-title").strip() == PERSIAN_TITLE
        persian = _wait_for_bot_messages(page, 1)
        page.wait_for_timeout(1500)
        assert len(_bot_texts(page)) == 1 and page.locator(USER_MESSAGES).count() == 0  # a new conversation
        if "fa" in knowledge.languages:
            assert _flat(get_knowledge("fa").messages["greeting"])[:40] in _flat(persian[0])

        page.click("nav.languages a[hreflang=en]", timeout=TIMEOUT_MS)
        page.wait_for_url("**/?lang=en", timeout=TIMEOUT_MS)
        _open_widget(page)
        back = _wait_for_bot_messages(page, len(english))
        assert [_flat(text) for text in back[: len(english)]] == [_flat(text) for text in english]
        assert page.inner_text(".rw-title").strip() == "Pain questions"
        assert outside == [] and problems == [], (outside, problems)
    finally:
        context.close()


def test_faq_shows_one_language_at_a_time_and_prints_only_it(
    browser: playwright_api.Browser, servers: Assistant, web_port: int, knowledge: Knowledge
) -> None:
    if "fa" not in knowledge.languages:
        pytest.skip("the knowledge has no Persian yet: the FAQ is English only")
    context = browser.new_context(locale="fa-IR")
    page = context.new_page()
    outside, problems = _watch(page)
    try:
        page.goto(f"http://localhost:{web_port}/faq.html", timeout=TIMEOUT_MS)  # the browser's language: Persian
        assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
        persian, english = page.locator("main.faq[lang=fa]"), page.locator("main.faq[lang=en]")
        assert persian.is_visible() and not english.is_visible()
        assert persian.get_attribute("dir") == "rtl"
        assert _flat(get_knowledge("fa").disclaimer) in _flat(persian.locator(".disclaimer").first.inner_text())
        page.fill("#q-fa", "لوپوس")
        assert persian.locator("section:not([hidden])").count() < persian.locator("section").count()
        page.emulate_media(media="print")
        assert english.evaluate("el => getComputedStyle(el).display") == "none"
        assert page.locator("nav.languages").evaluate("el => getComputedStyle(el).display") == "none"
        page.emulate_media(media="screen")

        page.click("nav.languages a[hreflang=en]")
        assert english.is_visible() and not persian.is_visible()
        assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
        assert _flat(knowledge.disclaimer) in _flat(english.locator(".disclaimer").first.inner_text())
        page.emulate_media(media="print")
        assert persian.evaluate("el => getComputedStyle(el).display") == "none"
        page.reload()  # the choice is remembered
        assert page.evaluate("() => document.documentElement.lang") == "en"
        assert outside == [] and problems == [], (outside, problems)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["?lang=en", "?lang=fa", "faq.html?lang=en", "faq.html?lang=fa"])
def test_no_serious_accessibility_violations(
    browser: playwright_api.Browser, servers: Assistant, web_port: int, path: str
) -> None:
    """axe-core's WCAG 2.1 A/AA rules on each page in each language, the widget open with its greeting."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): scripts/install-web.sh fetches it (make test does)")
    context = browser.new_context(bypass_csp=True)  # the page's policy allows no injected script
    page = context.new_page()
    try:
        page.goto(f"http://localhost:{web_port}/{path}", timeout=TIMEOUT_MS)
        if not path.startswith("faq"):
            page.click(".rw-launcher", timeout=TIMEOUT_MS)
            _wait_for_bot_messages(page, 1)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                                                where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"accessibility violations on {path}: {serious}"
    finally:
        context.close()


def _readme_curl_example() -> str:
    """The REST example of the README's quick start, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    example = next(block for block in blocks if "/webhooks/rest/webhook" in block and block.lstrip().startswith("curl"))
    return example.strip()


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_the_readme_quick_start_as_a_newcomer_follows_it(browser: playwright_api.Browser, knowledge: Knowledge) -> None:
    """`make run`, wait for Ready, the README's curl, the demo page in Chromium, Ctrl-C: all three servers gone."""
    ports = (5005, 5055, 8080)  # the README's addresses
    busy = [port for port in ports if _port_open(port)]
    if busy:
        pytest.fail(f"ports {busy} are taken (is `make run` running?): the README check needs the default ports")
    log = ROOT / "tests" / "screenshots" / "make-run.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    # a newcomer's terminal has no parent make (under `make test`, make would print "make[1]: Leaving directory")
    terminal = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")}
    make = subprocess.Popen(["make", "run"], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True, env=terminal)
    try:
        deadline = time.monotonic() + 600
        while "Ready." not in log.read_text(errors="replace"):
            assert make.poll() is None, f"make run exited with {make.returncode}:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        pids = [make.pid, *descendants(make.pid)]

        curl = subprocess.run(["bash", "-c", _readme_curl_example()], capture_output=True, text=True, timeout=60)
        assert curl.returncode == 0, curl.stderr
        reply = json.loads(curl.stdout)
        assert _flat(typed(knowledge, "why does lupus hurt so much?", "lupus").answer)[:80] in _flat(reply[0]["text"])
        assert knowledge.disclaimer in reply[0]["text"]

        context = browser.new_context()
        page = context.new_page()
        problems: List[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        try:
            page.goto("http://localhost:8080/", timeout=TIMEOUT_MS)
            page.click(".rw-launcher", timeout=TIMEOUT_MS)
            greeting = _wait_for_bot_messages(page, 1)
            page.fill(".rw-new-message", "does stress make the pain worse?")
            page.keyboard.press("Enter")
            answers = _wait_for_bot_messages(page, len(greeting) + 1)
            assert _flat(typed(knowledge, "does stress make the pain worse?").answer)[:80] in _flat(answers[-1])
            assert problems == [], f"errors in the page: {problems}"
        finally:
            page.screenshot(path=str(SCREENSHOTS / "readme-quick-start.png"))
            context.close()

        # Ctrl-C in the terminal: SIGINT to the foreground process group.
        before = len(log.read_text(errors="replace"))
        os.killpg(make.pid, signal.SIGINT)
        stopped_at = time.monotonic()
        make.wait(timeout=60)
        assert time.monotonic() - stopped_at < 15
        # GNU make always ends by the signal after its recipe (status 130 in a shell); the script's own is 0
        assert make.returncode in (0, -signal.SIGINT), make.returncode
        after = log.read_text(errors="replace")[before:]
        assert after.strip() == "Stopping the assistant.", after
        assert not re.search(r"error|warning|Restarting", after, re.IGNORECASE), after
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert [pid for pid in pids if _alive(pid)] == [], "processes left after Ctrl-C"
        assert [port for port in ports if _port_open(port)] == [], "servers still listening after Ctrl-C"
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait(timeout=10)


def descendants(pid: int) -> List[int]:
    """Every live process below ``pid``."""
    found: List[int] = []
    queue = [pid]
    while queue:
        for child in children(queue.pop()):
            found.append(child)
            queue.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"

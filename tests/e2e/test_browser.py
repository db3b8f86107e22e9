"""The chat widget in a real browser: headless Chromium (Debian's package) driven by Playwright.

Opens the demo page as a visitor does after `make run`: served by the same
``scripts/run.sh`` (:class:`evaluation.servers.Assistant`), at ``localhost`` and at
``127.0.0.1``. Opens the widget, asks a question, clicks a follow-up button,
reloads and checks the history; any console error fails the test. Saves screenshots
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

from assistant.knowledge import Knowledge
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
    make = subprocess.Popen(["make", "run"], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
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

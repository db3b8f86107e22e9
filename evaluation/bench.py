"""Benchmark this assistant against a stock ``rasa init`` bot, on this machine.

``python -m evaluation.bench [--sequential 200] [--senders 20] [--per-sender 25] [--skip-train]``

Measures training time, model size, server start time, REST round-trip
latency (p50/p95/p99) for sequential messages and for concurrent senders,
messages per second, and resident memory of the servers; prints a table and
writes ``docs/benchmarks.md``. Only localhost is contacted; every loop is
bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from assistant.paths import DOCS_DIR, MODEL, RASA, ROOT
from evaluation.servers import Assistant, free_port, server_env, stop, wait_http

MESSAGES = [
    "hello", "why does lupus hurt so much?", "my back is stiff in the morning", "does stress make it worse?",
    "how much ibuprofen can I take?", "what is fibromyalgia", "pins and needles in my feet",
    "why is it so hard to diagnose", "how is autoimmune pain treated", "what can you do?", "thanks", "bye",
]
# The worst shapes found for a 2,000-character message (issue 20): the slowest round trip is reported.
LONG_MESSAGES = [(unit * 400)[:2000] for unit in ("lupus chest pain fever ", "i have chest pain now ",
                                                  "can lupus cause chest pain ", "lupus? ")]
REQUEST_TIMEOUT = 30.0
TURNS_PER_CONVERSATION = 10  # a new sender every 10 messages, as real visitors come and go
LOAD_DEADLINE = 300.0


@dataclass
class Result:
    """Figures for one bot."""

    name: str
    train_s: Optional[float] = None
    model_mb: Optional[float] = None
    start_s: Optional[float] = None
    sequential_ms: List[float] = field(default_factory=list)
    concurrent_ms: List[float] = field(default_factory=list)
    concurrent_rps: Optional[float] = None
    errors: int = 0
    long_ms: Optional[float] = None
    rss_mb: Dict[str, float] = field(default_factory=dict)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def post(url: str, sender: str, text: str) -> float:
    """One REST round trip; returns milliseconds (raises on failure or empty reply)."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
        replies = json.loads(response.read())
    elapsed = (time.perf_counter() - start) * 1000
    if not replies:
        raise RuntimeError("empty reply")
    return elapsed


def load(url: str, result: Result, sequential: int, senders: int, per_sender: int) -> None:
    """Sequential then concurrent load; bounded by count and by LOAD_DEADLINE."""
    deadline = time.monotonic() + LOAD_DEADLINE
    for i in range(3):  # warm-up: an empty reply is counted later, not a reason to stop (the stock bot has a few)
        try:
            post(url, "warmup", MESSAGES[i])
        except RuntimeError:
            pass
    for i in range(sequential):
        if time.monotonic() > deadline:
            break
        try:
            sender = f"seq-{i // TURNS_PER_CONVERSATION}"
            result.sequential_ms.append(post(url, sender, MESSAGES[i % len(MESSAGES)]))
        except Exception:
            result.errors += 1
    lock = threading.Lock()

    def one_sender(n: int) -> None:
        for i in range(per_sender):
            if time.monotonic() > deadline:
                return
            try:
                ms = post(url, f"load-{n}-{i // TURNS_PER_CONVERSATION}", MESSAGES[(n + i) % len(MESSAGES)])
                with lock:
                    result.concurrent_ms.append(ms)
            except Exception:
                with lock:
                    result.errors += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=senders) as pool:
        list(pool.map(one_sender, range(senders)))
    result.concurrent_rps = len(result.concurrent_ms) / (time.perf_counter() - start)
    long_ms = []
    for i, text in enumerate(LONG_MESSAGES):
        try:
            long_ms.append(post(url, f"long-{i}", text))
        except Exception:
            result.errors += 1
    result.long_ms = max(long_ms) if long_ms else None


def training_env() -> Dict[str, str]:
    """Server environment without the one-thread TensorFlow limits (they slow training 3x)."""
    env = server_env()
    for var in ("TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS"):
        env.pop(var, None)
    return env


def timed(cmd: List[str], cwd: Path, log: Path) -> float:
    """Run a command to completion; seconds taken (fails loudly with the log tail)."""
    start = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(cmd, cwd=cwd, env=training_env(), stdout=out, stderr=subprocess.STDOUT).returncode
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{log.read_text()[-2000:]}")
    return time.perf_counter() - start


def bench_stock(work: Path, args: argparse.Namespace) -> Result:
    """The stock bot: `rasa init --no-prompt` (trains), then `rasa run`."""
    result = Result("stock rasa init bot")
    project = work / "stock"
    project.mkdir()
    result.train_s = timed([str(RASA), "init", "--no-prompt", "--init-dir", str(project)], work, work / "stock-init.log")
    model = max(project.glob("models/*.tar.gz"), key=lambda p: p.stat().st_mtime)
    result.model_mb = model.stat().st_size / 1e6
    port = free_port()
    log = work / "stock-run.log"
    start = time.perf_counter()
    env = training_env()  # stock settings: no thread limits
    process = subprocess.Popen(
        [str(RASA), "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(port)],
        cwd=project, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/", process, 240, log)
        post(f"http://127.0.0.1:{port}/webhooks/rest/webhook", "start", "hello")
        result.start_s = time.perf_counter() - start
        load(f"http://127.0.0.1:{port}/webhooks/rest/webhook", result, args.sequential, args.senders, args.per_sender)
        result.rss_mb["rasa server"] = rss_mb(process.pid)
    finally:
        stop(process)
    return result


def bench_ours(work: Path, args: argparse.Namespace) -> Result:
    """This assistant: its own training, action server and Rasa server."""
    result = Result("this assistant")
    model = MODEL
    if not args.skip_train:
        out = work / "models"
        result.train_s = timed(
            [str(RASA), "train", "--force", "--out", str(out), "--fixed-model-name", "bench"], ROOT, work / "train.log"
        )
        model = out / "bench.tar.gz"
    result.model_mb = model.stat().st_size / 1e6
    # Started as `make run` starts it (scripts/run.sh), without the demo page.
    assistant = Assistant(work / "ours", env={"MODEL": str(model)})
    start = time.perf_counter()
    try:
        assistant.start()
        url = assistant.rest_url
        post(url, "start", "hello")
        result.start_s = time.perf_counter() - start
        load(url, result, args.sequential, args.senders, args.per_sender)
        for name, module in (("rasa server", "rasa_cli run"), ("action server", "actions.server")):
            pid = assistant.server_pid(module)
            if pid is not None:
                result.rss_mb[name] = rss_mb(pid)
    finally:
        assistant.stop()
    return result


def fmt(value: Optional[float], digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(results: Sequence[Result], args: argparse.Namespace) -> str:
    """The figures as a Markdown table."""
    rows = [
        ("training time (s)", lambda r: fmt(r.train_s)),
        ("model size (MB)", lambda r: fmt(r.model_mb)),
        ("server start to first answer (s)", lambda r: fmt(r.start_s)),
        (f"sequential p50 / p95 / p99 (ms), {args.sequential} msgs", lambda r: " / ".join(
            fmt(percentile(r.sequential_ms, q)) for q in (50, 95, 99)) if r.sequential_ms else "n/a"),
        (f"{args.senders} concurrent senders p50 / p95 / p99 (ms)", lambda r: " / ".join(
            fmt(percentile(r.concurrent_ms, q)) for q in (50, 95, 99)) if r.concurrent_ms else "n/a"),
        (f"messages per second, {args.senders} concurrent senders", lambda r: fmt(r.concurrent_rps)),
        ("slowest 2,000-character message (ms)", lambda r: fmt(r.long_ms)),
        ("failed or empty replies", lambda r: str(r.errors)),
        ("Rasa server memory, RSS (MB)", lambda r: fmt(r.rss_mb.get("rasa server"), 0)),
        ("action server memory, RSS (MB)", lambda r: fmt(r.rss_mb.get("action server"), 0)),
    ]
    lines = ["| measure | " + " | ".join(r.name for r in results) + " |", "|---" * (len(results) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(get(r) for r in results) + " |" for label, get in rows]
    return "\n".join(lines)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def replace_block(document: str, block: str) -> str:
    """``document`` with its measured block replaced (the notes around it are kept)."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        return head + block + rest.split(END, 1)[1]
    return f"# Benchmarks\n\n{block}\n" + (f"\n{document}" if document else "")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run both benchmarks and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=200)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--per-sender", type=int, default=25)
    parser.add_argument("--skip-train", action="store_true", help="use models/autoimmune-pain.tar.gz as it is")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock bot")
    parser.add_argument("--out", type=Path, default=DOCS_DIR / "benchmarks.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        results = []
        print("benchmarking this assistant...", flush=True)
        results.append(bench_ours(work, args))
        print(table(results, args), flush=True)
        if not args.no_stock:
            print("benchmarking the stock rasa init bot...", flush=True)
            results.append(bench_stock(work, args))
        report = table(results, args)
        print(report)
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        block = (
            f"{START}\nMeasured by `make bench` on {stamp}, this machine (2 cores), "
            f"REST webhook on localhost, same messages for both bots, a new conversation every "
            f"{TURNS_PER_CONVERSATION} messages.\n\n{report}\n{END}"
        )
        args.out.write_text(replace_block(args.out.read_text(encoding="utf-8") if args.out.exists() else "", block),
                            encoding="utf-8")
        print(f"written to {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

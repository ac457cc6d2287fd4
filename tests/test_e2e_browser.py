"""End to end in a real headless Chromium: search 「DXとO&M」, clip a 冨山委員/柳川委員 card, download the memo."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MEETING_CITATION = "「インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨、2020年5月12日、"
# GIJI_SCREENSHOT=docs/screenshot-search.png refreshes the README's picture; by default it goes to tmp.
SCREENSHOT_ENV = "GIJI_SCREENSHOT"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"streamlit did not answer on {url} within {seconds:.0f}s")


@pytest.fixture
def server(seed_index, tmp_path):
    port = free_port()
    env = {**os.environ, "GIJI_INDEX": str(seed_index), "GIJI_CORPUS": str(ROOT / "corpus")}
    log = open(tmp_path / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def browser_page(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found; install Debian's chromium with: make browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            accept_downloads=True, viewport={"width": 1440, "height": 900}, locale="ja-JP")
        try:
            yield context.new_page()
        finally:
            context.close()


def test_search_clip_and_download_memo(server, browser_page, tmp_path):
    page = browser_page
    page.set_default_timeout(90_000)            # the first query loads the model in the server
    page.goto(server, wait_until="domcontentloaded")
    box = page.get_by_placeholder(re.compile("日本語・英語で入力"))
    box.fill("DXとO&M")
    box.press("Enter")

    card = page.locator("[class*='st-key-card-']").filter(has_text=re.compile("冨山委員|柳川委員")).first
    card.wait_for()
    speaker = "冨山委員" if "冨山委員" in card.inner_text() else "柳川委員"
    assert page.locator("mark").count() > 0     # matched terms highlighted
    card.get_by_role("button", name=re.compile("メモに追加")).click()
    page.get_by_text("メモ（1件）").wait_for()

    shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "screenshot-search.png")
    shot = shot if shot.is_absolute() else ROOT / shot
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.get_by_role("button", name=re.compile("CSV")).wait_for()                      # memo panel drawn
    page.get_by_text("メモに追加しました").wait_for(state="hidden", timeout=15_000)    # toast gone
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("Markdown")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".md")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    markdown = saved.read_text(encoding="utf-8")
    assert f"出典：{MEETING_CITATION}{speaker}」" in markdown
    assert markdown.startswith("# 検討メモ")

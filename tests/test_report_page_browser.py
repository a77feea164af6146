"""The review page in a real headless Chromium: it draws, its filters and file views work, and it asks for
nothing over the network. A clean of 60 articles-dev trafilatura texts (or, without the dev set, texts made
here) is reviewed with `cleaner report`.

Without Chromium the tests are skipped, except under CI (CI=true), where they fail: CI installs it.
"""

import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

from .chromium import browser, requested, unavailable

DEV_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "articles-dev" / "inputs" / "trafilatura.json"
#: Documents cleaned: more than one page of the file list (50 a page).
DOCUMENTS = 60


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    """A `clean` output folder of DOCUMENTS texts, with its review page written."""
    why = unavailable()
    if why is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"headless Chromium is needed under CI: {why}")
        pytest.skip(why)
    tmp = tmp_path_factory.mktemp("review")
    src = tmp / "src"
    src.mkdir()
    for name, text in _texts():
        (src / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["clean", str(src), "-o", str(tmp / "out"), "-j", "1"]).exit_code == 0
    assert runner.invoke(main, ["report", str(tmp / "out")]).exit_code == 0
    return tmp


def _texts() -> list[tuple[str, str]]:
    if not DEV_TEXTS.is_file():
        pytest.skip(f"needs the dev texts at {DEV_TEXTS} (../shared beside the repository)")
    texts = json.loads(DEV_TEXTS.read_text(encoding="utf-8"))
    return [(f"{key}.txt", texts[key]["articleBody"]) for key in sorted(texts)[:DOCUMENTS]]


@pytest.fixture(scope="module")
def page(reviewed):
    """The review page open in headless Chromium; the network log holds only what the page asked for."""
    with browser(reviewed / "profile") as driver:
        driver.get("about:blank")
        requested(driver)
        driver.get((reviewed / "out" / "_changes" / "report.html").as_uri())
        yield driver


@pytest.fixture(autouse=True)
def cleared(page):
    """Each test starts from the page with its filters cleared and no documentation open."""
    page.execute_script("""
        for (const id of ["rule-filter", "action-filter", "file-filter"]) document.getElementById(id).value = "";
        document.getElementById("filters").dispatchEvent(new Event("input"));
        document.getElementById("doc-panel").hidden = true;""")
    return page


def _select(driver, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", element_id)).select_by_value(value)


def _drawn(driver) -> None:
    """Wait until the file view that was asked for is drawn (it is unpacked asynchronously)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.getElementById('view-section').dataset.file === "
        "document.querySelector('#files a.file-link').dataset.file"))


def _all(driver, selector: str) -> list:
    return driver.find_elements("css selector", selector)


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, at = [], 8
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + size])
        at += 12 + size
    return width, height, zlib.decompress(b"".join(chunks))


def test_the_page_draws_a_screenshot_that_is_not_blank(page, reviewed):
    shot = reviewed / "report.png"
    assert page.save_screenshot(str(shot))
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == tuple(page.execute_script("return [window.innerWidth, window.innerHeight]"))
    assert width >= 800 and height >= 600
    most = max(pixels.count(value) for value in set(pixels[:4096]))
    assert most / len(pixels) < 0.95  # not one colour: text and tables were drawn
    assert page.execute_script("return document.querySelectorAll('#rule-table tbody tr').length") > 3


def test_filtering_by_a_rule_shows_only_that_rules_removals(page, reviewed):
    removed = [json.loads(line) for line in (reviewed / "out" / "_changes" / "removed.jsonl").read_text().splitlines()]
    code = max({row["code"] for row in removed}, key=lambda c: sum(row["code"] == c for row in removed))
    _select(page, "rule-filter", code)
    samples = _all(page, ".sample")
    assert samples and {sample.get_attribute("data-code") for sample in samples} == {code}
    files = _all(page, "#files li.file-row")
    assert files and all(code in item.get_attribute("data-codes").split() for item in files)
    expected = {row["file"] for row in removed if row["code"] == code}
    assert {item.find_element("css selector", "a").text for item in files} == expected
    struck = {line for sample in samples for line in sample.find_element("css selector", "pre.removed del").text.split("\n")}
    assert struck <= {row["text"] or "(blank line)" for row in removed if row["code"] == code}


def test_filtering_by_action_and_by_file(page):
    _select(page, "action-filter", "report")
    samples = _all(page, ".sample")
    assert samples and {sample.get_attribute("data-action") for sample in samples} == {"report"}
    _select(page, "action-filter", "")
    first = _all(page, "#files li.file-row a")[0].text
    box = page.find_element("id", "file-filter")
    box.send_keys(first[:12])
    names = [item.text for item in _all(page, "#files li.file-row a")]
    assert names and all(first[:12] in name for name in names)
    assert all(first[:12] in sample.find_element("css selector", "a.file-link").text for sample in _all(page, ".sample"))


def test_the_file_list_is_paginated(page):
    assert len(_all(page, "#files li.file-row")) == 50
    page.find_element("id", "next").click()
    rest = _all(page, "#files li.file-row")
    assert 0 < len(rest) <= 10 and page.find_element("id", "page-no").text == "page 2 of 2"


def test_a_files_view_shows_struck_lines_labelled_with_code_and_reason(page, reviewed):
    removed = [json.loads(line) for line in (reviewed / "out" / "_changes" / "removed.jsonl").read_text().splitlines()]
    name = removed[0]["file"]
    page.find_element("id", "file-filter").send_keys(name)
    page.find_element("css selector", "#files li.file-row a").click()
    _drawn(page)
    assert page.find_element("id", "view-title").text == name
    struck = _all(page, "#view tr.dropped")
    mine = [row for row in removed if row["file"] == name]
    assert len(struck) == len(mine)
    for row, expected in zip(struck, mine):
        assert row.find_element("css selector", "td.ln").text == str(expected["line"])
        assert row.find_element("css selector", "del").text == (expected["text"] or "(blank line)")
        assert row.find_element("css selector", ".label a.code").text == expected["code"]
        assert expected["reason"] in row.find_element("css selector", ".label .reason").text
    assert page.execute_script("return getComputedStyle(document.querySelector('#view del')).textDecorationLine") \
        == "line-through"
    label = page.find_element("css selector", "#view .label a.code")
    label.click()
    doc = page.find_element("id", "doc").text
    assert page.find_element("id", "doc-panel").is_displayed()
    assert doc.splitlines()[0].endswith(f"({label.text})")


def test_no_request_leaves_the_page(page, reviewed):
    url = (reviewed / "out" / "_changes" / "report.html").as_uri()
    assert set(requested(page)) <= {url}
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert page.get_log("browser") == []  # no script error, no blocked request

"""The whole review flow in a real headless Chromium against the real server (issue 9, acceptance).

Log in, filter the queue, open an event, see the highlighted evidence, correct a toll with a reason, see the
audit entry, accept, log out; a stale page offers to reload; a viewer sees no edit controls and gets 403; a coder
in a double-coding sample sees neither the other coder's values nor anyone's correction of a field under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# One backend is enough for the browser: the HTTP API the page calls runs on both (test_api, test_concurrency).
pytestmark = pytest.mark.parametrize("backend", ["duckdb"], scope="session")


def wait_for(driver: Any, condition: Any, timeout: float = 20) -> Any:
    """Wait until `condition(driver)` holds; elements that vanish in a page reload meanwhile are retried."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException,
                                                              StaleElementReferenceException)).until(condition)


def log_in(driver: Any, server: Any, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server.base + "/")
    wait_for(driver, lambda d: "/login" in d.current_url)
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys("correct horse battery staple")
    driver.find_element(By.ID, "login-button").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "queue"))


def severe_console_errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_review_flow(browser: Any, server: Any, events: dict[str, str], tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    log_in(driver, server, "reviewer")
    assert driver.find_element(By.ID, "role").text == "reviewer"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")) == 4
    # The map draws the shipped district boundaries (no tiles) and one marker per located event.
    wait_for(driver, lambda d: d.find_element(By.ID, "map").get_attribute("data-ready") == "1")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")) >= 100 + 4
    assert len(driver.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")) > 12

    # Filter the queue: TTP's events only.
    driver.find_element(By.ID, "f-actor").send_keys("TTP")
    driver.find_element(By.ID, "apply-filters").click()
    wait_for(driver, lambda d: "actor=TTP" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    assert len(rows) == 2
    assert "sources disagree" in rows[0].text and "Bannu" in rows[0].text

    # Open the event from the keyboard: j selects the first row, Enter opens it.
    ActionChains(driver).send_keys("j").send_keys("\ue007").perform()
    wait_for(driver, lambda d: d.current_url.endswith(f"/events/{events['bannu']}"))

    # The stored <script> is shown as text, never run.
    text = driver.find_element(By.CSS_SELECTOR, ".document .text").text
    assert "<script>alert('x')</script>" in text
    # Evidence: the field lights its spans, a span lights its fields.
    driver.find_element(By.CSS_SELECTOR, "button.field-name[data-field='killed_best']").click()
    hits = driver.find_elements(By.CSS_SELECTOR, "mark.ev.hit")
    assert [m.text for m in hits] == ["killing 7 officers"]
    place_mark = next(m for m in driver.find_elements(By.CSS_SELECTOR, "mark.ev") if m.text == "Bannu")
    place_mark.click()
    lit = {row.get_attribute("data-field") for row in driver.find_elements(By.CSS_SELECTOR, "tr.field.hit")}
    assert lit == {"place", "admin2"}
    assert driver.find_elements(By.CSS_SELECTOR, "mark.ev.hit")[0].text == "Bannu"

    # Correct the toll with a reason; the page shows the new value and the audit entry.
    assert driver.find_element(By.ID, "value-killed_best").text == "7"
    Select(driver.find_element(By.ID, "correct-field")).select_by_value("killed_best")
    driver.find_element(By.ID, "correct-value").send_keys("8")
    driver.find_element(By.ID, "correct-reason").send_keys("the police statement names eight")
    driver.find_element(By.ID, "correct-submit").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "value-killed_best").text == "8")
    first_entry = driver.find_element(By.CSS_SELECTOR, "#history tbody tr").text
    for words in ("reviewer", "corrected", "killed_best", "7", "8", "the police statement names eight"):
        assert words in first_entry
    assert driver.find_element(By.ID, "version").text == "3"  # created 1, linked 2, corrected 3

    # Someone else changes the event meanwhile: the stale page says so and offers to reload.
    other = server.as_role("coder")
    etag = other("GET", f"/api/events/{events['bannu']}").headers["etag"]
    assert other("PATCH", f"/api/events/{events['bannu']}", body={"fields": {"wounded_best": 5}, "reason": "r"},
                 headers={"If-Match": etag}).status == 200
    Select(driver.find_element(By.ID, "correct-field")).select_by_value("killed_best")
    driver.find_element(By.ID, "correct-value").send_keys("9")
    driver.find_element(By.ID, "correct-reason").send_keys("stale attempt")
    driver.find_element(By.ID, "correct-submit").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "reload"))
    assert "version 4" in driver.find_element(By.ID, "notice").text
    assert [("409" in e) for e in severe_console_errors(driver)] == [True]  # the refused PATCH, nothing else
    driver.find_element(By.ID, "reload").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "version").text == "4")
    assert driver.find_element(By.ID, "value-killed_best").text == "8"

    # Accept with the keyboard shortcut.
    driver.find_element(By.TAG_NAME, "h1").click()
    ActionChains(driver).send_keys("a").perform()
    wait_for(driver, lambda d: d.find_element(By.ID, "review-status").text == "reviewed")
    assert "review_status" in driver.find_element(By.CSS_SELECTOR, "#history tbody tr").text

    # Undo the toll correction: another correction, back to the report's figure; the trail keeps both.
    undo = driver.find_element(By.CSS_SELECTOR, "button.undo[data-field='killed_best']")
    assert undo.get_attribute("data-before") == "7"
    undo.click()
    wait_for(driver, lambda d: d.find_element(By.ID, "value-killed_best").text == "7")
    assert "undo earlier correction of killed_best" in driver.find_element(By.CSS_SELECTOR, "#history tbody tr").text
    assert driver.find_element(By.ID, "review-status").text == "reviewed"

    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    assert all(url.startswith(server.base) for url in resources), resources
    assert severe_console_errors(driver) == []
    driver.save_screenshot(str(tmp_path / "event.png"))

    driver.find_element(By.ID, "logout").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "login-form"))
    driver.get(server.base + f"/events/{events['bannu']}")
    wait_for(driver, lambda d: "/login" in d.current_url)


def test_viewer_sees_no_edit_controls(browser: Any, server: Any, events: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.delete_all_cookies()
    log_in(driver, server, "viewer")
    driver.get(server.base + f"/events/{events['quetta']}")
    wait_for(driver, lambda d: d.find_elements(By.ID, "fields"))
    for control in ("#correct-form", "#accept", "#reject", "#merge", "button.undo", "button.wrong-link"):
        assert driver.find_elements(By.CSS_SELECTOR, control) == [], control
    assert driver.find_element(By.ID, "role").text == "viewer"
    etag = server.as_role("viewer")("GET", f"/api/events/{events['quetta']}").headers["etag"]
    refused = server.as_role("viewer")("PATCH", f"/api/events/{events['quetta']}",
                                       body={"fields": {"killed_best": 1}, "reason": "r"}, headers={"If-Match": etag})
    assert refused.status == 403


def test_coder_codes_blind(browser: Any, server: Any, events: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    bannu = events["bannu"]
    reviewer, admin = server.as_role("reviewer"), server.as_role("admin")
    drawn = reviewer("POST", "/api/coding/samples", body={
        "coders": ["coder", "admin"], "fraction": 1, "seed": 3, "status": "all",
        "fields": ["killed_best", "perpetrator"], "filters": {"admin2": "Bannu"}})
    assert drawn.status == 201, drawn.data
    sid = drawn.data["sample_id"]
    # The other coder saves a value, and a reviewer corrects a field under test: the coder must see neither.
    assert admin("PUT", f"/api/coding/samples/{sid}/events/{bannu}", body={"values": {"killed_best": 9}}).status == 200
    etag = reviewer("GET", f"/api/events/{bannu}").headers["etag"]
    assert reviewer("PATCH", f"/api/events/{bannu}", headers={"If-Match": etag},
                    body={"fields": {"killed_best": 11}, "reason": "a count nobody else gave"}).status == 200

    driver = browser
    driver.delete_all_cookies()
    log_in(driver, server, "coder")
    driver.find_element(By.ID, "nav-coding").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "assignments"))
    driver.find_element(By.CSS_SELECTOR, "a.code-item").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "coding-form"))
    assert driver.find_element(By.ID, "code-killed_best").get_attribute("value") == ""
    assert "<script>alert('x')</script>" in driver.find_element(By.CSS_SELECTOR, ".document .text").text

    driver.get(server.base + f"/events/{bannu}")
    wait_for(driver, lambda d: d.find_elements(By.ID, "fields"))
    assert "killed_best" in driver.find_element(By.ID, "blind-notice").text
    assert driver.find_element(By.ID, "value-killed_best").text == "—"
    assert driver.find_element(By.ID, "value-place").text == "Bannu"
    assert "a count nobody else gave" not in driver.find_element(By.TAG_NAME, "body").text
    assert "11" not in driver.find_element(By.ID, "fields").text

    driver.back()
    wait_for(driver, lambda d: d.find_elements(By.ID, "coding-form"))
    driver.find_element(By.ID, "code-killed_best").send_keys("7")
    driver.find_element(By.ID, "code-perpetrator").send_keys("TTP")
    driver.find_element(By.ID, "coding-submit").click()
    wait_for(driver, lambda d: d.current_url.endswith("/coding"))
    assert "submitted" in driver.find_element(By.ID, "assignments").text
    mine = server.as_role("coder")("GET", f"/api/coding/samples/{sid}/events/{bannu}").data
    assert mine["values"] == {"killed_best": 7, "perpetrator": "TTP"} and mine["submitted_at"]
    assert severe_console_errors(driver) == []

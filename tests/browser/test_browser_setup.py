"""The test browser itself: the flags that keep its own work out of the pages under test.

Chromium honours only the last `--disable-features`, so ours must carry every feature Playwright
turns off as well as the ones we add; if a Playwright upgrade changes its list, this says so."""


def _disabled_feature_lists(make_page) -> list:
    page = make_page()
    page.goto("chrome://version")
    argv = page.locator("#command_line").inner_text().split()
    return [a.split("=", 1)[1].split(",") for a in argv if a.startswith("--disable-features=")]


def test_our_disabled_features_keep_playwrights(make_page):
    lists = _disabled_feature_lists(make_page)
    assert len(lists) >= 2, "expected Playwright's --disable-features and ours"
    effective = set(lists[-1])
    for earlier in lists[:-1]:
        missing = sorted(set(earlier) - effective)
        assert not missing, "Playwright disables %s; add them to PLAYWRIGHT_DISABLED_FEATURES" % missing


def test_no_browser_page_loads_beside_the_page_under_test(make_page, server):
    """Headless Chromium's omnibox popup would otherwise load with every new context."""
    page = make_page()
    page.goto(server.origin + "/")
    cdp = page.context.browser.new_browser_cdp_session()
    try:
        targets = cdp.send("Target.getTargets")["targetInfos"]
    finally:
        cdp.detach()
    browser_ui = [t["url"] for t in targets if t["type"] == "browser_ui"]
    assert browser_ui == []
    assert server.origin + "/" in [t["url"] for t in targets if t["type"] == "page"]

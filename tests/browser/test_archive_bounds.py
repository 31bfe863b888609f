"""boot.js's reader for the checker's Python archive refuses a crafted archive quickly, with the
fallback on screen: a negative size (it looped forever before), a size past the archive's end, a
folder with a body, a header whose checksum does not add up, too many entries, and a small gzip
that unpacks to more than it will hold."""
import gzip
import io
import tarfile
import time

import pytest

pytestmark = pytest.mark.browser


def entry(name: str, body: bytes = b"x = 1\n", kind=tarfile.REGTYPE) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.type = kind
        info.size = len(body) if kind == tarfile.REGTYPE else 0
        tar.addfile(info, io.BytesIO(body) if kind == tarfile.REGTYPE else None)
    return raw.getvalue()


def with_field(tar: bytes, start: int, value: bytes, checksum: bool = True) -> bytes:
    """The first header with a field overwritten and (unless told not to) its checksum made
    right again, so that only the field itself is wrong."""
    header = bytearray(tar[:512])
    header[start:start + len(value)] = value
    if checksum:
        header[148:156] = b" " * 8
        header[148:156] = b"%06o\0 " % sum(header)
    return bytes(header) + tar[512:]


CRAFTED = {
    # -512: the old reader stepped on by 512 + (-512) = 0 bytes, for ever.
    "negative size": with_field(entry("triage_core/a.py"), 124, b"-0000001000\0"),
    "size past the end": with_field(entry("triage_core/a.py"), 124, b"77777777777\0"),
    "size not octal": with_field(entry("triage_core/a.py"), 124, b"0000000001x\0"),
    "folder with a body": with_field(entry("triage_core/", kind=tarfile.DIRTYPE), 124, b"00000001000\0"),
    "checksum wrong": with_field(entry("triage_core/a.py"), 0, b"triage_core/b.py", checksum=False),
    "too many entries": b"".join(entry("f%d.py" % i)[:1024] for i in range(1001)),
}


def serve(page, body: bytes):
    page.route("**/checker.tar.gz", lambda route: route.fulfill(status=200, body=body))


def refused_quickly(page, server, expected: str):
    started = time.monotonic()
    page.goto(server.origin + "/checker/")
    page.locator("[data-triage-fallback]").wait_for(state="visible", timeout=5000)
    elapsed = time.monotonic() - started
    assert page.get_attribute("[data-triage-checker-app]", "data-state") == "failed"
    page.wait_for_timeout(100)
    assert any(expected in e for e in page.log.console_errors), page.log.console_errors
    # The page is not busy: it answers a script at once.
    assert page.evaluate("1 + 1") == 2
    return elapsed


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_archive_is_refused(page, server, case):
    serve(page, gzip.compress(CRAFTED[case]))
    assert refused_quickly(page, server, "entry it cannot use") < 5


def test_a_valid_archive_of_the_same_shape_is_read(page, server, site_dir):
    """The crafted headers differ from a good one only in the planted field: the untouched
    entry (its checksum recomputed the same way) gets past the reader to Python."""
    good = with_field(entry("triage_core/a.py"), 0, b"triage_core/a.py")
    assert tarfile.open(fileobj=io.BytesIO(good)).getnames() == ["triage_core/a.py"]
    served = (site_dir / "assets" / "checker" / "py" / "checker.tar.gz").read_bytes()
    real = gzip.decompress(served)
    serve(page, gzip.compress(with_field(real, 0, real[:100])))
    page.goto(server.origin + "/checker/")
    page.wait_for_selector("[data-triage-checker-app][data-state=ready]", timeout=10000)


def test_an_archive_that_unpacks_too_large_is_refused(page, server):
    bomb = gzip.compress(entry("triage_core/a.py") + b"\0" * (40 * 1024 * 1024), 9)
    assert len(bomb) < 100_000
    serve(page, bomb)
    assert refused_quickly(page, server, "larger than") < 5

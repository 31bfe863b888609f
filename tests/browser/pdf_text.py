"""The text of a PDF that headless Chromium printed, page by page, in pure Python (zlib and re).

Enough for Chromium's own output (Skia): FlateDecode content streams that show glyph ids in hex
strings with `Tj`/`TJ`, each font mapping them to text through its ToUnicode CMap. Not a general
PDF reader; a test compares text with its white space taken out, so line breaks do not matter."""
import re
import unicodedata
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
REF = rb"(\d+) 0 R"


def _objects(data: bytes) -> dict:
    """{number: (dictionary bytes, decoded stream bytes or None)}."""
    out = {}
    for m in OBJECT.finditer(data):
        body = m.group(2)
        stream = None
        s = re.search(rb"stream\r?\n", body)
        if s:
            head, raw = body[:s.start()], body[s.end():body.rindex(b"endstream")]
            stream = zlib.decompress(raw) if b"/FlateDecode" in head else raw
            body = head
        out[int(m.group(1))] = (body, stream)
    return out


def _cmap(text: bytes) -> dict:
    """{glyph code (hex string, upper case): text} from a ToUnicode CMap."""
    out = {}

    def chars(hex_text):
        raw = bytes.fromhex(hex_text.decode())
        return raw.decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[src.decode().upper()] = chars(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            width = len(lo)
            start, end = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                targets = [chars(t) for t in re.findall(rb"<([0-9A-Fa-f]+)>", rest)]
            else:
                first = int(rest[1:-1], 16)
                targets = [chr(first + i) for i in range(end - start + 1)]
            for i, code in enumerate(range(start, end + 1)):
                if i < len(targets):
                    out[("%0*X" % (width, code))] = targets[i]
    return out


def _resolve(objects: dict, body: bytes, key: bytes) -> bytes:
    """A dictionary entry's value, following one indirect reference."""
    m = re.search(rb"/" + key + rb"\s*" + REF, body)
    if m:
        return objects[int(m.group(1))][0]
    m = re.search(rb"/" + key + rb"\s*(<<.*)", body, re.S)
    return m.group(1) if m else b""


def pages(data: bytes) -> list:
    """The text of each page, in order."""
    objects = _objects(data)
    root_pages = [n for n, (body, _s) in objects.items() if re.search(rb"/Type\s*/Pages\b", body)]
    order = []

    def walk(number):
        body = objects[number][0]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)
            for kid in re.findall(REF, kids):
                walk(int(kid))
        else:
            order.append(number)

    parents = [n for n in root_pages if not re.search(rb"/Parent\s", objects[n][0])]
    for number in parents:
        walk(number)
    texts = []
    for number in order:
        body = objects[number][0]
        resources = _resolve(objects, body, b"Resources")
        fonts_dict = _resolve(objects, resources, b"Font")
        fonts = {}
        for name, ref in re.findall(rb"/([A-Za-z0-9_.+-]+)\s*" + REF, fonts_dict):
            font = objects[int(ref)][0]
            uni = re.search(rb"/ToUnicode\s*" + REF, font)
            fonts[name] = _cmap(objects[int(uni.group(1))][1]) if uni else {}
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|" + REF + rb")", body).group(1)
        streams = [objects[int(r)][1] or b"" for r in re.findall(REF, contents)]
        out = []
        for stream in streams:
            font = {}
            for m in re.finditer(rb"/([A-Za-z0-9_.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bET\b",
                                 stream, re.S):
                if m.group(1):
                    font = fonts.get(m.group(1), {})
                elif m.group(0) == b"ET":
                    out.append("\n")
                else:
                    hexes = re.findall(rb"<([0-9A-Fa-f]*)>", m.group(2)) if m.group(2) is not None else [m.group(3)]
                    for h in hexes:
                        h = h.decode().upper()
                        step = 4 if font and len(next(iter(font))) == 4 else 2
                        out.append("".join(font.get(h[i:i + step], "") for i in range(0, len(h), step)))
        texts.append("".join(out))
    return texts


def squash(text: str) -> str:
    """Text without white space (and ligatures spelt out), to compare printed text with what the
    page says."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

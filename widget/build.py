"""Build the embeddable widget into build/widget/: signpost.js (for charities), signpost-platform.js
(the same with the platform intercept) and the demo pages beside them.

The widget's source is plain JavaScript and CSS in widget/src/, its demo pages in widget/demo/.
Nothing in the repository is rewritten: the build goes to build/ (not committed), where the Rasa
server serves it from (signpost/server/static_channel.py). The build:

- joins the JS parts inside one function scope (nothing leaks into the host page),
- inlines the CSS (the widget loads it as a constructable stylesheet),
- injects a JSON blob with the UI strings of every locale (locales/widget/<locale>.yml,
  English per missing key) and the emergency numbers per country
  (signpost.directory.emergency_table()), with each country's crisis line and prevention
  helpline (helpline_table()), so all of them work with the server unreachable,
- strips comments and indentation (nothing cleverer: no renaming, no new dependency),
- writes demo.html with the script's SRI hash in place of {{INTEGRITY}}.

Run `python -m widget.build`; it prints the gzipped size and the SRI hash.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

from signpost import paths
from signpost.i18n import PLACEHOLDER
from signpost.settings import load as load_settings
from signpost.languages import direction, supported_locales

SRC = paths.WIDGET_DIR / "src"
DEMO = paths.WIDGET_DIR / "demo"
OUT = paths.WIDGET_BUILD_DIR
STRINGS_DIR = paths.LOCALES_DIR / "widget"
DEMO_FILES = ("demo.html", "demo.css", "neutral.html")
INTEGRITY_MARK = "{{INTEGRITY}}"
# Two bundles from one source: the widget charities embed, and the same widget with the platform
# intercept (Signpost.intercept, docs/platforms.md) for search engines, forums and image tools.
CORE_PARTS = ("config.js", "dom.js", "quick-exit.js", "no-intercept.js", "element.js")
PLATFORM_PARTS = ("config.js", "dom.js", "quick-exit.js", "intercept.js", "element.js")
JS_PARTS = tuple(dict.fromkeys((*CORE_PARTS, *PLATFORM_PARTS)))   # every source file
SCRIPT, PLATFORM_SCRIPT = "signpost.js", "signpost-platform.js"
BUNDLES = {SCRIPT: CORE_PARTS, PLATFORM_SCRIPT: PLATFORM_PARTS}
SIZE_BUDGET_BYTES = 15 * 1024               # what a person's phone loads from a charity's page
PLATFORM_SIZE_BUDGET_BYTES = 16 * 1024


def build_widget(out_dir: Path | str | None = None, emergency: dict | None = None) -> Path:
    """Write signpost.js and the demo pages (demo.html with the script's SRI hash) to out_dir,
    build/widget/ by default; return the script's path.

    emergency: {"GB": [{"display": "999", "href": "tel:999"}], ...}; by default
    signpost.directory.emergency_table().
    """
    out = Path(out_dir) if out_dir else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, parts in BUNDLES.items():
        (out / name).write_bytes(render(emergency, parts=parts))
    target = out / SCRIPT
    write_demo(out, sri_hash(target.read_bytes()))
    return target


def ensure_built() -> bool:
    """Rebuild build/widget/ if its sources changed; True when it was rewritten."""
    target = OUT / SCRIPT
    current = all((OUT / name).exists() and (OUT / name).read_bytes() == render(parts=parts)
                  for name, parts in BUNDLES.items()) and all(
        (OUT / name).exists() and (OUT / name).read_text(encoding="utf-8") == demo_page(name, sri_hash(target.read_bytes()))
        for name in DEMO_FILES)
    if current:
        return False
    build_widget()
    return True


def render(emergency: dict | None = None, lines: dict | None = None, parts: tuple = CORE_PARTS) -> bytes:
    if emergency is None:
        from signpost.directory import emergency_table

        emergency = emergency_table()
    if lines is None:
        lines = helpline_table()
    return bundle(load_locales(), check_emergency(emergency), check_lines(lines), parts).encode("ascii")


# The fallback's lines, in the order shown: the kind of service each one is.
FALLBACK_KINDS = {"crisis": "crisis_line", "helpline": "prevention_service"}


def helpline_table(directory=None) -> dict:
    """{"GB": {"crisis": [{"display": "116 123", "href": "tel:116123"}], "helpline": [...]}}: per country,
    the phone numbers of the first national service of each kind (directory order) that can be dialled
    there. Only shown contacts (high or medium confidence) are loaded. Names are left out: they cost
    about 700 bytes gzipped, and the widget's sentence says what each number is."""
    from signpost.directory.lookup import Directory

    directory = directory or Directory.load()
    table: dict = {}
    for country in directory.countries():
        for key, kind in FALLBACK_KINDS.items():
            for service in directory.services:
                if service.kind != kind or country not in service.countries:
                    continue
                numbers = [{"display": ch.display or ch.number or "", "href": f"tel:{ch.number}"}
                           for ch in service.for_country(country).channels if ch.type == "phone"]
                if numbers:
                    table.setdefault(country, {})[key] = numbers
                    break
    return table


def check_lines(table: dict) -> dict:
    """The same rules as the emergency table (known keys, tel: links only), packed small:
    {"GB": {"crisis": ["116 123"], "helpline": ["0808 1000 900|+448081000900"]}}. A number is its
    display text, plus "|" and the dialled number when that is not simply the display's digits."""
    checked = {}
    for country, lines in table.items():
        entries = {key: [pack_number(n) for n in check_emergency({country: numbers})[country]]
                   for key, numbers in lines.items() if key in FALLBACK_KINDS}
        checked[country] = {key: numbers for key, numbers in entries.items() if numbers}
    return checked


def pack_number(number: dict) -> str:
    dialled = number["href"].removeprefix("tel:")
    display = number["display"].replace("|", " ")
    return display if dialled == re.sub(r"[^\d+]", "", display) else f"{display}|{dialled}"


def bundle(locales: dict, emergency: dict, lines: dict | None = None, parts: tuple = CORE_PARTS) -> str:
    js = minify_js("\n".join((SRC / name).read_text(encoding="utf-8") for name in parts))
    css = minify_css((SRC / "signpost.css").read_text(encoding="utf-8"))
    packed = pack_strings(locales)
    js = number_keys(js, packed.pop("keys"))
    emergency = {country: [pack_number(n) for n in numbers] for country, numbers in emergency.items()}
    data = {**packed, "emergency": emergency, "lines": lines or {}, "max": load_settings().max_message_chars}
    # json.dumps escapes everything beyond ASCII, so the file reads the same
    # whatever character set the host page declares.
    js = replace_once(js, '/*@CSS*/ ""', json.dumps(css))
    js = replace_once(js, "/*@DATA*/ {}", json.dumps(data, separators=(",", ":"), sort_keys=True))
    # A line ending in ; { or , needs no newline after it.
    js = re.sub(r"([;{,])\n", r"\1", drop_spaces(js))
    return '(function () {\n"use strict";\n' + js + "\n})();\n"


STRING_CALL = re.compile(r"\bt\(([^)]*)\)")


def number_keys(js: str, keys: list) -> str:
    """t("title") -> t(0): each string by its place, so the keys need not ship (about 300 bytes
    gzipped). Every call must name a known key literally."""
    def index(match: re.Match) -> str:
        key = match.group(1).strip('"')
        if match.group(1) == "i":  # the definition, function t(i)
            return match.group(0)
        if match.group(1) != f'"{key}"' or key not in keys:
            raise ValueError(f"widget source: t({match.group(1)}) must name a key of locales/widget/en.yml")
        return f"t({keys.index(key) + 1})"  # after the direction
    return STRING_CALL.sub(index, js)


def replace_once(text: str, marker: str, value: str) -> str:
    if text.count(marker) != 1:
        raise ValueError(f"widget source must contain {marker!r} exactly once")
    return text.replace(marker, value)


def load_locales() -> dict:
    english = read_strings("en")
    if not english:
        raise ValueError("locales/widget/en.yml is missing or empty")
    locales = {}
    for locale in supported_locales():
        strings = english if locale == "en" else read_strings(locale)
        check_translation(locale, strings, english)
        locales[locale] = {"dir": direction(locale), "strings": strings}
    return locales


def pack_strings(locales: dict) -> dict:
    """Name each key once: {"keys": [...], "locales": {"de": ["ltr", "Vertrauliche Hilfe", ...]}}: the
    direction, then the strings in the order of the keys (the build turns t("title") into t(1)).

    Repeating every key for 12 languages would cost about 500 bytes gzipped;
    a missing translation is null, and the widget falls back to English.
    """
    keys = list(locales["en"]["strings"])
    packed = {code: [entry["dir"], *(entry["strings"].get(key) for key in keys)] for code, entry in locales.items()}
    return {"keys": keys, "locales": packed}


def read_strings(locale: str) -> dict:
    path = STRINGS_DIR / f"{locale}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")).get(locale) or {}


def check_translation(locale: str, strings: dict, english: dict) -> None:
    """A translated string must use exactly the placeholders of its English original."""
    for key, text in strings.items():
        if key not in english:
            raise ValueError(f"locales/widget/{locale}.yml: unknown key {key!r}")
        if set(PLACEHOLDER.findall(str(text))) != set(PLACEHOLDER.findall(english[key])):
            raise ValueError(f"locales/widget/{locale}.yml: {key!r} must keep the placeholders of the English text")


def check_emergency(table: dict) -> dict:
    """Keep only what the widget shows: a display text and a tel: link per number."""
    checked = {}
    for country, numbers in table.items():
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise ValueError(f"emergency table: bad country code {country!r}")
        checked[country] = [
            {"display": str(n["display"]), "href": str(n["href"])} for n in numbers if str(n["href"]).startswith("tel:")
        ]
    return checked


def minify_js(js: str) -> str:
    """Drop comment lines, trailing "  // ..." comments, indentation and blank lines.

    Deliberately simple so it cannot break code: the widget source keeps one
    statement per line, uses only // comments, and has no " // " inside strings.
    """
    lines = []
    for line in js.splitlines():
        line = line.strip()
        if line.startswith("//"):
            continue
        line = re.sub(r"\s+//\s.*$", "", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


IDENTIFIER = re.compile(r"[A-Za-z0-9_$]")


def drop_spaces(js: str) -> str:
    """Drop the spaces outside string literals that do not separate two words (`a = b(c, d)` ->
    `a=b(c,d)`). Safe for this source: its regular expressions hold no quotes or spaces, and it
    uses no template literals (test_widget_build.py checks both)."""
    out = []
    quote = ""
    i = 0
    while i < len(js):
        char = js[i]
        if quote:
            out.append(char)
            if char == "\\":
                out.append(js[i + 1])
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            out.append(char)
        elif char == " ":
            before = out[-1] if out else ""
            after = js[i + 1] if i + 1 < len(js) else ""
            if IDENTIFIER.match(before) and IDENTIFIER.match(after):
                out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def minify_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,])\s*", r"\1", css)
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip()


def sri_hash(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def demo_page(name: str, integrity: str) -> str:
    """A demo page as served: demo.html gets the script's hash in its script tag and embed snippet."""
    text = (DEMO / name).read_text(encoding="utf-8")
    return text.replace(INTEGRITY_MARK, integrity)


def write_demo(out: Path, integrity: str) -> None:
    for name in DEMO_FILES:
        (out / name).write_text(demo_page(name, integrity), encoding="utf-8")


def main() -> int:
    path = build_widget()
    over = False
    for name, budget in ((SCRIPT, SIZE_BUDGET_BYTES), (PLATFORM_SCRIPT, PLATFORM_SIZE_BUDGET_BYTES)):
        data = (path.parent / name).read_bytes()
        size = gzipped_size(data)
        over |= size > budget
        print(f"wrote {path.parent / name}: {len(data)} bytes, {size} bytes gzipped (budget {budget})")
        print(f"integrity: {sri_hash(data)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

"""The widget's build: size budget, freshness, SRI, and what its source must never do.

No browser needed: these run in every test run.
"""
from __future__ import annotations

import re

import pytest

from signpost.languages import supported_locales
from widget import build as widget_build
from widget.build import SIZE_BUDGET_BYTES, SRC, build_widget, gzipped_size, render, sri_hash

# Anything that could leave a trace on the device or run strings as code.
FORBIDDEN = [
    "localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches.", "serviceWorker",
    "eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
]


@pytest.fixture(scope="module")
def fresh_build() -> bytes:
    from signpost.directory.build import ensure_built

    ensure_built()  # the emergency table comes from the directory database
    return render()


def test_everything_the_widget_loads_is_within_15_kb_gzipped(fresh_build):
    # One file carries the JS, the CSS, the icons and every locale's strings.
    size = gzipped_size(fresh_build)
    assert size <= SIZE_BUDGET_BYTES, f"signpost.js is {size} bytes gzipped, over the {SIZE_BUDGET_BYTES} budget"


def test_the_build_is_reproducible_and_writes_only_its_output_folder(fresh_build, tmp_path):
    """The build goes to an ignored folder (build/widget/), never into the repository, and the same
    sources give the same bytes (so its SRI hash is stable)."""
    script = build_widget(tmp_path)
    assert script.read_bytes() == fresh_build == render()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*widget_build.BUNDLES, *widget_build.DEMO_FILES])


def test_demo_page_carries_the_current_sri_hash(tmp_path):
    script = build_widget(tmp_path)
    demo = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert demo.count(sri_hash(script.read_bytes())) == 2  # the script tag and the copy-paste snippet
    assert widget_build.INTEGRITY_MARK not in demo


def test_built_file_is_ascii_so_any_host_charset_reads_it(fresh_build):
    fresh_build.decode("ascii")


@pytest.mark.parametrize("name", widget_build.JS_PARTS)
def test_source_never_stores_or_evaluates(name):
    source = (SRC / name).read_text(encoding="utf-8")
    for token in FORBIDDEN:
        assert token not in source, f"{name} uses {token}"
    assert not re.search(r"setTimeout\(\s*['\"`]", source), "string timers are eval"


def test_every_supported_locale_has_strings_and_a_direction():
    locales = widget_build.load_locales()
    assert set(locales) == set(supported_locales())
    assert locales["ar"]["dir"] == "rtl"
    assert {locales[code]["dir"] for code in locales if code != "ar"} == {"ltr"}


def test_a_translation_must_keep_the_placeholders():
    english = {"emergency": "call %{numbers}."}
    with pytest.raises(ValueError, match="placeholders"):
        widget_build.check_translation("de", {"emergency": "rufen Sie an."}, english)
    with pytest.raises(ValueError, match="unknown key"):
        widget_build.check_translation("de", {"emergancy": "%{numbers}"}, english)


def test_emergency_table_keeps_only_tel_links():
    table = {"GB": [{"display": "999", "href": "tel:999"}, {"display": "x", "href": "javascript:alert(1)"}]}
    assert widget_build.check_emergency(table) == {"GB": [{"display": "999", "href": "tel:999"}]}


def test_css_minifier_keeps_meaningful_spaces():
    css = widget_build.minify_css(".a  .b { width: calc(100vw - 2em); }  /* note */")
    assert css == ".a .b{width:calc(100vw - 2em)}"


def test_strings_are_called_by_literal_key():
    assert widget_build.number_keys('t("send")', ["title", "send"]) == "t(2)"  # 0 is the direction
    with pytest.raises(ValueError, match="must name a key"):
        widget_build.number_keys("t(key)", ["title"])
    with pytest.raises(ValueError, match="must name a key"):
        widget_build.number_keys('t("nope")', ["title"])


def test_numbers_are_packed_small():
    assert widget_build.pack_number({"display": "116 123", "href": "tel:116123"}) == "116 123"
    assert widget_build.pack_number({"display": "0808 1000 900", "href": "tel:+448081000900"}) \
        == "0808 1000 900|+448081000900"


def test_fallback_has_crisis_line_and_helpline(fresh_build):
    lines = widget_build.check_lines(widget_build.helpline_table())
    assert lines["GB"]["crisis"] == ["116 123"]
    assert lines["GB"]["helpline"][0] == "0808 1000 900|+448081000900"
    assert widget_build.check_lines({"GB": {"crisis": [{"display": "x", "href": "javascript:1"}]}}) == {"GB": {}}


@pytest.mark.parametrize("name", widget_build.JS_PARTS)
def test_source_is_safe_for_the_space_dropper(name):
    """drop_spaces() skips only quoted strings: no template literals, no quotes or spaces in regexes."""
    source = (SRC / name).read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.strip().startswith("//"))
    assert "`" not in code
    for regex in re.findall(r"[(,=:]\s*/(?![/*])((?:\\.|[^/\n])+)/[gimsuy]*", code):
        assert not re.search(r"[\s'\"]", regex), regex

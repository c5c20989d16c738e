"""Translator tooling: `signpost locales status | check | new xx`.

A locale is a set of plain files (see docs/translating.md):
  locales/xx.yml           every sentence the bot says (source: locales/en.yml)
  locales/widget/xx.yml    the chat widget's buttons and notices (source: locales/widget/en.yml)
  locales/safety/xx.yml    safety-net phrases (see locales/safety/README.md)
  data/nlu/xx.yml          examples of what people write, per intent (source: data/nlu/en.yml)
  evaluation/nlu/xx.yml  other examples, only for measuring (never trained on)
  evaluation/safety/xx.yml         labelled messages for `signpost eval`
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from signpost import paths
from signpost.i18n import PLACEHOLDER
from signpost.tools.nlu_data import read_examples

SOURCE = "en"
TODO = "TODO"
REVIEW_STATUSES = ("draft", "machine", "reviewed")
# Strings that may rightly read the same as English (names, codes, numbers).
MAY_MATCH_ENGLISH = re.compile(r"^[\W\d_]*$|^%\{\w+\}$")


@dataclass(frozen=True)
class Finding:
    path: Path
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.message}" if self.key else f"{self.path}: {self.message}"


def flatten(node, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in (node or {}).items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def read_strings(path: Path, locale: str) -> tuple[Optional[dict[str, object]], Optional[Finding]]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, Finding(path, "", "file is missing")
    except yaml.YAMLError as error:
        return None, Finding(path, "", f"broken YAML: {error}")
    if not isinstance(document, dict) or locale not in document:
        return None, Finding(path, "", f"the file must start with `{locale}:`")
    return flatten(document[locale]), None


def compare(source: dict, target: dict, path: Path, skip: tuple[str, ...] = ("meta.",)) -> list[Finding]:
    allowed_same = set(target.get("meta.same_as_english") or [])
    findings = []
    for key in source:
        if key.startswith(skip):
            continue
        if key not in target:
            findings.append(Finding(path, key, "missing (translate the English text)"))
            continue
        english, text = str(source[key]), target[key]
        if not isinstance(text, str) or not text.strip():
            findings.append(Finding(path, key, "empty"))
            continue
        if TODO in text:
            findings.append(Finding(path, key, "still marked TODO"))
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(text)):
            findings.append(Finding(path, key, f"placeholders {sorted(set(PLACEHOLDER.findall(english)))} "
                                               f"expected, found {sorted(set(PLACEHOLDER.findall(text)))}"))
        if text == english and len(english.split()) > 1 and not MAY_MATCH_ENGLISH.match(english) \
                and key not in allowed_same:
            findings.append(Finding(path, key, "identical to English: not translated?"))
    for key in target:
        if key not in source and not key.startswith(skip):
            findings.append(Finding(path, key, "extra key (not in English): remove or rename it"))
    return findings


def locales(locales_dir: Path = paths.LOCALES_DIR) -> list[str]:
    return sorted(p.stem for p in locales_dir.glob("*.yml"))


def nlu_intents(path: Path) -> dict[str, int]:
    """{intent: number of examples}, in file order."""
    return dict(Counter(intent for _, intent in read_examples(path)))


def check(root: Path = paths.ROOT) -> list[Finding]:
    """Every problem a translator must fix, with file and key."""
    locales_dir, findings = root / "locales", []
    english, problem = read_strings(locales_dir / f"{SOURCE}.yml", SOURCE)
    widget_english, widget_problem = read_strings(locales_dir / "widget" / f"{SOURCE}.yml", SOURCE)
    if problem or widget_problem:
        return [f for f in (problem, widget_problem) if f]
    english_intents = nlu_intents(root / "data" / "nlu" / f"{SOURCE}.yml")
    for locale in locales(locales_dir):
        path = locales_dir / f"{locale}.yml"
        strings, problem = read_strings(path, locale)
        if problem:
            findings.append(problem)
            continue
        meta = {k[5:]: v for k, v in strings.items() if k.startswith("meta.")}
        for field in ("native_name", "direction", "review_status"):
            if not meta.get(field):
                findings.append(Finding(path, f"meta.{field}", "missing"))
        if meta.get("direction") not in (None, "ltr", "rtl"):
            findings.append(Finding(path, "meta.direction", "must be ltr or rtl"))
        if meta.get("review_status") not in (None, *REVIEW_STATUSES):
            findings.append(Finding(path, "meta.review_status", f"must be one of {', '.join(REVIEW_STATUSES)}"))
        if locale == SOURCE:
            continue
        findings += compare(english, strings, path)
        widget_path = locales_dir / "widget" / f"{locale}.yml"
        widget, problem = read_strings(widget_path, locale)
        findings += [problem] if problem else compare(widget_english, widget, widget_path)
        safety_path = locales_dir / "safety" / f"{locale}.yml"
        _, problem = read_strings(safety_path, locale)
        if problem:
            findings.append(problem)
        nlu_path = root / "data" / "nlu" / f"{locale}.yml"
        try:
            intents = nlu_intents(nlu_path)
        except (FileNotFoundError, yaml.YAMLError) as error:
            findings.append(Finding(nlu_path, "", f"cannot read: {error}"))
            continue
        for intent in english_intents:
            if intents.get(intent, 0) == 0:
                findings.append(Finding(nlu_path, intent, "no training examples"))
    return findings


def status_rows(root: Path = paths.ROOT) -> list[dict]:
    locales_dir = root / "locales"
    english, _ = read_strings(locales_dir / f"{SOURCE}.yml", SOURCE)
    keys = [k for k in english if not k.startswith("meta.")]
    english_intents = nlu_intents(root / "data" / "nlu" / f"{SOURCE}.yml")
    rows = []
    for locale in locales(locales_dir):
        strings, _ = read_strings(locales_dir / f"{locale}.yml", locale)
        strings = strings or {}
        done = [k for k in keys if isinstance(strings.get(k), str) and strings[k].strip() and TODO not in strings[k]]
        nlu_path = root / "data" / "nlu" / f"{locale}.yml"
        intents = nlu_intents(nlu_path) if nlu_path.exists() else {}
        per_intent = [intents.get(i, 0) for i in english_intents]
        rows.append({
            "locale": locale,
            "name": strings.get("meta.native_name", "?"),
            "direction": strings.get("meta.direction", "?"),
            "review": strings.get("meta.review_status", "?"),
            "complete": f"{100 * len(done) // max(len(keys), 1)}%",
            "missing": len(keys) - len(done),
            "nlu_examples": sum(per_intent),
            "fewest_per_intent": min(per_intent) if per_intent else 0,
        })
    return rows


def new_locale(code: str, root: Path = paths.ROOT) -> list[Path]:
    """Scaffold every file of a new locale from English, each text marked TODO."""
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise ValueError("use a two- or three-letter ISO 639 code, e.g. 'uk' or 'ro'")
    created = []

    def write(path: Path, text: str) -> None:
        if path.exists():
            raise FileExistsError(f"{path} already exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        created.append(path)

    def todo_tree(node):
        if isinstance(node, dict):
            return {k: todo_tree(v) for k, v in node.items()}
        return f"{TODO}: {node}"

    header = (f"# {code}: translate each TODO line (keep %{{placeholders}}), then run `signpost locales check`.\n"
              "# See docs/translating.md.\n")
    english = yaml.safe_load((root / "locales" / f"{SOURCE}.yml").read_text(encoding="utf-8"))[SOURCE]
    body = {k: todo_tree(v) for k, v in english.items() if k != "meta"}
    meta = {"native_name": f"{TODO}: the language's own name", "direction": "ltr", "review_status": "draft"}
    write(root / "locales" / f"{code}.yml",
          header + yaml.safe_dump({code: {"meta": meta, **body}}, allow_unicode=True, sort_keys=False, width=1000))
    widget = yaml.safe_load((root / "locales" / "widget" / f"{SOURCE}.yml").read_text(encoding="utf-8"))[SOURCE]
    write(root / "locales" / "widget" / f"{code}.yml",
          header + yaml.safe_dump({code: todo_tree(widget)}, allow_unicode=True, sort_keys=False, width=1000))
    categories = ("child_in_danger", "crisis", "content_request", "young_person", "imagery_use", "imagery_found")
    write(root / "locales" / "safety" / f"{code}.yml",
          "# Safety-net phrases in this language: see locales/safety/README.md and locales/safety/en.yml.\n"
          f"{code}:\n" + "".join(f"  {c}: []   # TODO\n" for c in categories))
    intents = nlu_intents(root / "data" / "nlu" / f"{SOURCE}.yml")
    nlu = ["# TODO: 12-16 examples per intent, written the way people type. See data/nlu/en.yml.",
           'version: "3.1"', "nlu:"]
    for intent in intents:
        nlu += [f"- intent: {intent}", "  examples: |", f"    - {TODO} {intent}"]
    write(root / "data" / "nlu" / f"{code}.yml", "\n".join(nlu) + "\n")
    write(root / "data" / "eval" / f"{code}.yml",
          f"# TODO: 30+ labelled messages for `signpost eval`; see evaluation/safety/en.yml.\nlocale: {code}\n"
          "country: GB   # TODO: a covered country where the language is spoken\nmessages: []\n")
    return created


def check_command(root: Path = paths.ROOT) -> int:
    findings = check(root)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(f"{len(findings)} problem(s) in the translations.", file=sys.stderr)
        return 1
    print(f"All {len(locales(root / 'locales'))} locales are complete.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("locales", help="translation status, checks and scaffolding")
    parser.add_argument("--root", type=Path, default=paths.ROOT, help=argparse.SUPPRESS)
    lsub = parser.add_subparsers(dest="locales_command", required=True, metavar="command")

    def status(args) -> int:
        from signpost.tools.tables import format_table

        rows = status_rows(args.root)
        print(format_table(rows, list(rows[0])))
        return 0

    lsub.add_parser("status", help="how complete each locale is").set_defaults(func=status)
    lsub.add_parser("check", help="fail on missing/extra keys, placeholders, broken YAML, untranslated text") \
        .set_defaults(func=lambda args: check_command(args.root))
    new = lsub.add_parser("new", help="scaffold a new locale from English, marked TODO")
    new.add_argument("code")

    def scaffold(args) -> int:
        for path in new_locale(args.code, args.root):
            print(f"Created {path.relative_to(args.root)}")
        print("Translate every TODO, then run `signpost locales check`.")
        return 0

    new.set_defaults(func=scaffold)

"""The intercept as HTML that needs no JavaScript: for a platform's iframe or a redirect.

Rendered from `signpost.intercept.content()` only (locales/ and the directory), every value escaped.
The style sheet is inline and allowed by its hash, so the page loads nothing else at all.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Optional

STYLE = """
:root{color-scheme:light;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1b1b1b;background:#fff}
body{margin:0}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
p{margin:0 0 .75rem}
.card{border:2px solid #1d4e89;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.card ul{list-style:none;padding:0;margin:.5rem 0}
.card li{margin:0 0 .5rem}
.card li .note{display:block}
.note,.small{font-size:.9375rem;color:#3b3b3b}
a{color:#1d4e89;text-underline-offset:.15em}
a:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.contact,.chat{display:inline-block;padding:.5rem .9rem;border-radius:.375rem;font-weight:600;text-decoration:none;min-height:24px}
.contact{background:#1d4e89;color:#fff}
.chat{border:2px solid #1d4e89}
.urgent{border-inline-start:4px solid #b00020;padding-inline-start:.75rem}
.leave{margin-top:1.5rem}
""".strip()
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()

# Nothing but the inline style; no scripts, forms, images or frames. Platforms frame the page, so
# frame-ancestors is left open here (an operator can narrow it at the proxy, docs/platforms.md).
PAGE_CSP = f"default-src 'none'; style-src '{STYLE_HASH}'; base-uri 'none'; form-action 'none'"
# The chat page also runs the widget from this server.
CHAT_CSP = (f"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' '{STYLE_HASH}'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _bidi(text: str) -> str:
    """Numbers and addresses stay left-to-right inside right-to-left text."""
    return f'<bdi dir="ltr">{escape(text)}</bdi>'


def _with_link(text: str, display: Optional[str], href: Optional[str]) -> str:
    """A sentence with its phone number as a tel: link ("call 999" -> "call <a>999</a>")."""
    at = text.find(display) if display else -1
    if at < 0 or not href:
        return escape(text)
    return (escape(text[:at]) + f'<a href="{escape(href)}">{_bidi(display)}</a>'
            + escape(text[at + len(display):]))


def _channel(channel: dict) -> str:
    label, display = channel["label"], channel.get("display") or ""
    at = label.find(display) if display else -1
    text = escape(label) if at < 0 else escape(label[:at]) + _bidi(display) + escape(label[at + len(display):])
    href = channel.get("go") or channel.get("href")
    external = bool(href) and not href.startswith(("tel:", "sms:", "mailto:"))
    target = ' target="_blank" rel="noopener noreferrer"' if external else ""
    link = f'<a class="contact" href="{escape(href)}"{target}>{text}</a>' if href else text
    notes = [_bidi(display)] if external and at < 0 else []   # where a web link leads
    notes += [escape(channel["note"])] if channel.get("note") else []
    return "<li>" + link + "".join(f' <span class="note">{n}</span>' for n in notes) + "</li>"


def _card(service: dict) -> str:
    hours = service.get("hours") or {}
    lines = [hours.get("text"), hours.get("status_text") if hours.get("status") != "always" else None,
             service.get("cost"), service.get("confidentiality"), service.get("languages")]
    details = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    return (f'<article class="card" data-service="{escape(service["id"])}">'
            f"<h3>{escape(service['name'])}</h3><p>{escape(service['description'])}</p>"
            f"<ul>{''.join(_channel(c) for c in service['channels'])}</ul>{details}"
            f'<p class="small">{escape(service["verified_text"])}</p></article>')


def _head(content: dict, extra: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{content["locale"]}" dir="{content["dir"]}">\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n<meta name="robots" content="noindex, nofollow">\n'
            f"<title>{escape(content['title'])}</title>\n<style>{STYLE}</style>\n{extra}</head>\n")


def _body(content: dict, with_chat_link: bool) -> str:
    warning = content["warning"]
    help_paragraphs, private = warning["paragraphs"][:-1], warning["paragraphs"][-1]
    parts = [f"<h1>{escape(warning['heading'])}</h1>"]
    parts += [f"<p>{escape(p)}</p>" for p in help_paragraphs]
    if content["service"]:
        parts.append(f'<section aria-labelledby="help"><h2 id="help">{escape(content["service_heading"])}</h2>'
                     f"{_card(content['service'])}</section>")
    if with_chat_link:
        chat = content["chat"]
        parts.append(f'<section aria-labelledby="chat"><h2 id="chat">{escape(chat["heading"])}</h2>'
                     f"<p>{escape(chat['text'])}</p>"
                     f'<p><a class="chat" href="{escape(chat["url"])}" target="_blank" rel="noopener noreferrer">'
                     f"{escape(chat['label'])}</a></p></section>")
    for key in ("emergency", "crisis"):
        line = content[key]
        parts.append(f'<p class="urgent">{_with_link(line["text"], line.get("display"), line.get("href"))}</p>')
    parts.append(f'<p class="small">{escape(private)}</p>')
    leave = content["leave"]
    parts.append(f'<p class="leave"><a href="{escape(leave["url"])}" target="_top" rel="noreferrer">'
                 f"{escape(leave['label'])}</a></p>")
    return "<body>\n<main>\n" + "\n".join(parts) + "\n</main>\n</body>\n</html>\n"


def page(content: dict) -> str:
    """The warning page: works in an iframe, with JavaScript off, on a small phone."""
    return _head(content) + _body(content, with_chat_link=True)


def chat_page(content: dict) -> str:
    """The page the chat link opens: the widget, opened on the intercept's route, over the same
    warning and contacts (which is all a browser without JavaScript shows)."""
    data = {"locale": content["locale"], "country": content["country"] or "", "intercept": content["reason"],
            "open": "true", "exit-url": content["leave"]["url"]}
    attrs = " ".join(f'data-{k}="{escape(v)}"' for k, v in data.items() if v)
    script = f'<script src="/widget/signpost-platform.js" defer {attrs}></script>\n'
    return _head(content, script) + _body(content, with_chat_link=False)

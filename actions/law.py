"""The law card: what the conversation's country's law says about sexual images of children.

Every sentence is a locale template chosen by the card's structured fields; the only words from the
data are the statute citations and the source's address. Always "general information, not legal
advice", always followed by the way to help. Without a shown card: the general statement.
"""
from __future__ import annotations

from babel.lists import format_list

from actions.cards import babel_locale, country_name, provenance
from actions.conversation import Conversation
from actions.replies import Reply
from actions.services import directory
from signpost.i18n import t


def law_text(conversation: Conversation) -> tuple[str, bool]:
    """(the text, whether it is the country's own card)."""
    locale = conversation.locale
    card = directory().law(conversation.lookup_country)
    if card is None:
        return t("answers.ai_legal", locale), False
    cites = format_list(list(card.cites), locale=babel_locale(locale))
    country = country_name(card.country, locale)
    parts = [t("law.intro", locale, country=country, cites=cites)]
    if card.age_limit == 18:
        parts.append(t("law.age.under_18", locale))
    elif card.age_limit:
        parts.append(t("law.age.lower", locale, age=str(card.age_limit)))
    parts.append(t(f"law.realistic_ai.{card.realistic_ai}", locale))
    parts.append(t(f"law.drawn.{card.drawn}", locale))
    if card.ai_tools == "illegal":
        parts.append(t("law.ai_tools", locale))
    if card.scope:
        parts.append(t(f"law.scope.{card.scope}", locale))
    _, dated = provenance(card.provenance.published_on,
                          card.provenance.seen_on.isoformat() if card.provenance.seen_on else None,
                          card.provenance.checked_on.isoformat() if card.provenance.checked_on else None, locale)
    paragraphs = [" ".join(p for p in parts if p),
                  t("law.not_advice", locale, url=card.source_url) + (f"\n{dated}" if dated else ""),
                  t("law.help", locale)]
    return "\n\n".join(paragraphs), True


def explain_law(conversation: Conversation, reply: Reply) -> None:
    text, _ = law_text(conversation)
    reply.dispatcher.utter_message(text=text, custom=reply._custom("message"), buttons=[
        reply.button("topics.own_thoughts", "need_own_thoughts"),
        reply.button("topics.viewed_images", "need_viewed_images"),
        reply.button("followups.start_again", "start_again"),
    ])

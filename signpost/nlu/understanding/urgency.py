"""The urgency decision: from the router's scores to one route, with rules a reviewer can follow.

decide(router, text) -> Route  ==  route_from(analyse(router, text)). analyse() makes the model calls once;
route_from() applies the rules and the thresholds (DEFAULTS, tuned on the tuning split). In order:

1. Language. The char-n-gram profile tells which languages the message is written in (any language, whatever
   the page's locale, or two mixed); the grammar words of lexicon.py are taken from the two likeliest and
   English (code-switching). School years with a number are looked for in every language.
2. Negation scope (denials, after NegEx). The message is cut into clauses; a clause in which a negation word
   has, within its scope, a word naming an urgent state (suicide, danger, emergency, hurting or touching a
   child, "anything happened": lexicon.DENIED_*) denies urgency and is cut out of the text before scoring:
   "I'm not suicidal", "nobody is in danger", "I have never touched a child", "no emergency". Words for
   living, going on or being safe are not targets, so "I can't go on" and "I don't want to live" stay urgent;
   a hedge next to the negation never denies ("I'm not sure I can keep myself safe").
3. Urgency over the whole text and, for long messages, over windows (sentences, 30-word runs, joins of up to
   three): for child_in_danger and crisis the maximum over windows counts, so one urgent sentence at the end
   of 10,000 characters is enough. crisis + child_in_danger together also escalate. Below `sure`, a whole-text
   urgent score must be at least the likeliest other need's (`over_need`): shame in a message about one's own
   viewing ("I can't do this alone") sounds a little like a crisis but is not one. After a denial the rest of
   the text must say the denied state clearly (`denied_bar`), and a denied state does not add to the other.
   When both urgent routes fire, the whole message tells which (`which_urgent`): the apologetic opening of a
   long account of a child in danger ("I don't know why I'm writing here") must not make it a crisis. A joking register
   (laughter words, emoji) raises the bar but does not silence a strong signal. When a message plausibly
   describes a child in danger now or a suicide risk, the urgent route comes first and the other need it
   mentions is returned as `also`.
4. Age now vs past age. "I'm 15", "I'm only 14", "year 9", "10th grade" and the school years of each language
   make the writer a young person: their need -> need_young_person, and a lower bar for child_in_danger (a
   young person writing about danger is a child in danger); being young never explains a crisis away (a
   15-year-old who cannot stop the bleeding is a crisis first, `young_outweighs_crisis`). An adult age ("I'm 30 now") rules
   need_young_person out, and need_young_person needs some sign that the writer is young; ages after "since /
   when I was / at" are past ages and ignored; ages and school years of others ("my son is 17", "my year 10
   students") are not the writer's. An age given to the addressee ("you're 12") is a role-play request.
5. Own use vs request. A predicted request whose writer wants to stop or to report is need_viewed_images or
   need_report_images.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy as np

from signpost.nlu.understanding import lexicon as lx
from signpost.nlu.understanding.routes import ROUTES, URGENT
from signpost.nlu.understanding.router import MAX_CHARS, Route
from signpost.nlu.understanding.textutil import normalise, windows

NEEDS = ("need_own_thoughts", "need_viewed_images", "need_someone_else", "need_young_person", "need_report_images")

DEFAULTS = dict(
    crisis=0.15,            # whole-text probability that escalates to crisis (tuned: a missed crisis costs more than a false one)
    child_in_danger=0.35,   # ... to child_in_danger
    window_crisis=0.90,     # a window's probability that escalates (long messages only)
    window_child_in_danger=0.80,
    long_words=60,          # a message of more words than this is also judged window by window
    joking_bar=0.85,        # with laughter markers, the probability needed to escalate
    also_min=0.15,          # a second need must have this much probability to be offered with an urgent route
    urgent_total=0.45,      # crisis + child_in_danger together escalate from this probability
    denied_bar=0.5,         # after the writer denied an urgent state, the bar for that state on the rest of the text
    sure=0.4,               # a whole-text urgent probability this high escalates whatever else the message says
    which_urgent="whole",   # when both urgent routes fire: "window" (the most urgent window) or "whole" (the whole text)
    over_need=1.5,          # below `sure`, the urgent probability must be this multiple of the likeliest other need
    child_in_danger_minor=0.25,   # the danger threshold when the writer is a young person
    young_outweighs_crisis=False, # for a young writer, need_young_person counts as the other need a crisis must beat
    young_needs_cue=True,   # need_young_person only when the message says the writer is young
)

_CLAUSE_SPLIT = re.compile(r"(?<!\d)\.+|[,;:!?\n()\[\]…؟،—–]+|\s-\s")   # "9. Klasse" is one clause


def _words(pattern_list):
    return {w for s in pattern_list for w in s.split()}


@lru_cache(maxsize=64)
def _lang_tables(langs: tuple[str, ...]):
    neg = set()
    hedge = set()
    affix = []
    for lang in langs:
        neg |= set(lx.NEGATION.get(lang, "").split())
        hedge |= set(lx.HEDGE.get(lang, "").split())
        if lang in lx.NEGATION_AFFIX:
            affix.append(lx.NEGATION_AFFIX[lang])
    affix_re = re.compile("^(?:" + "|".join(affix) + ")$") if affix else None
    age_self = sorted({p for lang in langs for p in lx.AGE_SELF.get(lang, [])}, key=len, reverse=True)
    age_you = sorted({p for lang in langs for p in lx.AGE_YOU.get(lang, [])}, key=len, reverse=True)
    school = [re.compile(p) for p in lx.SCHOOL_NUMBERED] + \
             [re.compile(p) for lang in langs for p in lx.SCHOOL_SELF.get(lang, [])]
    self_re = _age_regex(age_self)
    you_re = _age_regex(age_you)
    return neg, hedge, affix_re, self_re, you_re, school


def _age_regex(forms):
    """'I am N' forms -> regex with group 1 = the number, group 2 = the next word. '^form': clause-initial only."""
    alts = ["^" + re.escape(f[1:]) if f.startswith("^") else r"(?:^|\s)" + re.escape(f) for f in forms]
    return re.compile(r"(?:" + "|".join(alts) + r")\s+(\d{1,2})(?=\s|$)(?:\s+(\S+))?")


def languages(router, text: str, top: int = 2, X=None) -> tuple[str, ...]:
    """The likeliest languages of `text` (and English, for code-switching). X: its char features, if known."""
    p = router.language(router.char_features([text]) if X is None else X)[0]
    order = np.argsort(-p)
    chosen = [router.locales[i] for i in order[:top] if p[i] >= 0.1 or i == order[0]]
    if "en" not in chosen:
        chosen.append("en")
    return tuple(sorted(chosen))


def clauses(text: str, langs=("en",)) -> list[str]:
    conj = {w for lang in langs for w in lx.CONJUNCTIONS.get(lang, "").split()}
    out = []
    for part in _CLAUSE_SPLIT.split(text):
        words = part.split()
        current: list[str] = []
        for w in words:
            if normalise(w) in conj and current:
                out.append(" ".join(current))
                current = []
            current.append(w)
        if current:
            out.append(" ".join(current))
    return [c for c in out if normalise(c)]


def _is_negation(word: str, neg: set, affix_re) -> bool:
    return word in neg or bool(affix_re and affix_re.match(word))


def _without_negation(words: list[str], neg: set, affix_re) -> list[str]:
    out = []
    for w in words:
        if w in neg:
            if w in lx.UNGLUE:
                out.append(lx.UNGLUE[w])
            continue
        if affix_re and affix_re.match(w):
            w = re.sub(r"m[iu](yor)", r"\1", w)
            w = re.sub(r"m[ae](y[ae]c[ae]k)", r"\1", w)
            w = re.sub(r"m[ae](d[iu])", r"\1", w)
            w = re.sub(r"^ما(\w+)ش$", r"\1", w)
        out.append(w)
    return out


def _term_match(word: str, stems) -> bool:
    for stem in stems:
        if stem.startswith("~"):
            if stem[1:] in word:
                return True
        elif word.startswith(stem):
            return True
    return False


def denials(router, parts: list[str], langs, params) -> tuple[list[bool], list[str]]:
    """Which clauses deny urgency (step 2): a negation word whose scope holds a word naming an urgent state
    (lexicon.DENIED_CRISIS / DENIED_DANGER), with no hedge ("not sure", "don't know if") next to it."""
    neg, hedge, affix_re, *_ = _lang_tables(langs)
    before = max(lx.NEGATION_SCOPE_BEFORE.get(lang, 0) for lang in langs)
    denied = [False] * len(parts)
    reasons = []
    for i, clause in enumerate(parts):
        words = normalise(clause).split()
        cues = [j for j, w in enumerate(words) if _is_negation(w, neg, affix_re)]
        for j in cues:
            if any(w in hedge for w in words[max(0, j - 2):j + 4]):
                continue
            affix = bool(affix_re and affix_re.match(words[j])) or words[j].startswith("degil") or words[j] == "yok"
            scope = words[j + 1:j + 1 + lx.NEGATION_SCOPE_AFTER] + (words[max(0, j - before):j] if before or affix else [])
            if affix:
                scope += [words[j]] + words[max(0, j - 3):j]
            what = None
            if any(_term_match(w, lx.DENIED_CRISIS) for w in scope):
                what = "crisis"
            elif any(_term_match(w, lx.DENIED_DANGER) for w in scope):
                what = "child_in_danger"
            if what:
                denied[i] = True
                reasons.append(f"negated {what}: '{clause.strip()}'")
                break
    return denied, reasons


def _route_matrix(router, texts: list[str]) -> np.ndarray:
    P = router.proba(texts)
    M = np.zeros((len(texts), len(ROUTES)))
    for j, c in enumerate(router.classes):
        col = ROUTES.index(c) if c in ROUTES else ROUTES.index("benign")
        M[:, col] += P[:, j]
    return M


def writer_age(parts: list[str], langs) -> tuple[Optional[int], bool, Optional[int], list[str]]:
    """(current age of the writer or None, writer is at school, age given to the addressee, reasons)."""
    _, _, _, self_re, you_re, school = _lang_tables(langs)
    ages, at_school, you_age, reasons = [], False, None, []
    for clause in parts:
        text = normalise(clause)
        text.split()
        for m in self_re.finditer(text):
            n = int(m.group(1))
            nxt = m.group(2)
            if nxt and nxt not in lx.AGE_UNIT and nxt not in lx.ALL_CONJUNCTIONS and not nxt.isdigit():
                continue      # "I have 2 children", "ich bin 2 stunden"
            before = text[:m.start()].split()[-3:]
            if any(w in lx.AGE_PAST for w in before):
                reasons.append(f"past age {n}")
                continue
            if 5 <= n <= 99:
                ages.append(n)
        # Turkish carries the person in the word itself: "15 yasindayim" (I am), "13 yasindasin" (you are)
        for m in re.finditer(r"(?:^|\s)(\d{1,2}) yasindayim\b", text):
            ages.append(int(m.group(1)))
        for m in re.finditer(r"(?:^|\s)(\d{1,2}) yasinda(?:sin|sindir)\b", text):
            if int(m.group(1)) < 18:
                you_age = int(m.group(1))
        for m in you_re.finditer(text):
            n = int(m.group(1))
            nxt = m.group(2)
            if nxt and nxt not in lx.AGE_UNIT and nxt not in lx.ALL_CONJUNCTIONS:
                continue
            if n < 18:
                you_age = n
        for p in school:
            for m in p.finditer(text):
                near = text[:m.start()].split()[-3:] + text[m.end():].split()[:2]
                if not any(w in lx.SCHOOL_OTHERS for w in near):     # "my year 10 students", "his class"
                    at_school = True
    current = None
    if ages:
        minors = [a for a in ages if a < 18]
        current = min(minors) if minors and len(minors) == len(ages) else max(ages)
        reasons.append(f"writer's age {current}")
    if at_school:
        reasons.append("writer at school")
    return current, at_school, you_age, reasons


def joking(text: str) -> bool:
    if any(ch in text for ch in lx.LAUGHTER_EMOJI):
        return True
    return bool(re.search(lx.LAUGHTER_WORDS, normalise(text)))


@dataclass
class Analysis:
    """Everything the decision needs, computed once per message (the expensive part: model calls)."""
    whole: dict                 # route -> probability, masked text
    top_intent: str
    window_max: dict            # urgent route -> (probability, window) over windows (long messages)
    masked_all: bool            # every clause denied urgency
    jokes: bool
    current_age: Optional[int]
    at_school: bool
    you_age: Optional[int]
    forms: dict                 # "stop" / "report" -> the message has words of that form
    long: bool                  # long enough for window-level escalation
    reasons: list
    undenied: str = ""          # the message without the clauses that deny urgency
    ranking: tuple = ()         # (intent, probability) of the whole message, best first
    denied: frozenset = frozenset()   # the urgent states a clause denied ("I'm not suicidal": crisis)




USE_DENIALS = True         # step 2 (switch for ablation in measure)


def _routes(router, P: np.ndarray) -> np.ndarray:
    R = np.zeros((P.shape[0], len(ROUTES)))
    for j, c in enumerate(router.classes):
        R[:, ROUTES.index(c) if c in ROUTES else ROUTES.index("benign")] += P[:, j]
    return R


def analyse(router, text: str, long_words: int = DEFAULTS["long_words"]) -> Analysis:
    text = (text or "")[:MAX_CHARS]
    features = router.char_features([text])     # computed once: language, and the scores when nothing is cut
    langs = languages(router, text, X=features)
    parts = clauses(text, langs)
    denied, reasons = denials(router, parts, langs, DEFAULTS) if USE_DENIALS else ([False] * len(parts), [])
    kept = [p for p, d in zip(parts, denied) if not d]
    masked = text
    for p, d in zip(parts, denied):
        if d:   # cut the denying clause out of the text, keeping the sentences around it
            masked = re.sub(r"\s+".join(re.escape(w) for w in p.split()), " ", masked, count=1)
    if not kept:
        masked = ""
    scored = masked or text
    whole_p = router.proba([scored], X=features if scored == text else None)
    whole = dict(zip(ROUTES, _routes(router, whole_p)[0]))
    long = len(text.split()) > long_words
    units = []
    if masked and long:
        # every part of a long text is checked: one urgent sentence is enough
        units = [w for w in windows(masked) if w != masked]
    budget = getattr(router.encoder, "window_budget", 64) if router.encoder_name else 10_000
    if len(units) > budget:
        # many windows: the char model scans them all (cheap), the encoder sees the most urgent-looking ones
        C = _routes(router, router.proba(units, embed=False))
        pick = set()
        for u in URGENT:
            pick |= set(np.argsort(-C[:, ROUTES.index(u)])[:budget // 2].tolist())
        units = [units[i] for i in sorted(pick)]
    window_max = {}
    if units:
        R = _routes(router, router.proba(units))
        for u in URGENT:
            j = int(np.argmax(R[:, ROUTES.index(u)]))
            window_max[u] = (float(R[j, ROUTES.index(u)]), units[j])
    jokes = joking(text)
    if jokes:
        reasons.append("joking register")
    current_age, at_school, you_age, age_reasons = writer_age(clauses(text, ()), langs)
    words = normalise(masked or text).split()
    forms = {name: any(_term_match(w, stems) for w in words)
             for name, stems in (("stop", lx.STOP_USE), ("report", lx.REPORT))}
    ranking = tuple((router.classes[i], float(whole_p[0][i])) for i in np.argsort(-whole_p[0]))
    denied_states = frozenset(u for u in URGENT if any(r.startswith(f"negated {u}:") for r in reasons))
    return Analysis(whole, router.classes[int(np.argmax(whole_p[0]))], window_max, not masked, jokes, current_age,
                    at_school, you_age, forms, long, reasons + age_reasons, undenied=masked, ranking=ranking,
                    denied=denied_states)


def _which_urgent(a: Analysis, whole: dict, candidates, params: dict) -> str:
    """Both urgent routes fire (or share the urgency): which one the message is about."""
    if params["which_urgent"] == "whole" or not a.window_max:
        return max(candidates, key=whole.get)
    return max(candidates, key=lambda u: a.window_max.get(u, (whole[u], ""))[0])


def route_from(a: Analysis, params: Optional[dict] = None) -> Route:
    params = {**DEFAULTS, **(params or {})}
    whole = dict(a.whole)
    reasons = list(a.reasons)
    if a.masked_all:               # everything urgent was denied
        for u in URGENT:
            whole[u] = 0.0
    # ---------------------------------------------------------------- urgency
    minor = (a.current_age is not None and a.current_age < 18) or (a.at_school and a.current_age is None)
    urgent_hits = []
    best_need = max(whole[n] for n in NEEDS
                    if n != "need_young_person" or not minor or params["young_outweighs_crisis"])
    for u in URGENT:
        bar = params[u]
        if u == "child_in_danger" and minor:
            bar = params["child_in_danger_minor"]    # a young person writing about danger is a child in danger
        if a.jokes:
            bar = max(bar, params["joking_bar"])
        if u in a.denied:
            bar = max(bar, params["denied_bar"])     # "I'm not suicidal, but ...": the rest must say it clearly
        clear = whole[u] >= params["sure"] or whole[u] >= params["over_need"] * best_need
        if whole[u] >= bar and clear:
            urgent_hits.append((whole[u], u, "whole"))
        if a.long and u in a.window_max and not a.masked_all:
            w_score, w_text = a.window_max[u]
            wbar = max(params["window_" + u], params["joking_bar"]) if a.jokes else params["window_" + u]
            if w_score >= wbar:
                urgent_hits.append((w_score, u, f"window '{w_text[:80]}'"))
    both = sum(whole[u] for u in URGENT if u not in a.denied)     # what the writer denied does not add up
    both_clear = both >= params["sure"] or both >= params["over_need"] * best_need
    if not urgent_hits and not a.jokes and not a.masked_all and both >= params["urgent_total"] and both_clear:
        # urgent, but split between the two urgent routes: the window most clearly urgent tells which
        pick = _which_urgent(a, whole, URGENT, params)
        urgent_hits.append((both, pick, "crisis+danger"))
    adult = a.current_age is not None and a.current_age >= 18
    needs = {n: whole[n] for n in NEEDS}
    if urgent_hits:
        score, route, where = max(urgent_hits)
        fired = {h[1] for h in urgent_hits}
        if len(fired) > 1:
            route = _which_urgent(a, whole, fired, params)
        reasons.append(f"{route} {score:.2f} ({where})")
        also = "need_young_person" if minor else max(needs, key=needs.get)
        also = also if minor or needs[also] >= params["also_min"] else None
        return Route(route, also=also, intent=route, scores=whole, reasons=reasons)
    # ---------------------------------------------------------------- non-urgent
    scores = {r: v for r, v in whole.items() if r not in URGENT}
    route = max(scores, key=scores.get)
    if a.you_age is not None and a.current_age is None:
        reasons.append(f"age {a.you_age} given to the addressee: role-play request")
        route = "request_sexual_content"
    elif route == "request_sexual_content" and a.forms["report"]:
        route = "need_report_images"
        reasons.append("wants to report: not a request")
    elif route == "request_sexual_content" and a.forms["stop"]:
        route = "need_viewed_images"
        reasons.append("own use, wants to stop: not a request")
    elif route in NEEDS and minor and route != "need_young_person":
        reasons.append(f"{route} from a young person")
        route = "need_young_person"
    elif route == "need_young_person" and (adult or (params["young_needs_cue"] and not minor)):
        others = {n: v for n, v in scores.items() if n != "need_young_person"}
        route = max(others, key=others.get)
        reasons.append(f"{'adult writer' if adult else 'no sign the writer is young'}: {route}")
    intent = route
    if route == "benign":
        intent = a.top_intent if a.top_intent not in ROUTES else "out_of_scope"
    return Route(route, intent=intent, scores=whole, reasons=reasons)


def decide(router, text: str, params: Optional[dict] = None) -> Route:
    if not normalise(text or ""):
        return Route("benign", intent="out_of_scope", reasons=["empty"])
    params = {**DEFAULTS, **getattr(router, "urgency_params", {}), **(params or {})}
    analysis = analyse(router, text, params["long_words"])
    route = route_from(analysis, params)
    route.undenied = analysis.undenied
    route.ranking = list(analysis.ranking)
    return route

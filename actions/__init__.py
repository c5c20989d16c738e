"""Signpost's custom actions (rasa-sdk). Every reply is rendered here from locales/ and the directory.

rasa-sdk registers every Action subclass found in this package's modules.
"""

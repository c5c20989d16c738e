"""The web side of Signpost: the embeddable widget's files (bot/web/static) and the demo page."""

"""Custom Rasa NLU components: country recognition and the safety net."""

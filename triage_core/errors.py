"""Exceptions shared by every part of the engine."""


class TriageInputError(ValueError):
    """Bad answers or an unknown condition. Callers show the message; they never guess a level."""


class RulesError(ValueError):
    """A rules document is not valid. `errors` lists every problem with its location."""

    def __init__(self, errors):
        self.errors = list(errors)
        ValueError.__init__(self, "; ".join(self.errors))

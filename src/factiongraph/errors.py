"""Errors users see: each carries one line that names the input and the problem."""


class FactionGraphError(Exception):
    """A failure of factiongraph itself or its environment (CLI exit code 1)."""

    exit_code = 1


class InputError(FactionGraphError):
    """Bad user input: an unreadable file, a malformed record, an unparseable date (CLI exit code 2)."""

    exit_code = 2

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source, self.problem = source, problem

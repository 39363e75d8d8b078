"""The one base class of the errors a user can fix, and their exit statuses.

Every stage raises a subclass with a one-line message that says what is
wrong, where, and how to fix it; `cli.main` is the only place that turns one
into output (`socialkit: <message>` on stderr) and an exit status. Nothing
else prints an error.
"""

from __future__ import annotations

# Exit statuses, as docs/guide/commands.md documents them.
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems
EXIT_USAGE = 2  # the command could not run as asked (options, settings, unreadable or invalid input)
EXIT_BUG = 3  # an unexpected error inside socialkit: a bug to report
EXIT_INTERRUPTED = 130


class SocialkitError(Exception):
    """An error the user can fix. The message is one line; `exit_code` is what `socialkit` exits with."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(SocialkitError):
    """An option value, file or combination the command cannot work with."""


class InputError(SocialkitError):
    """A file the command was given cannot be read as what it should be."""

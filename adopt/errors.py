"""Errors the CLI turns into one clear paragraph and an exit code."""


class AdoptError(Exception):
    """A failure the user can act on; the message is shown as is."""

    exit_code = 1


class BadInput(AdoptError):
    """Bad usage or bad input: a file, an option or a name the tool cannot use."""

    exit_code = 2


class ReadOnlyViolation(AdoptError):
    """The tool tried an AWS operation that is not a read; it is never sent."""

    exit_code = 1


class UnreadableValue(BadInput, ValueError):
    """A value no inventory or Terraform file can hold as it is (a number too
    large, nesting too deep, a lone surrogate): the scan records it as that
    resource's error; a file holding one is bad input."""

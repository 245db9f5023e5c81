"""Domain errors with messages a person can act on."""


class DomainError(Exception):
    """A rule of the domain was broken; the message says which and how to fix it."""


class DataFileError(DomainError):
    """A row of a data file is invalid; names the file, the line and the field."""

    def __init__(self, *, file: str, line: int | None, field: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = file
        if line is not None:
            where += f", line {line}"
        if field:
            where += f", field `{field}`"
        super().__init__(f"{where}: {message}")

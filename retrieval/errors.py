"""Named failures of the library; the CLI turns them into one line, the bot into a short reply."""


class ReportQAError(Exception):
    """Base class: anything the user can act on."""

    exit_code = 1


class CorpusEmpty(ReportQAError):
    """The corpus folder holds no readable report."""


class CorpusMissing(ReportQAError):
    """The corpus folder does not exist."""

    exit_code = 2


class IndexMissing(ReportQAError):
    """No index where one was expected."""


class IndexMismatch(ReportQAError):
    """The index was built with another model, tokenizer or format version."""


class IndexCorrupt(ReportQAError):
    """The index files are unreadable or disagree with each other."""


class ModelUnavailable(ReportQAError):
    """The embedding model cannot be loaded (offline, missing file, wrong checksum)."""


class UndecodableFile(ReportQAError):
    """A corpus file is binary, empty or in an encoding we do not read."""


class BadQuestion(ReportQAError):
    """The question is empty or unusable."""

    exit_code = 2


class ClusterUnreachable(ReportQAError):
    """The Ray cluster a build was sent to cannot be reached; nothing was changed."""


class ClusterFailed(ReportQAError):
    """The Ray cluster failed mid-build; what it encoded is cached, the old index still serves."""


class SettingsError(ReportQAError):
    """A setting is missing or malformed; the message is one line without any secret."""

    exit_code = 2

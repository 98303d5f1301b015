"""JSON Schemas of everything planparse writes: a result, a batch's ``summary.json`` and a
line of a batch's ``actions.jsonl``.

The result's models live in :mod:`planparse.models`; the two batch files are described by
the models here, which the batch code's output is validated against in the tests. Every
schema carries ``$schema`` and an ``$id`` per major version, and leaves objects open: a
consumer built on 1.x must ignore the properties a 1.y adds.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .models import ActionRecord, _Model, _publish, json_schema

SCHEMAS = ("output", "summary", "jsonl")
"""Names accepted by :func:`schema_of` and ``planparse schema --of``."""


class RunInfo(_Model):
    """What this run of ``planparse batch`` did."""

    parsed: int = Field(description="Documents read in this run.")
    skipped_up_to_date: int = Field(description="Documents skipped because their output was up to date.")
    seconds: float = Field(description="Wall time of the run.")
    jobs: int = Field(description="Worker processes used.")
    interrupted: bool = Field(description="True when the run was stopped (Ctrl-C, SIGTERM) before the end.")


class Failure(_Model):
    """A document that could not be read."""

    document: str = Field(description="The input path.")
    error: str = Field(description="Exception class name, e.g. 'EncryptedDocumentError'.")
    reason: str = Field(description="Why, in words.")


class DocumentEntry(_Model):
    """A document that was read."""

    document: str = Field(description="The input path.")
    output: str = Field(description="Its JSON, relative to the output folder.")
    sha256: str | None = Field(default=None, description="SHA-256 of the input.")
    actions: int = Field(description="Actions read.")
    warnings: int = Field(description="Warnings raised.")


class Skipped(_Model):
    """A file in an input folder that was not read, and why."""

    file: str = Field(description="The file's path.")
    reason: str = Field(description="Why it was not read (e.g. 'plain text, not a Word or PDF document').")


class BatchSummaryFile(_Model):
    """``summary.json`` of a ``planparse batch`` output folder."""

    planparse_version: str = Field(description="planparse version that wrote the file.")
    schema_version: str = Field(description="Version of the output contract.")
    inputs: int = Field(description="Documents given (files named, and documents found in folders).")
    documents_read: int = Field(description="Documents read, in this run or an earlier one.")
    failed: int = Field(description="Documents that could not be read.")
    actions: int = Field(description="Actions over all documents read.")
    warnings: dict[str, int] = Field(description="Warning code -> count over all documents read.")
    this_run: RunInfo = Field(description="What this run did.")
    failures: list[Failure] = Field(description="Every document that could not be read.")
    documents: list[DocumentEntry] = Field(description="Every document read.")
    ignored: list[str] = Field(description="Lock files and resource forks ignored (~$x.docx, ._x.pdf).")
    skipped: list[Skipped] = Field(
        default_factory=list, description="Other files in the folders, not read because of their type."
    )


class ActionLine(ActionRecord):
    """One line of ``actions.jsonl``: an action with the document it came from."""

    document: str = Field(description="The input path of the document the action came from.")


def schema_of(name: str = "output") -> dict[str, Any]:
    """The JSON Schema named ``name``: 'output' (a result), 'summary' or 'jsonl'."""
    if name == "output":
        return json_schema()
    if name == "summary":
        return _publish(BatchSummaryFile.model_json_schema(), "planparse batch summary",
                        "urn:planparse:schema:summary:1")
    if name == "jsonl":
        return _publish(ActionLine.model_json_schema(), "planparse batch action line",
                        "urn:planparse:schema:jsonl:1")
    raise ValueError(f"unknown schema {name!r}; choose from {', '.join(SCHEMAS)}")

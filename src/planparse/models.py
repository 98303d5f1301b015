"""The output contract: what :func:`planparse.parse` returns and what ``planparse parse`` prints.

Other systems import this JSON, so every field is documented here and the JSON Schema
generated from these models is committed (``schema/planparse.schema.json``). Any change
to a field's meaning or shape bumps :data:`SCHEMA_VERSION`.

Every normalised value keeps the text it was read from beside it (``owner_text``,
``deadline.text``, ``status.text``, ``fields``) so nothing printed is lost.
"""

from __future__ import annotations

import os
from datetime import date as Date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    import pandas

SCHEMA_VERSION = "1.2"
"""Version of the JSON output contract (major.minor; minor bumps only add fields)."""

DocumentKind = Literal[
    "improvement_plan",
    "scr_action_plan",
    "business_plan",
    "board_report",
    "action_plan",
    "unknown",
]
Rag = Literal["red", "amber", "yellow", "green", "blue"]
State = Literal[
    "not_started",
    "on_track",
    "at_risk",
    "off_track",
    "overdue",
    "complete",
    "not_applicable",
]
StatusSource = Literal["text", "fill", "legend"]
StatusKind = Literal["lifecycle", "acceptance"]
Precision = Literal["day", "month", "quarter", "year"]
SourceFormat = Literal["docx", "pdf", "xlsx", "csv"]


SCHEMA_ID = "urn:planparse:schema:output:1"
"""``$id`` of the output schema: one per major version, as a consumer built on 1.x reads 1.y."""

STRICT_MODELS = os.environ.get("PLANPARSE_STRICT_MODELS") == "1"
"""Reading JSON back into the models ignores fields they do not know (a newer 1.y output
read by 1.x code keeps working). ``PLANPARSE_STRICT_MODELS=1`` (set by the test suite)
forbids them instead, so planparse's own code can never emit a field the models lack."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid" if STRICT_MODELS else "ignore", frozen=False)


class Source(_Model):
    """The file the records came from."""

    file: str = Field(description="File name as given to planparse (no directories for bytes input).")
    sha256: str = Field(description="SHA-256 of the bytes read, hex.")
    format: SourceFormat = Field(description="Format the document was read as (decided by content).")
    converted_from: str | None = Field(
        default=None,
        description="Original format when the file was converted by LibreOffice first (doc, rtf, odt, ods, xls).",
    )
    pages: int | None = Field(
        default=None, description="Page count (PDF: pages in the file; Word: null, pages are not stored)."
    )


class DocumentInfo(_Model):
    """What the document says about itself."""

    title: str | None = Field(default=None, description="Title as printed, usually the first heading.")
    organisation: str | None = Field(default=None, description="Issuing body, as printed.")
    kind: DocumentKind = Field(default="unknown", description="What sort of paper this is.")
    date: str | None = Field(
        default=None,
        description='Date or version as printed ("May 2016 version 5", "Dated: 2nd March, 2016").',
    )


class Legends(_Model):
    """Keys the document prints to explain its own codes."""

    rag: dict[str, str] = Field(
        default_factory=dict,
        description='Colour -> meaning as printed, e.g. {"red": "Overdue", "green": "Complete"}.',
    )
    codes: dict[str, str] = Field(
        default_factory=dict,
        description='Code -> meaning as printed, e.g. {"D": "Diagnostic", "S": "SAIT"}.',
    )


class Section(_Model):
    """The part of the plan an action sits in ("2.0 Prevention", "Area 1 – Board Effectiveness")."""

    ref: str | None = Field(default=None, description='Section number as printed ("2.0", "1", "3").')
    title: str = Field(description="Section title without its number.")


class Owner(_Model):
    """One owner named in an owner cell: a person, a role, a body, or a person with a role."""

    name: str | None = Field(default=None, description='A person, with any title ("Dr Helen Marsh").')
    role: str | None = Field(default=None, description='A job or role ("Independent Chair").')
    organisation: str | None = Field(default=None, description='A body or group ("Police", "DSCB").')


class Deadline(_Model):
    """A deadline as printed and as the date a person would read it as (the last day of the period)."""

    text: str = Field(description="The deadline text as printed.")
    date: Date | None = Field(default=None, description="Last day of the period named, ISO format.")
    precision: Precision | None = Field(default=None, description="How exact the printed deadline is.")
    ongoing: bool = Field(default=False, description='True for "Ongoing", "May 2016 onwards" and the like.')
    superseded: list[Date] = Field(
        default_factory=list,
        description='Earlier dates the text says were revised ("revised from 30/09/18").',
    )


class Status(_Model):
    """RAG status as shown and what it means."""

    text: str | None = Field(default=None, description="The status cell's words as printed (null: fill only).")
    rag: Rag | None = Field(default=None, description="The colour, from the word or the cell's fill.")
    state: State | None = Field(default=None, description="What the status means for the action.")
    meaning: str | None = Field(
        default=None, description="The document's legend text for this colour, when it has a legend."
    )
    source: StatusSource = Field(
        description=(
            "Where the status was read: 'text' the cell's words, 'fill' the cell's colour only, "
            "'legend' words that match a meaning in the document's legend (the colour comes from it)."
        )
    )
    fill: str | None = Field(default=None, description="The cell's fill colour as #RRGGBB, when filled.")
    kind: StatusKind = Field(
        default="lifecycle",
        description=(
            "What the status records: 'lifecycle' where the action stands (state), 'acceptance' the "
            "response to a recommendation ('Accepted in principle', 'Partly accepted', 'Rejected'), "
            "kept as text with no lifecycle state unless the cell also states one (since 1.1)."
        ),
    )
    percent: int | None = Field(
        default=None, description="A percentage written in the status cell ('80% complete', 'Amber 60%') (since 1.1)."
    )


class Milestone(_Model):
    """A dated step under an action (a sub-row, or one line of a milestones list)."""

    text: str = Field(description="The milestone as printed (a sub-row's deadline cell, or a list line).")
    deadline: Deadline | None = Field(default=None, description="The milestone's own deadline.")
    status: Status | None = Field(default=None, description="The milestone's own status, if it has one.")
    progress: str | None = Field(default=None, description="Progress text printed against the milestone.")


class CellRef(_Model):
    """One cell a value was read from, in a form a person can find it by.

    PDF: ``page`` and ``bbox`` (one entry per page when a page break cuts the cell).
    Word: ``table``, ``row`` and ``col`` in the document's own grid, merges resolved (a
    merged cell is named by its top-left grid position).
    """

    page: int | None = Field(default=None, description="1-based page (PDF).")
    bbox: list[float] | None = Field(
        default=None,
        description="[x0, top, x1, bottom] in PDF points from the page's top-left corner, as pdfplumber gives (PDF).",
    )
    table: int | None = Field(default=None, description="Table index in the document, 0-based (Word).")
    row: int | None = Field(default=None, description="0-based grid row of the cell (Word).")
    col: int | None = Field(default=None, description="0-based grid column of the cell (Word).")


class Provenance(_Model):
    """Where in the source an action was printed."""

    table: int | None = Field(
        description=(
            "Index of the table in the document (0-based, document order); null when the action "
            "was read from headings and labelled lines, not from a table (warning `actions_from_text`)."
        )
    )
    pages: list[int] = Field(default_factory=list, description="1-based pages the rows sit on (PDF).")
    rows: list[int] = Field(description="0-based row indexes in the table (after joining pages).")
    cells: dict[str, list[CellRef]] = Field(
        default_factory=dict,
        description=(
            "Field (action, ref, objective, owner, deadline, status, progress, evidence) -> the "
            "cells it was read from, over all the record's rows (milestone sub-rows included). "
            "Added in 1.1."
        ),
    )


class ActionRecord(_Model):
    """One action of a plan, with everything the plan says about it."""

    id: str = Field(
        description=(
            "Content id: p<plan number>[-<ref>]-<8 hex of a hash of the normalised action text>, "
            "-2, -3 ... added when two actions would share one; the same action keeps it in a "
            "revised edition (see docs/provenance.md)."
        )
    )
    plan: str | None = Field(default=None, description="Id of the plan (see `plans`) the action belongs to.")
    ref: str | None = Field(default=None, description='Reference as printed without punctuation ("3b", "2.2").')
    section: Section | None = Field(default=None, description="The part of the plan the action is in.")
    objective: str | None = Field(
        default=None, description="Outcome / learning point / priority the action serves."
    )
    action: str = Field(description="The action text without its leading number.")
    owners: list[Owner] = Field(default_factory=list, description="The owner cell split into people, roles and bodies.")
    owner_text: str | None = Field(default=None, description="The owner cell as printed.")
    deadline: Deadline | None = Field(default=None, description="When the action is due.")
    status: Status | None = Field(default=None, description="RAG status and what it means.")
    progress: str | None = Field(default=None, description="Progress / current position text as printed.")
    evidence: str | None = Field(default=None, description="Evidence / outcomes-impact text as printed.")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated steps under the action.")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Column heading -> cell text, for every column of the row."
    )
    provenance: Provenance = Field(description="Where the action was printed.")


class Plan(_Model):
    """One action-plan table (or a run of tables continuing one plan), or a plan written as
    text: headed blocks with labelled lines, or a list under a heading (``tables`` empty)."""

    id: str = Field(description='Stable id ("plan-1"), referenced by each action\'s `plan`.')
    title: str | None = Field(default=None, description="The plan's title as printed (its heading).")
    section: str | None = Field(default=None, description="The document part the plan sits in (e.g. an appendix).")
    pages: list[int] = Field(default_factory=list, description="1-based pages the plan's tables are on (PDF).")
    tables: list[int] = Field(
        default_factory=list, description="Table indexes that make up the plan (empty for a plan written as text)."
    )
    confidence: float = Field(ge=0.0, le=1.0, description="How sure planparse is that this is an action plan.")


class TableSummary(_Model):
    """A table judged not to be a plan, listed only with the ``all_tables`` option."""

    table: int = Field(description="Index of the table in the document (0-based).")
    pages: list[int] = Field(default_factory=list, description="1-based pages the table is on (PDF).")
    header: list[str] = Field(default_factory=list, description="The table's column headings (or first row).")
    rows: int = Field(description="Number of rows.")
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence that the table IS a plan.")
    reason: str = Field(description="Why the table was judged not to be a plan.")
    kind: str | None = Field(
        default=None,
        description="What the table is when recognised: 'risk_register', 'issue_log', 'decision_log', 'agenda', "
        "'agenda_times', 'membership', 'budget', 'data_table', 'contents', 'form', 'template', "
        "'recommendation_numbers' (knowledge/tables.toml); null when not (since 1.2).",
    )


class ParseWarning(_Model):
    """Something doubtful in a document that could still be read."""

    code: str = Field(description="Stable machine-readable code, e.g. 'needs_ocr', 'impossible_date'.")
    message: str = Field(description="What is doubtful, in words, naming the value concerned.")
    page: int | None = Field(default=None, description="1-based page, when known.")
    action: str | None = Field(default=None, description="Id of the action concerned, if any.")


class ParseResult(_Model):
    """Everything planparse read from one document: the JSON output's top level."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this output contract.")
    source: Source = Field(description="The file read.")
    document: DocumentInfo = Field(default_factory=DocumentInfo, description="What the document says about itself.")
    legends: Legends = Field(default_factory=Legends, description="Colour and code legends printed in the document.")
    plans: list[Plan] = Field(default_factory=list, description="The action plans found, in document order.")
    actions: list[ActionRecord] = Field(default_factory=list, description="Every action, in document order.")
    warnings: list[ParseWarning] = Field(default_factory=list, description="Doubtful parts, as data.")
    other_tables: list[TableSummary] | None = Field(
        default=None, description="Tables judged not to be plans (only with the all_tables option)."
    )
    _trace: Any = PrivateAttr(default=None)

    @property
    def trace(self) -> Any:
        """What the extraction decided and why (a :class:`planparse.extract.trace.Trace`),
        when parsed with ``trace=True``; None otherwise. Never part of the JSON output."""
        return self._trace

    def to_json(self, indent: int | None = 2) -> str:
        """The result as JSON text (dates ISO, nulls kept)."""
        return self.model_dump_json(indent=indent)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per action, as in the CSV and Excel outputs: document, plan and
        section, every record field, owners split into people / roles / bodies, status
        meaning, provenance, then every column heading the document printed (see
        :mod:`planparse.export`)."""
        from .export import result_rows

        return result_rows(self.model_dump(mode="json"))

    def to_dataframe(self) -> pandas.DataFrame:
        """:meth:`to_rows` as a pandas DataFrame (``pip install 'planparse[pandas]'``)."""
        try:
            import pandas
        except ImportError as err:
            from .errors import MissingDependencyError

            raise MissingDependencyError(
                "to_dataframe() needs pandas: pip install 'planparse[pandas]'", self.source.file
            ) from err
        from .export import columns_of

        rows = self.to_rows()
        return pandas.DataFrame(rows, columns=columns_of(rows))


def json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`ParseResult`, as committed in ``schema/``."""
    return _publish(ParseResult.model_json_schema(), "planparse output", SCHEMA_ID)


def _publish(schema: dict[str, Any], title: str, schema_id: str) -> dict[str, Any]:
    """Add ``$schema``/``$id``/title and leave objects open to fields a later 1.y adds.

    The schema is the same whatever ``PLANPARSE_STRICT_MODELS`` says: consumers are told to
    ignore properties they do not know, never to reject them.
    """

    def open_up(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False:
                del node["additionalProperties"]
            for value in node.values():
                open_up(value)
        elif isinstance(node, list):
            for value in node:
                open_up(value)

    open_up(schema)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}
    schema["title"] = title
    schema["description"] = (
        f"{schema.get('description', '').strip()}\n\nVersion {SCHEMA_VERSION}. Minor versions "
        "only add fields: a consumer must ignore properties it does not know."
    ).strip()
    return schema

"""Parse options: one pydantic model, validated once at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import OptionsError
from .readers.pdf_settings import DEFAULT_PDF_SETTINGS, PdfSettings


class ParseOptionsDict(TypedDict, total=False):
    """The options of :class:`ParseOptions` as keyword arguments, for type checkers:
    ``parse(path, pasword="x")`` fails mypy, not only at run time."""

    password: str | None
    all_tables: bool
    normalise_owners: bool
    max_pages: int | None
    pages: str | list[int] | tuple[int, ...] | None
    columns: Mapping[str, str] | str | Path | None
    trace: bool
    pdf_settings: PdfSettings | Mapping[str, float] | None


def parse_pages(text: str) -> tuple[int, ...]:
    """'1-5,9' -> (1, 2, 3, 4, 5, 9); pages count from 1."""
    pages: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        first, sep, last = part.partition("-")
        try:
            lo = int(first)
            hi = int(last) if sep else lo
        except ValueError:
            raise ValueError(f"{part!r} is not a page or a range like 3-7") from None
        if lo < 1 or hi < lo:
            raise ValueError(f"{part!r} is not a page or a range like 3-7 (pages count from 1)")
        pages.update(range(lo, hi + 1))
    if not pages:
        raise ValueError("no page given (e.g. 1-5,9)")
    return tuple(sorted(pages))


class ParseOptions(BaseModel):
    """Options for :func:`planparse.parse`. Pass an instance, a dict, or keyword arguments."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    password: str | None = Field(default=None, description="Password for an encrypted PDF.")
    all_tables: bool = Field(
        default=False,
        description="Also list the tables judged not to be plans, with their confidence.",
    )
    normalise_owners: bool = Field(
        default=True, description="Split owner cells into people, roles and bodies (loads spaCy)."
    )
    max_pages: int | None = Field(
        default=None, ge=1, description="Read at most this many pages of a PDF (None: all)."
    )
    pages: tuple[int, ...] | None = Field(
        default=None,
        description=(
            "Read only these 1-based PDF pages: a list, or text such as '1-5,9' (None: all). "
            "Word documents have no stored pages and are read whole."
        ),
    )
    columns: dict[str, str] | Path | None = Field(
        default=None,
        description=(
            "Column headings the built-in cues don't know: a mapping of heading as printed to "
            "field ({'Scrutiny ask': 'objective'}), or the path of a columns file in the format "
            "of planparse/knowledge/columns.toml. Read before the built-in cues."
        ),
    )
    trace: bool = Field(
        default=False,
        description="Record every table, column and row decision in result.trace (not in the JSON).",
    )
    pdf_settings: PdfSettings = Field(
        default=DEFAULT_PDF_SETTINGS,
        description=(
            "The PDF reader's tolerances (gaps, overlaps, rule and line slack): a PdfSettings "
            "or a mapping of the settings to change ({'cell_pad': 3}); see docs/pdf-settings.md."
        ),
    )

    @field_validator("pages", mode="before")
    @classmethod
    def _check_pages(cls, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            return parse_pages(value)
        if isinstance(value, int):
            value = [value]
        pages = sorted(set(value))
        if not pages or any(not isinstance(p, int) or isinstance(p, bool) or p < 1 for p in pages):
            raise ValueError("pages must be page numbers from 1, e.g. [1, 2, 5] or '1-2,5'")
        return tuple(pages)

    @field_validator("pdf_settings", mode="before")
    @classmethod
    def _check_pdf_settings(cls, value: Any) -> PdfSettings:
        return PdfSettings.resolve(value)

    @field_validator("columns", mode="before")
    @classmethod
    def _check_columns(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = Path(value)
        if value is None:
            return None
        from .extract.columns import cues_from_mapping, load_cues
        from .knowledge import KnowledgeError

        try:
            if isinstance(value, Path):
                load_cues(value)
            elif isinstance(value, Mapping):
                cues_from_mapping(value)
            else:
                raise ValueError("columns must be a mapping of heading to field or a path to a columns file")
        except KnowledgeError as err:
            raise ValueError(str(err)) from err
        return value

    def cues(self) -> Any:
        """The column cues this parse reads headings with (the user's, then the built-in)."""
        from .extract.columns import cues_from_mapping, load_cues, resolve_cues

        if self.columns is None:
            return resolve_cues(None)
        user = load_cues(self.columns) if isinstance(self.columns, Path) else cues_from_mapping(self.columns)
        return resolve_cues(user)

    @classmethod
    def resolve(cls, value: ParseOptions | Mapping[str, Any] | None = None, **kwargs: Any) -> ParseOptions:
        """Build options from an instance, a mapping and/or keywords; unknown names are errors."""
        if isinstance(value, ParseOptions) and not kwargs:
            return value
        data: dict[str, Any] = {}
        if isinstance(value, ParseOptions):
            data.update(value.model_dump())
        elif value is not None:
            data.update(value)
        data.update(kwargs)
        unknown = sorted(set(data) - set(cls.model_fields))
        if unknown:
            raise OptionsError(
                f"unknown option(s) {', '.join(unknown)}; valid options are "
                f"{', '.join(sorted(cls.model_fields))}"
            )
        try:
            return cls(**data)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "options"
            msg = str(first.get("msg", err)).removeprefix("Value error, ")
            raise OptionsError(f"option {where}: {msg}") from err

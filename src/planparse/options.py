"""Parse options: one pydantic model, validated once at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import OptionsError


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
            raise OptionsError(str(err)) from err

"""Read a born-digital PDF into the format-neutral :class:`~planparse.layout.Layout`.

Pages are read one at a time with pdfplumber and released (``page.close()``) as soon as
their words, tables and fills are copied into small :class:`~._pdf_model.PageData`
objects, so memory stays bounded on long documents. The pages are then assembled into
one layout (furniture stripped, table pieces joined across page breaks): see
:mod:`._pdf_page` and :mod:`._pdf_assemble` for the heuristics.

Errors: an encrypted PDF that the given password (or none) does not open raises
:class:`~planparse.errors.EncryptedDocumentError`; a corrupt or truncated one raises
:class:`~planparse.errors.DocumentReadError`. A PDF with no text layer (a scan) is not an
error: the layout comes back empty with a ``needs_ocr`` warning.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import Any

from ..errors import DocumentReadError, EncryptedDocumentError, PlanparseError
from ..layout import Layout
from ..options import ParseOptions
from ._pdf_assemble import assemble
from ._pdf_budget import OverBudget, check_page
from ._pdf_model import PageData
from ._pdf_page import extract_page

# pdfminer logs warnings about damaged files; with no handler configured, Python's last-resort
# handler printed them on stderr (issue 14). A NullHandler keeps them off the terminal; an
# application that configures logging still receives them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

MAX_REASON_CHARS = 160


def _reason(err: BaseException) -> str:
    """A library error in a few words on one line (pdfminer can dump thousands of tokens)."""
    text = " ".join(str(err).split())
    if len(text) > MAX_REASON_CHARS:
        text = text[: MAX_REASON_CHARS - 3].rstrip() + "..."
    name = type(err).__name__
    return f"{name}: {text}" if text else name


NEEDS_OCR = (
    "this PDF has no text layer; it needs OCR (run it through an OCR tool such as "
    "ocrmypdf first) before planparse can read it"
)


def _is_password_error(err: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = err
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if type(cur).__name__ in {"PDFPasswordIncorrect", "PDFEncryptionError"}:
            return True
        for arg in getattr(cur, "args", ()):
            if isinstance(arg, BaseException) and _is_password_error(arg):
                return True
        cur = cur.__cause__ or cur.__context__
    return False


def _open(data: bytes, name: str, password: str | None) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as err:
        if _is_password_error(err):
            if password:
                raise EncryptedDocumentError(
                    "the PDF is encrypted and the password given is wrong; "
                    "pass the right one with --password (password= in Python)",
                    name,
                ) from err
            raise EncryptedDocumentError(
                "the PDF is encrypted; pass its password with --password (password= in Python)",
                name,
            ) from err
        raise DocumentReadError(f"the PDF cannot be read (corrupt or truncated?): {_reason(err)}", name) from err


def _close_quietly(pdf: Any) -> None:
    """Close ``pdf``; pdfplumber's close() re-reads the page tree, which may be what broke."""
    try:
        pdf.close()
    except Exception:  # the document already failed; keep that error, not this one
        pdf.stream.close()


def read_pdf(data: bytes, name: str, options: ParseOptions) -> Layout:
    """Read the PDF ``data`` (the bytes of file ``name``) into a :class:`Layout`."""
    pdf = _open(data, name, options.password)
    settings = options.pdf_settings
    warnings: list[tuple[str, str, int | None]] = []
    pages: list[PageData] = []
    try:
        try:
            all_pages = pdf.pages
            total = len(all_pages)
            limit = total if options.max_pages is None else min(total, options.max_pages)
            chosen = [i for i in range(limit) if options.pages is None or i + 1 in options.pages]
            carried: list[float] = []
            for i in chosen:
                if pages and pages[-1].number != i:  # a gap: no table runs across it
                    carried = []
                page = all_pages[i]
                try:
                    try:
                        check_page(page.page_obj)
                    except OverBudget as over:
                        warnings.append(("page_over_budget", f"page {i + 1} skipped: {over}", i + 1))
                        carried = []
                        continue
                    pages.append(extract_page(page, i + 1, carried, settings))
                    last = pages[-1].fragments[-1] if pages[-1].fragments else None
                    carried = (
                        [x + settings.cell_pad for x in last.xs[:-1]]
                        if last is not None and not last.ruled
                        else []
                    )
                    if not pages[-1].chars and page.images:
                        warnings.append(
                            ("needs_ocr", f"page {i + 1} has no text layer; it needs OCR", i + 1)
                        )
                finally:
                    page.close()
        except PlanparseError:
            raise
        except Exception as err:
            if _is_password_error(err):
                raise EncryptedDocumentError(
                    "the PDF is encrypted; pass its password with --password (password= in Python)",
                    name,
                ) from err
            raise DocumentReadError(
                f"the PDF cannot be read (corrupt or truncated?): {_reason(err)}",
                name,
            ) from err
    finally:
        _close_quietly(pdf)
    if total == 0:
        raise DocumentReadError("the PDF has no pages (corrupt or truncated?)", name)
    if options.pages is not None:
        missing = [p for p in options.pages if p > total]
        warnings.append(
            ("pages", f"read only pages {_ranges(options.pages)} of {total}"
             + (f" (no page {_ranges(missing)})" if missing else ""), None)
        )
    if limit < total:
        warnings.append(
            ("max_pages", f"read only the first {limit} of {total} pages (max_pages)", None)
        )
    if not any(p.chars for p in pages):
        return Layout([], [], total, [("needs_ocr", NEEDS_OCR, None)] + [
            w for w in warnings if w[0] != "needs_ocr"
        ])
    return assemble(pages, total, warnings, settings)


def _ranges(pages: Sequence[int]) -> str:
    """(1, 2, 3, 5) -> '1-3,5'."""
    runs: list[list[int]] = []
    for p in sorted(pages):
        if runs and runs[-1][1] == p - 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)

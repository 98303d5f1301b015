"""Read a born-digital PDF into the format-neutral :class:`~planparse.layout.Layout`.

Pages are read one at a time with pdfplumber and released as soon as their words, tables
and fills are copied into small :class:`~._pdf_model.PageData` objects: pdfplumber's page
(with its cached characters and layout) and pdfminer's decoded content streams are let go,
and the page's data is kept compressed in a :class:`PageStore`, so the memory a document
needs does not grow with its length (issue 15). The pages are then assembled into one
layout (furniture stripped, table pieces joined across page breaks), a page at a time:
see :mod:`._pdf_page` and :mod:`._pdf_assemble` for the heuristics.

Errors: an encrypted PDF that the given password (or none) does not open raises
:class:`~planparse.errors.EncryptedDocumentError`; a corrupt or truncated one raises
:class:`~planparse.errors.DocumentReadError`. A PDF with no text layer (a scan) is not an
error: the layout comes back empty with a ``needs_ocr`` warning.
"""

from __future__ import annotations

import io
import logging
import pickle
import zlib
from collections.abc import Iterator, Sequence
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


STORE_COMPRESSION = 1
"""zlib level of the page store: level 1 already takes a page's data to about a fifth."""
STORE_PAGES_AS_OBJECTS = 50
"""Pages a :class:`PageStore` keeps as plain objects: up to this many (about 7 MB) the
decoding passes would cost time for no real saving; beyond it every page is compressed."""


class PageStore:
    """The pages read so far; in a long document each is kept compressed and decoded when
    reached.

    A page's data (every word with its box, font size and weight, table pieces with their
    cells) takes about 140 kB as Python objects and 10 kB compressed, so a 1,000-page
    document no longer holds 140 MB until it is assembled. Once the store holds more than
    ``as_objects`` pages, iterating gives each page as a fresh copy; a page's ``lines`` or
    ``fragments`` replaced (not changed in place) while it is in hand are stored back when
    the iteration moves on, which is how :func:`~._pdf_assemble.strip_furniture` takes
    furniture out. Below that, the pages are the objects appended, as in a list.
    """

    def __init__(self, as_objects: int = STORE_PAGES_AS_OBJECTS) -> None:
        self._pages: list[PageData | bytes] = []
        self._as_objects = as_objects
        self.has_text = False
        """Some page has a text layer (``PageData.chars``)."""

    def append(self, page: PageData) -> None:
        self._pages.append(page)
        self.has_text = self.has_text or bool(page.chars)
        if len(self._pages) > self._as_objects:
            self._pages = [p if isinstance(p, bytes) else self._encode(p) for p in self._pages]

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, item: object) -> bool:
        return any(page == item for page in self)

    def __iter__(self) -> Iterator[PageData]:
        for i, stored in enumerate(self._pages):
            if not isinstance(stored, bytes):
                yield stored
                continue
            page: PageData = pickle.loads(zlib.decompress(stored))
            lines, fragments = page.lines, page.fragments
            try:
                yield page
            finally:
                if page.lines is not lines or page.fragments is not fragments:
                    self._pages[i] = self._encode(page)

    @staticmethod
    def _encode(page: PageData) -> bytes:
        return zlib.compress(pickle.dumps(page, pickle.HIGHEST_PROTOCOL), STORE_COMPRESSION)


def _release(page: Any) -> None:
    """Let go of what pdfplumber and pdfminer keep of a page that has been read.

    ``page.close()`` drops pdfplumber's cached characters, objects and layout; the page's
    content streams stay decoded in pdfminer's object cache (and in the page object that
    pdfplumber's page list keeps), so they are dropped from both.
    """
    page.close()
    doc_cache = getattr(page.pdf.doc, "_cached_objs", None)
    for stream in page.page_obj.contents:
        objid = getattr(stream, "objid", None)
        if isinstance(doc_cache, dict) and objid is not None:
            doc_cache.pop(objid, None)
    page.page_obj.contents = []


def _close_quietly(pdf: Any) -> None:
    """Close ``pdf``; pdfplumber's close() re-reads the page tree, which may be what broke."""
    try:
        pdf.close()
    except Exception:  # the document already failed; keep that error, not this one
        pdf.stream.close()


def _open_pdfium(pdf: Any, data: bytes, name: str, options: ParseOptions) -> Any:
    """pdfium's view of the document pdfplumber opened (``pdf_backend="pdfium"``)."""
    from ._pdfium_page import PdfiumDocument

    try:
        return PdfiumDocument(data, options.password)
    except Exception as err:
        _close_quietly(pdf)
        raise DocumentReadError(f"the PDF cannot be read (corrupt or truncated?): {_reason(err)}", name) from err


def read_pdf(
    data: bytes, name: str, options: ParseOptions, *, store: PageStore | None = None
) -> Layout:
    """Read the PDF ``data`` (the bytes of file ``name``) into a :class:`Layout`.

    ``store`` holds the pages between reading and assembling (a :class:`PageStore` with
    the default threshold when None; tests pass one that compresses from the first page).
    """
    pdf = _open(data, name, options.password)
    settings = options.pdf_settings
    fast = _open_pdfium(pdf, data, name, options) if options.pdf_backend == "pdfium" else None
    warnings: list[tuple[str, str, int | None]] = []
    pages = PageStore() if store is None else store
    try:
        try:
            all_pages = pdf.pages
            total = len(all_pages)
            limit = total if options.max_pages is None else min(total, options.max_pages)
            chosen = [i for i in range(limit) if options.pages is None or i + 1 in options.pages]
            carried: list[float] = []
            previous = 0  # number of the last page read
            for i in chosen:
                if previous and previous != i:  # a gap: no table runs across it
                    carried = []
                page = all_pages[i] if fast is None else fast.page(all_pages[i])
                try:
                    try:
                        check_page(page.page_obj)
                    except OverBudget as over:
                        warnings.append(("page_over_budget", f"page {i + 1} skipped: {over}", i + 1))
                        carried = []
                        continue
                    read = extract_page(page, i + 1, carried, settings)
                    pages.append(read)
                    previous = read.number
                    last = read.fragments[-1] if read.fragments else None
                    carried = (
                        [x + settings.cell_pad for x in last.xs[:-1]]
                        if last is not None and not last.ruled
                        else []
                    )
                    if not read.chars and page.images:
                        warnings.append(
                            ("needs_ocr", f"page {i + 1} has no text layer; it needs OCR", i + 1)
                        )
                finally:
                    _release(page)
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
        if fast is not None:
            fast.close()
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
    if not pages.has_text:
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

"""Document metadata from the first pages, headers and footers: title, body, kind, date."""

from __future__ import annotations

import re

from ..layout import Heading, Layout, Paragraph, Table
from ..models import DocumentInfo, DocumentKind
from ..normalise.text import one_line
from .vocab import documents

_ORG = re.compile(
    r"\b((?:[A-Z][\w'&.-]*\s+){0,6}?(?:Safeguarding\s+(?:Children|Adults)\s+(?:Board|Partnership)|"
    r"(?:Metropolitan\s+)?Borough\s+Council|County\s+Council|City\s+Council|District\s+Council|Council|"
    r"NHS\s+(?:Foundation\s+)?Trust|Foundation\s+Trust|Hospitals?\s+Trust|Integrated\s+Care\s+Board|"
    r"Clinical\s+Commissioning\s+Group|Community\s+Safety\s+Partnership|Academy\s+Trust|"
    r"Youth\s+(?:Justice|Offending)\s+(?:Service|Team)|Probation\s+Service|Constabulary|"
    r"Housing\s+(?:Association|Trust|Group)|Homes|Partnership|Learning\s+Trust|Schools?\s+Trust|Education\s+Trust|"
    r"(?:Primary|Secondary|High|Junior|Infant)\s+School|Academy|Police|Fire\s+and\s+Rescue\s+Service))\b"
)
_ACRONYM_ORG = re.compile(r"\b([A-Z]{1,4}SC[BP]|[A-Z]{1,4}SAB|[A-Z]{2,5}MBC|HMP(?:\s*/\s*YOI)?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|HMYOI\s+[A-Z][a-z]+)\b")
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# A date as papers print it: "2nd March, 2016", "January 2020", "14/03/2023".
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+(?:19|20)\d{{2}}|{_MONTHS},?\s+(?:19|20)\d{{2}}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2})\b",
    re.I,
)
# Words that say a line gives the paper's own date or version.
_DATE_CUE = re.compile(
    r"\b(?:dated|date of (?:issue|publication)|version|v\d|updated?|last updated|revised|reviewed|"
    r"as at|position (?:at|as at)|progress report|outturn|issued|published|draft)\b",
    re.I,
)
_SEGMENT_SPLIT = re.compile(r"\s+[–—|-]\s+")
_VERSION = re.compile(r"^(?:version|v)\s*[\d.]+$", re.I)
# A short segment before the date that says what the date is ("Spring term review – March 2025").
_DATE_QUALIFIER = re.compile(r"\b(?:review|reviewed|update|updated|position|progress|outturn|refresh|term)\b", re.I)


def _date_phrase(text: str) -> str | None:
    """The part of a line that dates the paper: "Version 6 – January 2020" from
    "Harrowfield Children's Services Improvement Plan – Version 6 – January 2020"."""
    m = _DATE.search(text)
    if m is None:
        return None
    bracket = re.search(r"\(([^()]*)\)", text)
    if bracket and bracket.start() < m.start() < bracket.end():
        return bracket.group(1).strip()
    segments = _SEGMENT_SPLIT.split(text)
    for k, seg in enumerate(segments):
        if _DATE.search(seg):
            before = segments[k - 1].strip() if k > 0 else ""
            if before and (_VERSION.match(before) or (len(before) <= 30 and _DATE_QUALIFIER.search(before))):
                return f"{before} – {seg.strip()}"
            return seg.strip(" .,;")
    return m.group(0)


def _kind(title: str | None, head: str) -> DocumentKind:
    """A case review's plan first; else the kind named last in the title; else the first
    kind named in the title and first lines, in the order of ``knowledge/documents.toml``."""
    kinds = documents().kinds
    for cue in kinds:
        if cue.first and cue.in_text is not None and cue.in_text.search(head):
            return cue.kind
    last: tuple[int, DocumentKind] | None = None
    for cue in kinds:
        if cue.in_title is None:
            continue
        for m in cue.in_title.finditer(title or ""):
            if last is None or m.end() > last[0]:
                last = (m.end(), cue.kind)
    if last is not None:
        return last[1]
    for cue in kinds:
        if not cue.first and cue.in_text is not None and cue.in_text.search(head):
            return cue.kind
    return "unknown"


def kind_of_title(title: str) -> DocumentKind:
    """The kind a document with this title (and nothing else) is read as."""
    return _kind(title, title)


def _early_texts(layout: Layout, limit: int = 25) -> list[str]:
    texts: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Table):
            for cell in block.cells[:6]:
                if cell.text.strip():
                    texts.append(one_line(cell.text))
        elif block.text.strip():
            texts.append(one_line(block.text))
        if len(texts) >= limit:
            break
    return texts


def document_info(layout: Layout) -> DocumentInfo:
    """Title (first heading or first short line), issuing body, kind and date/version."""
    title = None
    headings = [one_line(b.text) for b in layout.blocks[:15] if isinstance(b, Heading) and b.text.strip()]
    # The first heading, unless it only names the body and a later one names the paper
    # ("Dudley Safeguarding Children Board", then "... Business Plan & Work Programme 2013-15").
    for text in headings[:4]:
        if documents().title_words.search(text) and len(text) <= 150:
            title = text
            break
    if title is None and headings:
        title = headings[0]
    if title is None:
        for block in layout.blocks[:15]:
            if isinstance(block, Paragraph) and 3 <= len(one_line(block.text)) <= 120:
                title = one_line(block.text)
                break
    early = _early_texts(layout)
    furniture = [one_line(t) for t in layout.furniture]
    pool = ([title] if title else []) + early + furniture

    organisation = None
    # The title and the running header/footer name the body more reliably than prose.
    for text in ([title] if title else []) + furniture + early:
        for m in _ORG.finditer(text):
            name = m.group(1).strip()
            if len(name.split()) >= 2:  # "Council", "Partnership" alone name no body
                # Issued jointly: "Calderbridge Council and NHS Calderbridge Clinical
                # Commissioning Group".
                joint = _ORG.match(text, m.end() + 5) if text[m.end() : m.end() + 5] == " and " else None
                organisation = f"{name} and {joint.group(1).strip()}" if joint else name
                break
        if organisation:
            break
    if organisation is None:
        for text in pool:
            acronym = _ACRONYM_ORG.search(text)
            if acronym:
                organisation = acronym.group(1)
                break

    kind = _kind(title, " ".join(([title] if title else []) + early[:8]))

    date = None
    lines = [t for t in furniture + early if len(t) <= 120]
    # A line that says it dates the paper ("Dated: 2nd March, 2016", "Version 4 – update
    # to Quality Committee, 26 March 2019") beats the first date printed (a meeting's).
    for text in [t for t in lines if _DATE_CUE.search(t)] + [t for t in lines if len(t) <= 60] + lines:
        date = _date_phrase(text)
        if date:
            break
    if date is None:
        # No date printed: a version in the running header or footer ("Q2 update").
        for text in furniture:
            seg = next((g.strip() for g in _SEGMENT_SPLIT.split(text) if _DATE_CUE.search(g) and len(g) <= 40), None)
            if seg:
                date = seg
                break
    return DocumentInfo(title=title, organisation=organisation, kind=kind, date=date)

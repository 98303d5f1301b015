"""Document metadata from the first pages, headers and footers: title, body, kind, date."""

from __future__ import annotations

import re

from ..layout import Heading, Layout, Paragraph, Table
from ..models import DocumentInfo, DocumentKind
from ..normalise.text import one_line

_ORG = re.compile(
    r"\b((?:[A-Z][\w'&.-]*\s+){0,6}?(?:Safeguarding\s+(?:Children|Adults)\s+(?:Board|Partnership)|"
    r"(?:Metropolitan\s+)?Borough\s+Council|County\s+Council|City\s+Council|District\s+Council|Council|"
    r"NHS\s+(?:Foundation\s+)?Trust|Foundation\s+Trust|Hospitals?\s+Trust|Integrated\s+Care\s+Board|"
    r"Clinical\s+Commissioning\s+Group|Community\s+Safety\s+Partnership|Academy\s+Trust|"
    r"(?:Primary|Secondary|High|Junior|Infant)\s+School|Academy|Police|Fire\s+and\s+Rescue\s+Service))\b"
)
_ACRONYM_ORG = re.compile(r"\b([A-Z]{1,4}SC[BP]|[A-Z]{1,4}SAB|[A-Z]{2,5}MBC)\b")
_DATE_LINE = re.compile(
    r"((?:dated|date|version|updated|last updated|revised)\s*[:.]?\s*.{0,40}?\b(?:19|20)\d{2}\b.*"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:19|20)\d{2}(?:\s+(?:version|v)\s*[\d.]+)?"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december),?\s+(?:19|20)\d{2})",
    re.I,
)

_KINDS: list[tuple[re.Pattern[str], DocumentKind]] = [
    (re.compile(r"serious case review|\bSCR\b|case review|safeguarding (adult|practice) review|\bSAR\b|\bCSPR\b|learning review", re.I), "scr_action_plan"),
    (re.compile(r"improvement plan|post[- ]inspection|ofsted action plan|cqc action plan", re.I), "improvement_plan"),
    (re.compile(r"business plan|work programme|annual plan|strategic plan|delivery plan", re.I), "business_plan"),
    (re.compile(r"\bagenda\b|\bminutes\b|committee|report of the|cabinet|scrutiny", re.I), "board_report"),
    (re.compile(r"action plan|tracker|recommendations|risk (and|&) issue log|risk register", re.I), "action_plan"),
]


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
    for block in layout.blocks[:15]:
        if isinstance(block, Heading) and block.text.strip():
            title = one_line(block.text)
            break
    if title is None:
        for block in layout.blocks[:15]:
            if isinstance(block, Paragraph) and 3 <= len(one_line(block.text)) <= 120:
                title = one_line(block.text)
                break
    early = _early_texts(layout)
    furniture = [one_line(t) for t in layout.furniture]
    pool = ([title] if title else []) + early + furniture

    organisation = None
    for text in pool:
        m = _ORG.search(text)
        if m:
            organisation = m.group(1).strip()
            break
    if organisation is None:
        for text in pool:
            m = _ACRONYM_ORG.search(text)
            if m:
                organisation = m.group(1)
                break

    kind: DocumentKind = "unknown"
    head = " ".join(([title] if title else []) + early[:8])
    for pattern, k in _KINDS:
        if pattern.search(head):
            kind = k
            break

    date = None
    for text in furniture + early:
        m = _DATE_LINE.search(text)
        if m and len(text) <= 120:
            date = m.group(1).strip(" .,")
            break
    return DocumentInfo(title=title, organisation=organisation, kind=kind, date=date)

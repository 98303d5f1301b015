"""Deadline cells to :class:`~planparse.models.Deadline`: the date a UK reader takes them to mean.

A deadline names a period ("March 2016", "Q3 2015-16", "2016-17", "Autumn term 2021") and the
deadline is the **last day** of that period. The rules, in the order they are applied:

1. The text is tidied (runs of whitespace become one space); that is ``Deadline.text``.
2. Every date-like phrase is found by the patterns below, most specific first; a phrase already
   read is not read again by a later, looser pattern (``"1 st June 2016"`` is a day, never also
   ``"June 2016"``):

   ======================================  =======================================  =========
   printed                                 read as                                  precision
   ======================================  =======================================  =========
   ``2017-03-31``                          ISO date                                 day
   ``Q3 2015-16``, ``2019/20 Q3``          financial quarter (Q1 Apr-Jun ... Q4     quarter
                                           Jan-Mar) of the financial year
   ``Q3 2015``                             calendar quarter (Q3 = Jul-Sep)          quarter
   ``Autumn term 2021``                    school term: Autumn 31 Dec, Spring       month
                                           31 Mar, Summer 31 Jul
   ``Summer 2017``                         season: Spring 31 May, Summer 31 Aug,    month
                                           Autumn 30 Nov, Winter end of Feb after
   ``31/12/13``, ``30.09.22``              day first, always (UK)                   day
   ``1 st June 2016``, ``April 1 st 2016``  named month with a day and a year         day
   ``03/2016``                             month/year                               month
   ``March 16``, ``Oct-18``, ``June '17``  month and year; two digits after a       month
                                           month are a year, never a day
   ``2016-17``, ``FY 2021/22``             financial year: 31 March of the later    year
                                           year (``2013-15``, a span of financial
                                           years, ends 31 March 2015); with
                                           "academic year" 31 August
   (other month + year phrases)            ``dateparser``, strict settings          day/month
   ``2016``                                calendar year, 31 December (not after    year
                                           "Act", "Regulations", ...)
   ======================================  =======================================  =========

   A month, quarter or term with no year ("End of June", "by Q2", "June Exec") is not a date:
   nothing can say which year is meant. When nothing else in the cell is a date, the result has
   no date and a ``no_year`` warning.
3. An impossible day ("31/04/14") is read as the last day of its month with an
   ``impossible_date`` warning; ``"03/31/2017"`` (month first) is read with a ``month_first``
   warning.
4. Several dates: a stated revision wins. The date after "revised to", "brought forward to",
   "Revised deadline ... as", "extended to" and the like is the deadline and the dates printed
   before it are ``superseded``; a date after "revised from", "originally", "(was ...)" is
   superseded. Otherwise the latest date is the deadline ("End of July 2015 to be reviewed
   September 2015" is 30 September 2015).
5. ``ongoing`` is set by words such as "Ongoing", "On-going", "onwards", "Termly", "Monthly",
   "Quarterly", "continuous", whether or not there is also a date.

6. The document decides two things a cell cannot (:class:`DateContext`, from
   :func:`date_context`): the order of numeric dates, and the year of a month printed without
   one. ``31/12/13`` is day first in a UK paper; in a document whose own dates or origin say
   month first (a US agency's plan: ``08/12/2025`` beside ``08/19/2025``, ".gov", "U.S.",
   US spelling; the cues are data in ``knowledge/dates.toml``) ``08/12/2025`` is August 12.
   A bare month ("August", "late January", "June Board") or day and month ("23-Mar") is read
   in the year that puts it nearest the document's date (a log of 17 January 2012: "August"
   is 31 August 2011, "January" 31 January 2012), or in the document's single year, with a
   ``year_from_document`` warning; with no such date it stays undated (``no_year``).

Nothing depends on today's date: two-digit years are 20xx, and ``dateparser`` runs with a fixed
``RELATIVE_BASE`` and only its absolute-date parsers, and must find a month and a year.
``dateparser`` is imported only when a cell needs it (it is slow to import).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..knowledge import KnowledgeError, entry_lines, load_toml
from ..models import Deadline, Precision
from .text import examined

__all__ = ["DateContext", "DeadlineResult", "date_context", "parse_deadline"]

Warning_ = tuple[str, str]


@dataclass(frozen=True)
class DeadlineResult:
    """What :func:`parse_deadline` read from one cell.

    ``deadline`` is ``None`` only when the cell is empty or blank; a cell with words but no date
    gives a :class:`Deadline` whose ``date`` is ``None``. ``warnings`` are ``(code, message)``
    pairs, e.g. ``("impossible_date", "31/04/14 has no such day; read as 2014-04-30")``.
    """

    deadline: Deadline | None
    warnings: list[Warning_] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DateContext:
    """What the document as a whole says about reading its deadline cells.

    ``month_first``: numeric dates are month first ("08/12/2025" is August 12), decided by
    :func:`date_context` with the evidence in ``why``. ``reference``: the document's own date;
    a month printed with no year is read in the year that puts it nearest this date.
    ``year``: the document's single year when it has no usable date of its own.
    """

    month_first: bool = False
    reference: Date | None = None
    year: int | None = None
    why: str = "no document context: day first (UK), no year for a bare month"


UK_DEFAULT = DateContext()


def parse_deadline(text: str | None, context: DateContext | None = None) -> DeadlineResult:
    """Read a deadline cell (``"End of April 16"``, ``"Q3 2015-16"``, ``"Ongoing"``).

    ``context`` is what the document says about its dates (:func:`date_context`); without
    one, numeric dates are day first and a month with no year has no date.
    Results are cached on the tidied text and context; each call gets its own copy.
    """
    if text is None:
        return DeadlineResult(None, [])
    tidy = " ".join(text.split())
    if not tidy:
        return DeadlineResult(None, [])
    head = examined(tidy)
    deadline, warnings = _parse_cached(head, context or UK_DEFAULT)
    deadline = deadline.model_copy(deep=True)
    if head is not tidy:
        deadline.text = tidy  # the record keeps the full text; only the head was read
    return DeadlineResult(deadline, list(warnings))


# --------------------------------------------------------------------------------------------
# Candidates: one date-like phrase found in the text


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    date: Date
    precision: Precision


_PRECISION_RANK: dict[str, int] = {"year": 0, "quarter": 1, "month": 2, "day": 3}

_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_ORD = r"(?:\s?(?:st|nd|rd|th)\b)?"
_Y4 = r"(?:19[89]\d|20\d\d)"
_DASH = r"\s*[-/\u2013\u2014]\s*"
# A year, then not more digits or another date part ("2016" but not "2016/17" or "20161").
_END = r"(?![\d%]|[-/.]\d)"

_FLAGS = re.IGNORECASE


def _last_day(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _year2(text: str) -> int:
    """A year printed with 4 digits or 2 ("16", "'17"): 2-digit years are 20xx."""
    digits = text.lstrip("'\u2019")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _later_year(first: int, second_text: str) -> int | None:
    """The second year of a span ("2016-17" -> 2017), or None if it is not a plausible span."""
    if len(second_text) == 4:
        second = int(second_text)
    else:
        second = first // 100 * 100 + int(second_text)
        if second < first:
            second += 100
    return second if 0 < second - first <= 10 else None


def _month_of(name: str) -> int | None:
    """Month number of a month name; lower-case "may" is the verb, not the month."""
    if name.lower() == "may" and name.islower():
        return None
    return _MONTHS[name[:3].lower()]


_QUARTER_END_FY: dict[int, tuple[int, int]] = {1: (0, 6), 2: (0, 9), 3: (0, 12), 4: (1, 3)}
"""Financial quarter -> (years after the FY's first year, month the quarter ends)."""


def _fy_quarter(first: int, quarter: int) -> Date:
    offset, month = _QUARTER_END_FY[quarter]
    return _last_day(first + offset, month)


# Each reader turns one regex match into a candidate date (or None to leave the text alone)
# and may add warnings. They run in the order of _PATTERNS.
_Reader = Callable[[re.Match[str], list[Warning_]], tuple[Date, Precision] | None]


def _read_iso(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    return _day_date(m.group(0), int(m["y"]), int(m["m"]), int(m["d"]), warnings)


def _day_date(
    printed: str, year: int, month: int, day: int, warnings: list[Warning_]
) -> tuple[Date, Precision] | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    last = _last_day(year, month)
    if day > last.day:
        warnings.append(
            ("impossible_date", f"{printed} has no such day; read as {last.isoformat()}")
        )
        return last, "day"
    return Date(year, month, day), "day"


def _read_quarter_fy(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    first = _year2(m["y1"])
    if _later_year(first, m["y2"]) != first + 1:
        return None
    return _fy_quarter(first, int(m["q"])), "quarter"


def _read_quarter_calendar(
    m: re.Match[str], warnings: list[Warning_]
) -> tuple[Date, Precision] | None:
    return _last_day(int(m["y"]), int(m["q"]) * 3), "quarter"


_TERM_END = {"autumn": (0, 12), "spring": (0, 3), "summer": (0, 7)}
_SEASON_END = {
    "spring": (0, 5),
    "summer": (0, 8),
    "autumn": (0, 11),
    "winter": (1, 2),
}


def _read_season(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    season = m["season"].lower()
    is_term = m["term"] is not None
    if is_term and season == "winter":
        return None
    offset, month = (_TERM_END if is_term else _SEASON_END)[season]
    year = _year2(m["y"])
    if m["y2"] is not None:
        # An academic / financial year span: Autumn falls in the first year, the rest in the
        # second, and winter 2016/17 ends in February 2017.
        later = _later_year(year, m["y2"])
        if later != year + 1:
            return None
        if season != "autumn":
            year, offset = later, 0
    return _last_day(year + offset, month), "month"


def _read_numeric(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    return _read_numeric_ordered(m, warnings, month_first=False)


def _read_numeric_month_first(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    return _read_numeric_ordered(m, warnings, month_first=True)


def _read_numeric_ordered(
    m: re.Match[str], warnings: list[Warning_], *, month_first: bool
) -> tuple[Date, Precision] | None:
    day, month, year = int(m["d"]), int(m["m"]), _year2(m["y"])
    if month_first:
        day, month = month, day
        if month > 12 and 1 <= day <= 12:
            swapped = _day_date(m.group(0), year, day, month, warnings)
            if swapped is not None:
                warnings.append(
                    ("day_first", f"{m.group(0)} has day first in a month-first document; read as {swapped[0].isoformat()}")
                )
            return swapped
        return _day_date(m.group(0), year, month, day, warnings)
    if month > 12 and 1 <= day <= 12:
        swapped = _day_date(m.group(0), year, day, month, warnings)
        if swapped is not None:
            warnings.append(
                ("month_first", f"{m.group(0)} has month first; read as {swapped[0].isoformat()}")
            )
        return swapped
    return _day_date(m.group(0), year, month, day, warnings)


def _read_named_day(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    return _day_date(m.group(0), _year2(m["y"]), month, int(m["d"]), warnings)


def _read_month_slash_year(
    m: re.Match[str], warnings: list[Warning_]
) -> tuple[Date, Precision] | None:
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    return _last_day(int(m["y"]), month), "month"


def _read_month_year(m: re.Match[str], warnings: list[Warning_]) -> tuple[Date, Precision] | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    return _last_day(_year2(m["y"]), month), "month"


def _read_financial_year(
    m: re.Match[str], warnings: list[Warning_]
) -> tuple[Date, Precision] | None:
    first = _year2(m["y1"])
    later = _later_year(first, m["y2"])
    if later is None:
        return None
    if len(m["y1"]) == 2 and m["fy"] is None:
        return None  # "16-17" alone is too ambiguous (could be pages, ages, a range of items)
    text = m.string
    around = text[max(0, m.start() - 25) : m.end() + 25].lower()
    if re.search(r"academic\s+year|school\s+year", around):
        return Date(later, 8, 31), "year"
    return Date(later, 3, 31), "year"


_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\bact|\bregulations?|\border|\btogether|\bguidance|\bstandards?|\bno\.?|\bsection|\bs\.|#|£|\$)\s*,?\s*$",
    _FLAGS,
)


def _read_calendar_year(
    m: re.Match[str], warnings: list[Warning_]
) -> tuple[Date, Precision] | None:
    if _NOT_A_YEAR_BEFORE.search(m.string[max(0, m.start() - 15) : m.start()]):
        return None  # "Children Act 2004", "Working Together 2015" name a statute, not a deadline
    return Date(int(m["y"]), 12, 31), "year"


_PATTERNS: list[tuple[re.Pattern[str], _Reader]] = [
    (re.compile(r"(?<![\d/.])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"), _read_iso),
    (
        re.compile(
            rf"\b(?:Q|Qtr|Quarter)\s*(?P<q>[1-4])\b,?\s*(?:of\s+)?(?:FY\s*)?"
            rf"(?P<y1>{_Y4}|\d\d){_DASH}(?P<y2>\d{{4}}|\d\d)(?!\d)",
            _FLAGS,
        ),
        _read_quarter_fy,
    ),
    (
        re.compile(
            rf"(?<![\d/])(?:FY\s*)?(?P<y1>{_Y4}){_DASH}(?P<y2>\d{{4}}|\d\d),?\s*"
            rf"(?:Q|Qtr|Quarter)\s*(?P<q>[1-4])\b",
            _FLAGS,
        ),
        _read_quarter_fy,
    ),
    (
        re.compile(rf"\b(?:Q|Qtr|Quarter)\s*(?P<q>[1-4])\b,?\s*(?P<y>{_Y4}){_END}", _FLAGS),
        _read_quarter_calendar,
    ),
    (
        re.compile(
            r"\b(?P<season>spring|summer|autumn|winter)\b"
            r"(?P<term>\s+(?:half[\s-]?)?term)?\s*(?:of\s+)?"
            # a bare 2-digit year only at the end of a phrase: "Summer 17", not "Spring 20 schools"
            rf"(?P<y>{_Y4}|['\u2019]\d\d|\d\d(?=\s*(?:$|[-/,.;:)\]\u2013])))"
            rf"(?:{_DASH}(?P<y2>\d{{4}}|\d\d))?(?![\d%])",
            _FLAGS,
        ),
        _read_season,
    ),
    (
        re.compile(
            r"(?<![\d/.])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)"
            r"(?![\d]|[/.\-]\d)"
        ),
        _read_numeric,
    ),
    (
        re.compile(
            rf"(?<![\d.,/])(?P<d>\d{{1,2}}){_ORD}\s*(?:of\s+)?{_MONTH},?\s*"
            rf"(?P<y>{_Y4}|['\u2019]?\d\d)(?![\d%]|[/.\-]\d)",
            _FLAGS,
        ),
        _read_named_day,
    ),
    (
        re.compile(rf"\b{_MONTH}\s*(?P<d>\d{{1,2}}){_ORD},?\s*(?P<y>{_Y4}){_END}", _FLAGS),
        _read_named_day,
    ),
    (
        re.compile(rf"(?<![\d/.])(?P<m>\d{{1,2}})/(?P<y>{_Y4}){_END}"),
        _read_month_slash_year,
    ),
    (
        re.compile(
            rf"\b{_MONTH}[\s\-'\u2019.,]{{0,3}}(?P<y>{_Y4}|\d\d)"
            r"(?!\d|\s?(?:st|nd|rd|th)\b|[-/.]\d|%)",
            _FLAGS,
        ),
        _read_month_year,
    ),
    (
        re.compile(
            rf"(?<![\d/.])(?P<fy>(?:FY|financial\s+year)\s*)?(?P<y1>{_Y4}|\d\d)"
            rf"{_DASH}(?P<y2>\d{{4}}|\d\d)(?![\d%]|[-/.]\d)",
            _FLAGS,
        ),
        _read_financial_year,
    ),
]

_CALENDAR_YEAR = (
    re.compile(rf"(?<![\d/.\-\u2013])(?P<y>{_Y4}){_END}"),
    _read_calendar_year,
)

_MONTH_WORD = re.compile(_MONTH, _FLAGS)
_YEAR_TOKEN = re.compile(rf"(?<![\d/.\-])(?P<y>{_Y4}){_END}")


def _overlaps(start: int, end: int, taken: list[_Candidate]) -> bool:
    return any(start < c.end and c.start < end for c in taken)


def _find_candidates(text: str, warnings: list[Warning_], month_first: bool = False) -> list[_Candidate]:
    found: list[_Candidate] = []
    for pattern, reader in _PATTERNS:
        if month_first and reader is _read_numeric:
            reader = _read_numeric_month_first
        _collect(pattern, reader, text, found, warnings)
    found.extend(_dateparser_candidates(text, found))
    _collect(*_CALENDAR_YEAR, text, found, warnings)
    return sorted(found, key=lambda c: c.start)


def _collect(
    pattern: re.Pattern[str],
    reader: _Reader,
    text: str,
    found: list[_Candidate],
    warnings: list[Warning_],
) -> None:
    for m in pattern.finditer(text):
        if _overlaps(m.start(), m.end(), found):
            continue
        read = reader(m, warnings)
        if read is not None:
            found.append(_Candidate(m.start(), m.end(), read[0], read[1]))


# --------------------------------------------------------------------------------------------
# dateparser: for month + year phrases the patterns above do not know ("June the 1st 2016")


@lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    from .._lazy import LOCK

    with LOCK:  # one import of dateparser at a time, even from many threads
        return _build_date_data_parser()


def _build_date_data_parser() -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a cell needs it

    settings: dict[str, Any] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "last",
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "REQUIRE_PARTS": ["month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_TIME_AS_PERIOD": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _windows(text: str, year: re.Match[str]) -> Iterator[tuple[int, str]]:
    """Phrases ending at a year and starting at a word up to five words back, longest first."""
    head = text[: year.start()]
    cut = max(head.rfind(ch) for ch in ";:()[]")
    starts = [m.start() for m in re.finditer(r"\S+", head) if m.start() > cut][-5:]
    for start in starts:
        yield start, text[start : year.end()]


def _dateparser_candidates(text: str, taken: list[_Candidate]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for year in _YEAR_TOKEN.finditer(text):
        if _overlaps(year.start(), year.end(), taken):
            continue
        for start, phrase in _windows(text, year):
            month = next(_MONTH_WORD.finditer(phrase), None)
            if month is None or _month_of(month["mon"]) is None:
                continue
            if _overlaps(start, year.end(), taken + found):
                continue
            data = _date_data_parser().get_date_data(phrase)
            when = data.date_obj
            period = data.period
            if when is None or when.year != int(year["y"]) or period not in ("day", "month"):
                continue
            found.append(_Candidate(start, year.end(), when.date(), period))
            break
    return found


# --------------------------------------------------------------------------------------------
# Choosing among several dates, and the ongoing flag

_CHANGE_VERB = (
    r"(?:revised|amended|changed|moved|extended|deferred|brought\s+forward|put\s+back"
    r"|pushed\s+back|re-?scheduled|slipped|postponed|delayed|re-?set)"
)
# Phrases that put a new date after them, each with how far (characters) the date may follow.
# They are deliberately narrow: "Revised structure approved April 2016" is not a revision.
_REVISED_TO: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"\b{_CHANGE_VERB}\s*(?:to|until|till|for|:)(?=\W)", _FLAGS), 20),
    (
        re.compile(
            r"\b(?:revised|new|amended|extended|updated|agreed)\s+(?:deadline|date|timescale"
            r"|target(?:\s+date)?|completion\s+date|end\s+date|timeline)\b",
            _FLAGS,
        ),
        60,
    ),
    (re.compile(r"\bnow\s+(?:due|expected|scheduled|planned)\b", _FLAGS), 30),
    (re.compile(r"\bnow\b:?", _FLAGS), 2),
]
# Phrases that put a superseded date after them ("revised from 30/09/18", "(was March 2016)").
_REVISED_FROM = re.compile(
    rf"\b(?:{_CHANGE_VERB}\s+(?:\w+\s+){{0,2}}?from"
    r"|originally|previously|original(?:\s+(?:deadline|date|target))?(?:\s+(?:was|of))?"
    r"|(?<=\()was)\b:?",
    _FLAGS,
)
_MAX_GAP_FROM = 25

_ONGOING = re.compile(
    r"\b(?:on[\s-]?going|onwards?|(?:and|&)\s+beyond|continuing|continuous(?:ly)?|continual(?:ly)?"
    r"|termly|monthly|bi-?monthly|six[\s-]monthly|quarterly|weekly|fortnightly|annually|yearly"
    r"|rolling\s+programme|business\s+as\s+usual|BAU)\b",
    _FLAGS,
)
# Words just before a date that make it a span of continuing work, not a deadline.
_SPAN_BEFORE = re.compile(r"\b(?:on[\s-]?going|continu\w*)\s+(?:throughout|during|in|through)\s+(?:the\s+)?$", _FLAGS)
_PERIOD_NO_YEAR = re.compile(
    rf"\b{_MONTH}|\b(?:Q|Qtr|Quarter)\s*[1-4]\b|\b(?:spring|summer|autumn|winter)\b", _FLAGS
)


def _first_after(pos: int, max_gap: int, cands: list[_Candidate]) -> _Candidate | None:
    after = [c for c in cands if c.start >= pos]
    if not after or after[0].start - pos > max_gap:
        return None
    return after[0]


def _choose(text: str, cands: list[_Candidate]) -> tuple[_Candidate, list[Date]]:
    superseded: list[_Candidate] = []
    for m in _REVISED_FROM.finditer(text):
        old = _first_after(m.end(), _MAX_GAP_FROM, cands)
        if old is not None:
            superseded.append(old)
    revised: list[_Candidate] = []
    for pattern, gap in _REVISED_TO:
        for m in pattern.finditer(text):
            new = _first_after(m.end(), gap, cands)
            if new is not None and new not in superseded:
                revised.append(new)
    if revised:
        chosen = max(revised, key=lambda c: c.start)
        superseded.extend(c for c in cands if c.start < chosen.start)
    else:
        current = [c for c in cands if c not in superseded] or cands
        # "complete by the end of July 2015 and then audits ongoing throughout 2015": the
        # span of continuing work is not the deadline when another date is given.
        current = [c for c in current if not _SPAN_BEFORE.search(text, 0, c.start)] or current
        chosen = max(current, key=lambda c: (c.date, _PRECISION_RANK[c.precision]))
    old_dates: list[Date] = []
    for c in sorted(superseded, key=lambda c: c.start):
        if c.date != chosen.date and c.date not in old_dates:
            old_dates.append(c.date)
    return chosen, old_dates


def _names_period(text: str) -> bool:
    """True if the text names a month, quarter or season (lower-case "may", "march" are verbs)."""
    return any(
        m["mon"] is None or m["mon"] not in ("may", "march") for m in _PERIOD_NO_YEAR.finditer(text)
    )


@lru_cache(maxsize=4096)
def _parse_cached(text: str, context: DateContext = UK_DEFAULT) -> tuple[Deadline, tuple[Warning_, ...]]:
    warnings: list[Warning_] = []
    ongoing = _ONGOING.search(text) is not None
    cands = _find_candidates(text, warnings, context.month_first)
    if not cands:
        cands = _months_without_year(text, context, warnings)
    if not cands:
        if _names_period(text):
            warnings.append(("no_year", f"{text!r} names a period but no year; no date read"))
        return Deadline(text=text, ongoing=ongoing), tuple(warnings)
    chosen, superseded = _choose(text, cands)
    deadline = Deadline(
        text=text,
        date=chosen.date,
        precision=chosen.precision,
        ongoing=ongoing,
        superseded=superseded,
    )
    return deadline, tuple(warnings)


# --------------------------------------------------------------------------------------------
# A month with no year, read in the document's year

_DAY_MONTH = re.compile(rf"(?<![\d/.])(?P<d>\d{{1,2}}){_ORD}[\s\-]*(?:of\s+)?{_MONTH}", _FLAGS)
_BARE_MONTH = re.compile(rf"\b{_MONTH}", _FLAGS)
_AFTER_START = re.compile(r"\b(?:from|since|starting|start(?:ed|s)?|beginning|commencing)\s+$", _FLAGS)

NEAREST_BEFORE = 5
"""A month with no year is read in the year that puts it nearest the document's date: at most
this many months before it ("August" in a log of 17 January 2012 is August 2011), else up to
eleven months minus this after it ("January" in a log of 19 July 2011 is January 2012: a
plan looks forward, so a tie of six months either way goes forward)."""


def _year_for(month: int, context: DateContext) -> int | None:
    if context.reference is not None:
        ref = context.reference
        for year in (ref.year - 1, ref.year, ref.year + 1):
            delta = (year - ref.year) * 12 + month - ref.month
            if -NEAREST_BEFORE <= delta <= 11 - NEAREST_BEFORE:
                return year
    return context.year


def _months_without_year(text: str, context: DateContext, warnings: list[Warning_]) -> list[_Candidate]:
    """Months printed with no year ("August", "late January", "23-Mar", "June Board"), read in
    the document's year (``DateContext``); none when the document gives no year. A month after
    "from" or "starting" is a start, not a deadline."""
    if context.reference is None and context.year is None:
        return []
    found: list[_Candidate] = []
    for pattern in (_DAY_MONTH, _BARE_MONTH):
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), found) or _AFTER_START.search(text, 0, m.start()):
                continue
            month = _month_of(m["mon"])
            if month is None or (m["mon"].islower() and m["mon"].lower() == "march"):
                continue  # "may", "march" in lower case are verbs
            year = _year_for(month, context)
            if year is None:
                continue
            if "d" in m.groupdict() and m.groupdict().get("d"):
                read = _day_date(m.group(0), year, month, int(m["d"]), warnings)
                if read is None:
                    continue
                found.append(_Candidate(m.start(), m.end(), read[0], read[1]))
            else:
                found.append(_Candidate(m.start(), m.end(), _last_day(year, month), "month"))
    if found:
        latest = max(found, key=lambda c: c.date)
        warnings.append(("year_from_document", f"{text!r} names no year; read as {latest.date.isoformat()} ({context.why})"))
    return sorted(found, key=lambda c: c.start)


# --------------------------------------------------------------------------------------------
# What the document says about its dates: the order of numeric dates, and its year

_NUMERIC_ANYWHERE = re.compile(r"(?<![\d/.])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d\d)(?![\d]|[/.\-]\d)")
EXAMINED_CHARS = 400_000
"""How much of a document's text is searched for date-order evidence (issue 14's caps: a
huge document is judged by its first pages)."""


@dataclass(frozen=True, slots=True)
class LocaleCue:
    """One entry of ``dates.toml``: words or shapes that say where a document comes from."""

    id: str
    month_first: bool
    words: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]

    def found_in(self, text: str) -> list[str]:
        """The words and shapes of this cue the text holds (each once)."""
        return [m.group(0) for p in self.patterns if (m := p.search(text))]


@dataclass(frozen=True, slots=True)
class LocaleCues:
    cues: tuple[LocaleCue, ...]
    min_cues: int


def _word_pattern(word: str) -> re.Pattern[str]:
    flags = 0 if any(c.isupper() for c in word) else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){re.escape(word)}(?!\w)", flags)


def locale_cues_from_data(data: dict[str, Any], label: str, text: str) -> LocaleCues:
    """Validate a parsed ``dates.toml``; errors name the file and line."""
    unknown = sorted(set(data) - {"min_cues", "locale"})
    if unknown:
        raise KnowledgeError(f"{label}: unknown key(s) {', '.join(unknown)}")
    min_cues = data.get("min_cues", 2)
    if not isinstance(min_cues, int) or min_cues < 1:
        raise KnowledgeError(f"{label}: 'min_cues' must be a whole number, 1 or more")
    entries = data.get("locale", [])
    lines = entry_lines(text, "locale")
    cues: list[LocaleCue] = []
    for k, entry in enumerate(entries):
        where = f"{label}:{lines[k] if k < len(lines) else '?'}: locale {entry.get('id', k + 1)!r}"
        extra = sorted(set(entry) - {"id", "order", "words", "patterns", "examples", "not_examples"})
        if extra:
            raise KnowledgeError(f"{where}: unknown key(s) {', '.join(extra)}")
        order = entry.get("order")
        if order not in ("month_first", "day_first"):
            raise KnowledgeError(f"{where}: 'order' must be \"month_first\" or \"day_first\"")
        words = entry.get("words", [])
        raw_patterns = entry.get("patterns", [])
        examples, not_examples = entry.get("examples", []), entry.get("not_examples", [])
        for name, value in (("words", words), ("patterns", raw_patterns), ("examples", examples), ("not_examples", not_examples)):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise KnowledgeError(f"{where}: '{name}' must be a list of strings")
        if not (words or raw_patterns) or not examples or not not_examples:
            raise KnowledgeError(f"{where}: an entry needs words or patterns, 'examples' and 'not_examples'")
        try:
            compiled = [re.compile(p) for p in raw_patterns]
        except re.error as err:
            raise KnowledgeError(f"{where}: a pattern is not a valid regular expression: {err}") from err
        cues.append(LocaleCue(
            id=str(entry.get("id", k + 1)),
            month_first=order == "month_first",
            words=tuple(words),
            patterns=tuple([_word_pattern(w) for w in words] + compiled),
            examples=tuple(examples),
            not_examples=tuple(not_examples),
        ))
    return LocaleCues(tuple(cues), min_cues)


@lru_cache(maxsize=1)
def builtin_locale_cues() -> LocaleCues:
    """The locale cues that ship with planparse (``knowledge/dates.toml``)."""
    data, label, text = load_toml("dates.toml")
    return locale_cues_from_data(data, label, text)


def numeric_order_evidence(text: str) -> tuple[int, int]:
    """(dates that can only be day first, dates that can only be month first) in ``text``:
    "31/03/2025" is the first kind, "03/31/2025" the second; "08/12/2025" is neither."""
    day_first = month_first = 0
    for m in _NUMERIC_ANYWHERE.finditer(text):
        a, b = int(m[1]), int(m[3])
        if 12 < a <= 31 and 1 <= b <= 12:
            day_first += 1
        elif 12 < b <= 31 and 1 <= a <= 12:
            month_first += 1
    return day_first, month_first


def date_context(
    texts: Iterable[str],
    document_date: str | None = None,
    deadline_texts: Iterable[str | None] = (),
    *,
    use_locale: bool = True,
) -> DateContext:
    """What a document says about its dates: the order of its numeric dates (its own
    unambiguous dates first, then where it comes from, then UK) and its year (the document's
    date, else the one year all its dated deadlines fall in).

    ``use_locale`` false (a spreadsheet, whose date cells the reader prints day first
    whatever the workbook's origin): only the document's own unambiguous dates can make it
    month first."""
    parts: list[str] = []
    size = 0
    for t in texts:
        if size >= EXAMINED_CHARS:
            break
        parts.append(t[: EXAMINED_CHARS - size])
        size += len(parts[-1])
    whole = "\n".join(parts)
    day_first, month_first = numeric_order_evidence(whole)
    if day_first and not month_first:
        first, why = False, f"day first: {day_first} date(s) in the document can only be day first"
    elif month_first and not day_first:
        first, why = True, f"month first: {month_first} date(s) in the document can only be month first"
    elif not use_locale:
        first, why = False, "day first: a spreadsheet's date cells are printed day first"
    else:
        book = builtin_locale_cues()
        us = sorted({w for c in book.cues if c.month_first for w in c.found_in(whole)})
        uk = sorted({w for c in book.cues if not c.month_first for w in c.found_in(whole)})
        first = len(us) >= book.min_cues and len(us) > len(uk)
        why = (
            f"month first: US cues {', '.join(us)} outnumber UK cues ({', '.join(uk) or 'none'})"
            if first
            else "day first (UK, the default)"
        )
        if day_first and month_first:
            why += f"; the document's own dates disagree ({day_first} day first, {month_first} month first)"
    reference = _document_reference(document_date, first)
    year = None
    if reference is None:
        years = {
            d.date.year
            for t in deadline_texts
            if t and (d := parse_deadline(t, DateContext(month_first=first)).deadline) is not None and d.date is not None
        }
        year = years.pop() if len(years) == 1 else None
    if reference is not None:
        why += f"; a month with no year is read nearest the document's date {reference.isoformat()}"
    elif year is not None:
        why += f"; a month with no year is read in {year}, the one year of the document's deadlines"
    return DateContext(month_first=first, reference=reference, year=year, why=why)


def _document_reference(document_date: str | None, month_first: bool) -> Date | None:
    if not document_date:
        return None
    found = parse_deadline(document_date, DateContext(month_first=month_first)).deadline
    if found is None or found.date is None or found.precision == "year":
        return None
    return found.date

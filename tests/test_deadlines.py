"""Deadline cells as printed in real plans -> the date a UK reader takes them to mean."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from datetime import date

import pytest

from planparse.models import Deadline
from planparse.normalise import dates
from planparse.normalise.dates import DeadlineResult, parse_deadline

# input -> (date ISO or None, precision, ongoing)
CASES: list[tuple[str, str | None, str | None, bool]] = [
    # exact days, day first
    ("31 March 2016", "2016-03-31", "day", False),
    ("31/12/13", "2013-12-31", "day", False),
    ("30.09.22", "2022-09-30", "day", False),
    ("28/02/2018", "2018-02-28", "day", False),
    ("1 st June 2016", "2016-06-01", "day", False),
    ("April 1 st 2016", "2016-04-01", "day", False),
    ("31st January 2018", "2018-01-31", "day", False),
    ("By 30/09/13", "2013-09-30", "day", False),
    ("w/c 9th May 2016", "2016-05-09", "day", False),
    ("2017-03-31", "2017-03-31", "day", False),
    ("31.3.2017", "2017-03-31", "day", False),
    ("05/04/2016", "2016-04-05", "day", False),
    ("31-03-2017", "2017-03-31", "day", False),
    ("30th of June, 2016", "2016-06-30", "day", False),
    ("Monday 9 May 2016", "2016-05-09", "day", False),
    ("1-5 May 2016", "2016-05-05", "day", False),
    # dateparser fallback for a phrasing the patterns do not know
    ("June the 1st 2016", "2016-06-01", "day", False),
    # months: the last day, two digits after a month are a year
    ("End of April 16", "2016-04-30", "month", False),
    ("April 2016", "2016-04-30", "month", False),
    ("March 16", "2016-03-31", "month", False),
    ("by end of Oct 2016", "2016-10-31", "month", False),
    ("To be reviewed March 2016", "2016-03-31", "month", False),
    ("Oct-18", "2018-10-31", "month", False),
    ("Feb-24", "2024-02-29", "month", False),
    ("Sept 2016", "2016-09-30", "month", False),
    ("Sep-16", "2016-09-30", "month", False),
    ("June '17", "2017-06-30", "month", False),
    ("June \u201917", "2017-06-30", "month", False),
    ("Mar 2017 (revised)", "2017-03-31", "month", False),
    ("September 2015", "2015-09-30", "month", False),
    ("End of June 2016", "2016-06-30", "month", False),
    ("February 2016", "2016-02-29", "month", False),
    ("Sept. 2016", "2016-09-30", "month", False),
    ("June, 2016", "2016-06-30", "month", False),
    ("03/2016", "2016-03-31", "month", False),
    ("May 16", "2016-05-31", "month", False),
    # financial years: 31 March of the later year
    ("2016-17", "2017-03-31", "year", False),
    ("2016/2017 programme", "2017-03-31", "year", False),
    ("Throughout 2016-17", "2017-03-31", "year", False),
    ("2022/23", "2023-03-31", "year", False),
    ("FY 2021/22", "2022-03-31", "year", False),
    ("FY 21/22", "2022-03-31", "year", False),
    ("2016\u201317", "2017-03-31", "year", False),
    ("2013-15", "2015-03-31", "year", False),
    ("By end of academic year 2016/17", "2017-08-31", "year", False),
    # financial quarters: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar
    ("Q3 2015-16", "2015-12-31", "quarter", False),
    ("Q2 2018/19", "2018-09-30", "quarter", False),
    ("Q3 2019/20", "2019-12-31", "quarter", False),
    ("Q4 2019-20", "2020-03-31", "quarter", False),
    ("Q1 2020/21", "2020-06-30", "quarter", False),
    ("2019/20 Q3", "2019-12-31", "quarter", False),
    ("Quarter 4 2016/17", "2017-03-31", "quarter", False),
    ("Q2 15/16", "2015-09-30", "quarter", False),
    # a quarter of a single year is a calendar quarter
    ("Q3 2015", "2015-09-30", "quarter", False),
    # calendar years
    ("2016", "2016-12-31", "year", False),
    ("During 2017", "2017-12-31", "year", False),
    # school terms and seasons
    ("Autumn term 2021", "2021-12-31", "month", False),
    ("Spring term 2022", "2022-03-31", "month", False),
    ("Summer term 2022", "2022-07-31", "month", False),
    ("Summer 2017", "2017-08-31", "month", False),
    ("Spring 2017", "2017-05-31", "month", False),
    ("Autumn 2016", "2016-11-30", "month", False),
    ("Winter 2016/17", "2017-02-28", "month", False),
    ("Spring term 2016/17", "2017-03-31", "month", False),
    ("Autumn Term 2016/17", "2016-12-31", "month", False),
    # impossible day -> last day of the month
    ("By 31/04/14", "2014-04-30", "day", False),
    # several dates: the latest
    ("End of July 2015 to be reviewed September 2015", "2015-09-30", "month", False),
    ("Dec 2016 / Jan 2017", "2017-01-31", "month", False),
    (
        "Neglect strategy to be ratified by DSCB by end of July 2016. "
        "Draft strategy to be presented to June Exec",
        "2016-07-31",
        "month",
        False,
    ),
    ("By 30/09/13 By 31/12/13 By 31/07/13", "2013-12-31", "day", False),
    ("June - July 2016", "2016-07-31", "month", False),
    # stated revisions win over the latest
    (
        "End of March 2016 Revised deadline agreed by DSCB Exec as 1 st June 2016",
        "2016-06-01",
        "day",
        False,
    ),
    ("30/11/18 (revised from 30/09/18)", "2018-11-30", "day", False),
    ("31/01/2019 (brought forward to 31/12/2018)", "2018-12-31", "day", False),
    ("March 2017 (was December 2016)", "2017-03-31", "month", False),
    # ongoing
    ("Ongoing", None, None, True),
    ("On-going", None, None, True),
    ("On going", None, None, True),
    ("Termly", None, None, True),
    ("Monthly", None, None, True),
    ("Quarterly", None, None, True),
    ("May 2016 onwards", "2016-05-31", "month", True),
    ("End of April 2016 onwards", "2016-04-30", "month", True),
    (
        # The work goes on through 2015, but the deadline is the end of July.
        "Process and timetable to be complete by the end of July 2015 and then audits "
        "ongoing throughout 2015",
        "2015-07-31",
        "month",
        True,
    ),
    (
        "July 2015 complete first workshop and this to be an ongoing activity",
        "2015-07-31",
        "month",
        True,
    ),
    # no date
    ("As per strategy", None, None, False),
    ("As per action plan", None, None, False),
    ("Immediately", None, None, False),
    ("TBC", None, None, False),
    ("End of June", None, None, False),
    ("by Q2", None, None, False),
    (
        "Ensure every driver and escort hold a current safeguarding certificate",
        None,
        None,
        False,
    ),
    # numbers that are not dates
    ("S.11", None, None, False),
    ("100%", None, None, False),
    ("0.5 FTE", None, None, False),
    ("Section 47", None, None, False),
    ("2 weeks", None, None, False),
    ("Within 2 weeks of referral", None, None, False),
    ("Children Act 2004 duties", None, None, False),
    ("Section 11 audit by March 2016", "2016-03-31", "month", False),
    ("Compliance with the Children Act 2004 by March 2017", "2017-03-31", "month", False),
    ("Staff may 20 hours", None, None, False),
    ("Spring 20 schools to be audited", None, None, False),
    ("1.2.3 Review policy", None, None, False),
    ("10/10", None, None, False),
    ("by 31st March", None, None, False),
    # more forms seen in plans
    ("Summer 17", "2017-08-31", "month", False),
    ("Winter 2017", "2018-02-28", "month", False),
    ("end of Summer term 2017", "2017-07-31", "month", False),
    ("Jan-Mar 2017", "2017-03-31", "month", False),
    ("Sept 16 - March 17", "2017-03-31", "month", False),
    ("01/2016 - 03/2016", "2016-03-31", "month", False),
    ("Session to take place on the 24 th September 2015.", "2015-09-24", "day", False),
    ("Thursday 10th March, 2016 at 6.00pm", "2016-03-10", "day", False),
    ("Target date: 30/06/2019", "2019-06-30", "day", False),
    ("Recruitment advert to go out in May 16 to ensure timetable", "2016-05-31", "month", False),
    ("Revised structure approved April 2016; next review March 2017", "2017-03-31", "month", False),
    ("Deadline slipped to Q4 2016/17", "2017-03-31", "quarter", False),
    ("Quarterly from April 2016", "2016-04-30", "month", True),
    ("The group meet on a bi-monthly basis.", None, None, True),
    ("Ongoing - annual audit 2016/17", "2017-03-31", "year", True),
    ("Training continuing throughout 2016; pilot complete by Q2 2016/17", "2016-09-30", "quarter", True),
    ("End of July 2015 to be reviewed September 2015.", "2015-09-30", "month", False),
]


@pytest.mark.parametrize(("text", "iso", "precision", "ongoing"), CASES)
def test_deadline_table(text: str, iso: str | None, precision: str | None, ongoing: bool) -> None:
    result = parse_deadline(text)
    assert result.deadline is not None
    got = result.deadline
    assert (got.date.isoformat() if got.date else None, got.precision, got.ongoing) == (
        iso,
        precision,
        ongoing,
    )


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_empty_cell_gives_no_deadline(text: str | None) -> None:
    assert parse_deadline(text) == DeadlineResult(None, [])


def test_text_is_kept_as_printed_with_whitespace_tidied() -> None:
    result = parse_deadline("  End of\nApril   16 ")
    assert result.deadline == Deadline(
        text="End of April 16", date=date(2016, 4, 30), precision="month"
    )


@pytest.mark.parametrize(
    ("text", "superseded"),
    [
        (
            "End of March 2016 Revised deadline agreed by DSCB Exec as 1 st June 2016",
            [date(2016, 3, 31)],
        ),
        ("30/11/18 (revised from 30/09/18)", [date(2018, 9, 30)]),
        ("31/01/2019 (brought forward to 31/12/2018)", [date(2019, 1, 31)]),
        ("March 2017 (was December 2016)", [date(2016, 12, 31)]),
        ("Deadline extended from June 2016 to September 2016", [date(2016, 6, 30)]),
        ("31/03/17 now 30/06/17", [date(2017, 3, 31)]),
        ("Revised: June 2017 (original: March 2017)", [date(2017, 3, 31)]),
        ("Deadline extended to end of September 2016 (originally June 2016)", [date(2016, 6, 30)]),
        ("July 2016 (delayed from May 2016)", [date(2016, 5, 31)]),
        (
            "December 2016 - revised to February 2017 - revised to April 2017",
            [date(2016, 12, 31), date(2017, 2, 28)],
        ),
        ("Revised structure approved April 2016; next review March 2017", []),
        ("End of July 2015 to be reviewed September 2015", []),
        ("Mar 2017 (revised)", []),
    ],
)
def test_revised_deadlines_keep_superseded_dates(text: str, superseded: list[date]) -> None:
    result = parse_deadline(text)
    assert result.deadline is not None
    assert result.deadline.superseded == superseded


def test_extended_from_to_takes_the_new_date() -> None:
    result = parse_deadline("Deadline extended from June 2016 to September 2016")
    assert result.deadline is not None
    assert result.deadline.date == date(2016, 9, 30)


def test_impossible_day_warns_and_reads_month_end() -> None:
    result = parse_deadline("By 31/04/14")
    assert result.deadline is not None
    assert result.deadline.date == date(2014, 4, 30)
    assert result.warnings == [("impossible_date", "31/04/14 has no such day; read as 2014-04-30")]


def test_month_first_date_warns() -> None:
    result = parse_deadline("03/31/2017")
    assert result.deadline is not None
    assert result.deadline.date == date(2017, 3, 31)
    assert [code for code, _ in result.warnings] == ["month_first"]


@pytest.mark.parametrize("text", ["End of June", "by Q2", "Spring term"])
def test_period_without_year_warns(text: str) -> None:
    result = parse_deadline(text)
    assert result.deadline is not None
    assert result.deadline.date is None
    assert [code for code, _ in result.warnings] == ["no_year"]


@pytest.mark.parametrize("text", ["31 March 2016", "Ongoing", "TBC", "Staff may attend"])
def test_clean_cells_have_no_warnings(text: str) -> None:
    assert parse_deadline(text).warnings == []


def test_each_call_gets_its_own_copy() -> None:
    first = parse_deadline("30/11/18 (revised from 30/09/18)")
    assert first.deadline is not None
    first.deadline.superseded.append(date(2000, 1, 1))
    first.warnings.append(("x", "y"))
    again = parse_deadline("30/11/18 (revised from 30/09/18)")
    assert again.deadline is not None
    assert again.deadline.superseded == [date(2018, 9, 30)]
    assert again.warnings == []


class _FrozenDatetime(dt.datetime):
    """A clock stuck in 2041, far from the years the cases name."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:
        return cls(2041, 7, 15, 12, 0, tzinfo=tz)

    @classmethod
    def today(cls) -> _FrozenDatetime:
        return cls(2041, 7, 15, 12, 0)

    @classmethod
    def utcnow(cls) -> _FrozenDatetime:
        return cls(2041, 7, 15, 12, 0)


class _FrozenDate(dt.date):
    @classmethod
    def today(cls) -> _FrozenDate:
        return cls(2041, 7, 15)


def test_results_do_not_depend_on_today(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [text for text, *_ in CASES]
    before = [parse_deadline(text) for text in texts]
    # Patch every module that imported the clock (dateparser binds `datetime` at import).
    real_datetime, real_date = dt.datetime, dt.date
    patched = 0
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("dateparser", "planparse"):
            continue
        for attr, value in list(vars(module).items()):
            if value is real_datetime:
                monkeypatch.setattr(module, attr, _FrozenDatetime)
                patched += 1
            elif value is real_date:
                monkeypatch.setattr(module, attr, _FrozenDate)
                patched += 1
    assert patched > 5
    import dateparser

    assert dateparser.parse("March 16").year == 2041  # the patch does move dateparser's clock
    dates._parse_cached.cache_clear()
    dates._date_data_parser.cache_clear()
    try:
        after = [parse_deadline(text) for text in texts]
    finally:
        dates._parse_cached.cache_clear()
        dates._date_data_parser.cache_clear()
    assert after == before


def test_dateparser_is_not_imported_until_needed() -> None:
    code = (
        "import sys; from planparse.normalise.dates import parse_deadline; "
        "parse_deadline('31/03/2016'); parse_deadline('End of April 16'); "
        "print('dateparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- The document decides: the order of numeric dates and the year of a bare month (issue 11,
# batch 6 first run: a US agency's '08/12/2025' read as 8 December; batch 2 and 5 Transparency
# Board logs' 'August', 'late January', '23-Mar' given no date).

UK = dates.DateContext()
US = dates.DateContext(month_first=True)
LOG_JAN_2012 = dates.DateContext(reference=date(2012, 1, 17))
LOG_JUL_2011 = dates.DateContext(reference=date(2011, 7, 19))
YEAR_2011 = dates.DateContext(year=2011)


@pytest.mark.parametrize(
    ("text", "context", "iso", "precision"),
    [
        ("08/12/2025", UK, "2025-12-08", "day"),
        ("08/12/2025", US, "2025-08-12", "day"),
        ("08/19/2025", US, "2025-08-19", "day"),
        ("09/30/2025", US, "2025-09-30", "day"),
        ("1/2/25", US, "2025-01-02", "day"),
        ("13/05/2025", US, "2025-05-13", "day"),  # a day over 12 first: read day first, with a warning
        ("2025-08-12", US, "2025-08-12", "day"),  # ISO is never reordered
        ("March 2026", US, "2026-03-31", "month"),
        # a month with no year: the year that puts it nearest the document's date
        ("August", LOG_JAN_2012, "2011-08-31", "month"),
        ("November", LOG_JAN_2012, "2011-11-30", "month"),
        ("December", LOG_JAN_2012, "2011-12-31", "month"),
        ("January", LOG_JAN_2012, "2012-01-31", "month"),
        ("late January", LOG_JAN_2012, "2012-01-31", "month"),
        ("June", LOG_JUL_2011, "2011-06-30", "month"),
        ("September", LOG_JUL_2011, "2011-09-30", "month"),
        ("January", LOG_JUL_2011, "2012-01-31", "month"),
        # ... or in the document's one year
        ("June update", YEAR_2011, "2011-06-30", "month"),
        ("23-Mar", YEAR_2011, "2011-03-23", "day"),
        ("May Transparency Board", YEAR_2011, "2011-05-31", "month"),
        ("Mid Feb for initial engagement. March Board for presentation", YEAR_2011, "2011-03-31", "month"),
        # no year anywhere, a start, a verb: no date
        ("August", UK, None, None),
        ("From May", YEAR_2011, None, None),
        ("Staff may attend", YEAR_2011, None, None),
        ("asap", YEAR_2011, None, None),
        ("Ongoing", LOG_JAN_2012, None, None),
    ],
)
def test_deadline_read_in_the_documents_context(
    text: str, context: dates.DateContext, iso: str | None, precision: str | None
) -> None:
    got = parse_deadline(text, context).deadline
    assert got is not None
    assert (got.date.isoformat() if got.date else None, got.precision) == (iso, precision)


def test_bare_month_read_in_the_documents_year_warns() -> None:
    result = parse_deadline("August", LOG_JAN_2012)
    assert [code for code, _ in result.warnings] == ["year_from_document"]


@pytest.mark.parametrize(
    ("texts", "document_date", "deadlines", "month_first", "reference", "year"),
    [
        # the document's own unambiguous dates decide the order
        (["Target Completion", "08/19/2025", "08/12/2025"], None, [], True, None, None),
        (["Raised 19/05/2011", "11/10/2011"], None, [], False, None, None),
        # none unambiguous: where the document comes from
        (["U.S. General Services Administration", "Section 508", "08/12/2025"], None, [], True, None, None),
        (["Submit to info@fedramp.gov", "Agency Authorization Package", "08/12/2025"], None, [], True, None, None),
        (["Cabinet Office", "08/12/2025"], None, [], False, None, None),
        (["GSA"], None, [], False, None, None),  # one cue is not enough
        (["HM Treasury programme for the organisation", "US agencies"], None, [], False, None, None),
        # both kinds of date: the cues decide
        (["31/03/2025", "03/31/2025", "gsa.gov", "U.S."], None, [], True, None, None),
        # the year: the document's date, else the one year of its dated deadlines
        (["log"], "Transparency Board Action Log as 17th January 2012", [], False, date(2012, 1, 17), None),
        (["log"], "Publication date: Oct 2013", [], False, date(2013, 10, 31), None),
        (["log"], None, ["June 2011", "Mar-2011", "Ongoing", "June Board"], False, None, 2011),
        (["log"], None, ["June 2011", "March 2012"], False, None, None),
        (["log"], "2013", [], False, None, None),  # a year alone is no reference
    ],
)
def test_date_context_of_a_document(
    texts: list[str], document_date: str | None, deadlines: list[str], month_first: bool,
    reference: date | None, year: int | None,
) -> None:
    got = dates.date_context(texts, document_date, deadlines)
    assert (got.month_first, got.reference, got.year) == (month_first, reference, year), got.why


def _locale_examples() -> list[tuple[str, str, bool]]:
    out = []
    for cue in dates.builtin_locale_cues().cues:
        out += [(cue.id, text, True) for text in cue.examples]
        out += [(cue.id, text, False) for text in cue.not_examples]
    return out


@pytest.mark.parametrize(("cue", "text", "positive"), _locale_examples())
def test_locale_cue_example(cue: str, text: str, positive: bool) -> None:
    entry = next(c for c in dates.builtin_locale_cues().cues if c.id == cue)
    assert bool(entry.found_in(text)) == positive, entry.found_in(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[locale]]\nid = "x"\norder = "sideways"\nwords = ["a"]\nexamples = ["a"]\nnot_examples = ["b"]\n',
         "my.toml:1: locale 'x': 'order' must be"),
        ('[[locale]]\nid = "x"\norder = "day_first"\nwords = ["a"]\nexamples = ["a"]\n',
         "my.toml:1: locale 'x': an entry needs words or patterns"),
        ('[[locale]]\nid = "x"\norder = "day_first"\npatterns = ["("]\nexamples = ["a"]\nnot_examples = ["b"]\n',
         "my.toml:1: locale 'x': a pattern is not a valid regular expression"),
        ('min_cue = 2\n', "my.toml: unknown key(s) min_cue"),
    ],
)
def test_a_wrong_dates_file_names_the_line(text: str, message: str) -> None:
    import tomllib

    from planparse.knowledge import KnowledgeError

    with pytest.raises(KnowledgeError) as err:
        dates.locale_cues_from_data(tomllib.loads(text), "my.toml", text)
    assert str(err.value).startswith(message), str(err.value)


def _plan_docx(opening: str, rows: list[list[str]]) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(opening)
    table = document.add_table(rows=1, cols=3)
    for cell, heading in zip(table.rows[0].cells, ["Action", "Owner", "Deadline"], strict=True):
        cell.text = heading
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("opening", "rows", "dates_read", "warned"),
    [
        # a US agency's plan: its own '09/30/2025' says month first, so '08/12/2025' is August 12
        ("Remediation plan. Contact accessibility@gsa.gov",
         [["Fix the contrast of the login page", "UX/Accessibility Engineer", "08/12/2025"],
          ["Add labels to the search form", "Development Team", "09/30/2025"]],
         ["2025-08-12", "2025-09-30"], True),
        # a UK plan with the same ambiguous date: day first, nothing said
        ("Cabinet Office improvement plan",
         [["Fix the contrast of the login page", "Head of IT", "08/12/2025"]],
         ["2025-12-08"], False),
    ],
)
def test_a_documents_dates_are_read_in_its_own_order(
    opening: str, rows: list[list[str]], dates_read: list[str], warned: bool
) -> None:
    import planparse

    result = planparse.parse(_plan_docx(opening, rows), name="plan.docx")
    assert [a.deadline.date.isoformat() for a in result.actions if a.deadline and a.deadline.date] == dates_read
    assert ("month_first_document" in [w.code for w in result.warnings]) == warned


@pytest.mark.parametrize(
    ("texts", "month_first"),
    [
        # a spreadsheet's date cells are printed day first whatever its origin: cues do not flip it
        (["U.S. General Services Administration", "Section 508", "08/12/2025"], False),
        # its own unambiguous dates still can
        (["08/19/2025", "08/12/2025"], True),
    ],
)
def test_a_spreadsheets_dates_are_not_reordered_by_where_it_comes_from(texts: list[str], month_first: bool) -> None:
    assert dates.date_context(texts, use_locale=False).month_first == month_first

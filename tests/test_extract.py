"""Plan finding and record building on hand-made layouts (no reader involved)."""

from __future__ import annotations

import pytest

from planparse.extract.columns import field_for_heading
from planparse.extract.ids import base_id
from planparse.extract.legends import codes_legend_from_text, find_legends, rag_legend_from_text
from planparse.extract.plans import find_plans
from planparse.extract.records import build_records
from planparse.extract.tables import parse_section
from planparse.layout import Cell, Heading, Layout, Para, Paragraph, Table
from planparse.normalise.text import split_ref


def _cell(r: int, c: int, text: str = "", *, rs: int = 1, cs: int = 1, fill: str | None = None) -> Cell:
    paras = [Para(t) for t in text.split("\n")] if text else []
    return Cell(row=r, col=c, paras=paras, row_span=rs, col_span=cs, fill=fill)


def _table(rows: list[list[Cell]], n_cols: int, header_rows: int = 1) -> Table:
    cells = [c for row in rows for c in row]
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, header_rows=header_rows)


HEAD = ["Outcome", "Activity", "Owner", "Deadline", "RAG"]


def _seed000_like() -> Layout:
    rows = [
        [_cell(0, i, h) for i, h in enumerate(HEAD)],
        [_cell(1, 0, "Partners are accountable", rs=3), _cell(1, 1, "1. Finalise S.11 Audits"),
         _cell(1, 2, "Merlin Joseph"), _cell(1, 3, "End of June 2016"), _cell(1, 4, "Yellow", fill="#FFFF00")],
        [_cell(2, 1), _cell(2, 2), _cell(2, 3, "End of November 2016"), _cell(2, 4)],
        [_cell(3, 1, "2. Complete S.175/157 audits"), _cell(3, 2, "Funbir Jaspal"),
         _cell(3, 3, "End of June 2016"), _cell(3, 4, "", fill="#00B050")],
        [_cell(4, 0, "Board has strong leadership"), _cell(4, 1, "Appoint new Chair"),
         _cell(4, 2, "Sarah Norman"), _cell(4, 3, "April 2016"), _cell(4, 4, "Green")],
    ]
    members = _table(
        [[_cell(0, 0, "Name"), _cell(0, 1, "Agency"), _cell(0, 2, "Role")],
         [_cell(1, 0, "Liz Murphy"), _cell(1, 1, "DSCB"), _cell(1, 2, "Chair")]],
        3,
    )
    return Layout(
        blocks=[
            Heading("DSCB Improvement Plan"),
            Paragraph("(Source: D=Diagnostic S=SAIT C=Control Log O=Other)"),
            Heading("Area 2 – Quality Assurance", level=2),
            _table(rows, 5),
            Paragraph("Membership"),
            members,
        ],
        furniture=["RED – Overdue Amber – At Risk Yellow – On Schedule Green - Complete"],
    )


def test_seed000_like_layout_gives_three_actions_with_milestone_and_merged_objective() -> None:
    layout = _seed000_like()
    legends = find_legends(layout)
    assert legends.rag == {"red": "Overdue", "amber": "At Risk", "yellow": "On Schedule", "green": "Complete"}
    assert legends.codes == {"D": "Diagnostic", "S": "SAIT", "C": "Control Log", "O": "Other"}
    finding = find_plans(layout, doc_title="DSCB Improvement Plan")
    assert [t.verdict.is_plan for t in finding.tables] == [True, False]
    records, warnings = build_records(finding.records, finding.record_plan, legends, None)
    assert warnings == []
    assert [(r.ref, r.action, r.objective) for r in records] == [
        ("1", "Finalise S.11 Audits", "Partners are accountable"),
        ("2", "Complete S.175/157 audits", "Partners are accountable"),
        (None, "Appoint new Chair", "Board has strong leadership"),
    ]
    first = records[0]
    assert first.section is not None and (first.section.ref, first.section.title) == ("2", "Quality Assurance")
    assert first.deadline is not None and first.deadline.date is not None
    assert first.deadline.date.isoformat() == "2016-06-30"
    assert first.status is not None and (first.status.rag, first.status.state, first.status.source) == (
        "yellow", "on_track", "text")
    assert len(first.milestones) == 1
    ms = first.milestones[0]
    assert ms.text == "End of November 2016" and ms.deadline is not None
    assert ms.deadline.date is not None and ms.deadline.date.isoformat() == "2016-11-30"
    assert ms.status is None
    fill_only = records[1].status
    assert fill_only is not None and (fill_only.text, fill_only.rag, fill_only.state, fill_only.source) == (
        None, "green", "complete", "fill")
    assert records[2].fields == {
        "Outcome": "Board has strong leadership", "Activity": "Appoint new Chair",
        "Owner": "Sarah Norman", "Deadline": "April 2016", "RAG": "Green",
    }
    assert first.provenance.rows == [1, 2]


def test_section_rows_inside_the_table_and_ref_column() -> None:
    head = ["Ref", "Action", "Lead", "Target Date", "Current Position"]
    rows = [
        [_cell(0, 0, "1.0 Safeguarding Board", cs=5)],
        [_cell(1, i, h) for i, h in enumerate(head)],
        [_cell(2, 0, "1.1"), _cell(2, 1, "1.1 A clear CSE Strategy is in place."), _cell(2, 2, "DSCB"),
         _cell(2, 3, "March 2016"), _cell(2, 4, "In place")],
        [_cell(3, 0, "2.0 Prevention", cs=5)],
        [_cell(4, 0, "2.1"), _cell(4, 1, "Map voluntary sector activity"), _cell(4, 2, "Police / Local Authority"),
         _cell(4, 3, "September 2015"), _cell(4, 4, "")],
    ]
    layout = Layout(blocks=[Heading("Action Plan 2015-16"), _table(rows, 5, header_rows=0)])
    finding = find_plans(layout)
    assert finding.plans[0].title == "Action Plan 2015-16"
    recs = finding.records
    assert [(r.ref, r.action, r.section.ref if r.section else None) for r in recs] == [
        ("1.1", "A clear CSE Strategy is in place.", "1.0"),
        ("2.1", "Map voluntary sector activity", "2.0"),
    ]
    assert recs[1].section is not None and recs[1].section.title == "Prevention"


def test_document_without_tables_or_plans_gives_no_records() -> None:
    layout = Layout(blocks=[Heading("Annual report"), Paragraph("Nothing to see.")])
    assert find_plans(layout).records == []


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Activity", "action"), ("Key actions", "action"), ("Recommendation", "action"),
        ("Owner", "owner"), ("Lead officer", "owner"), ("Responsible officer", "owner"),
        ("Executive lead", "owner"), ("Who", "owner"), ("Deadline", "deadline"), ("Due date", "deadline"),
        ("Target date", "deadline"), ("Timescale", "deadline"), ("Milestones/Timescales", "deadline"),
        ("By when", "deadline"), ("Agreed implementation date", "deadline"), ("RAG", "status"),
        ("RAG status", "status"), ("RAG status-progress", "status"), ("Status", "status"), ("BRAG", "status"),
        ("Progress", "progress"), ("Current position", "progress"), ("Progress/Comment", "progress"),
        ("Update", "progress"), ("Outcome", "objective"), ("Objective", "objective"),
        ("Learning or Improvement Point", "objective"), ("Priority", "objective"), ("Evidence", "evidence"),
        ("Outcomes / Impact", "evidence"), ("Ref", "ref"), ("No.", "ref"), ("#", "ref"),
        ("Direction of travel - trend", None), ("Source", None), ("Performance Measures and Milestones", None),
        ("Name", None), ("Agency", None), ("Budget 2016/17", None),
        ("Delivery", "deadline"), ("Review date", "deadline"), ("Complete by", "deadline"), ("Start", None),
        ("Start date", None), ("FUNCTION", "objective"), ("Description", "objective"), ("Risk / Issue", "objective"),
        ("Regulator's finding", "objective"), ("Cause of concern", "objective"), ("Key findings", "objective"),
        ("Peer review recommendation", "action"), ("Concern", "objective"), ("Current update", "progress"),
        ("Key milestones achieved in enacting recommendation", "progress"), ("Key milestones", "milestones"),
        ("Date of completion and outcome", "evidence"), ("What CQC told us", "objective"), ("What we found", "objective"),
        ("What we will do", "action"), ("How will we know it has worked", "evidence"), ("Who", "owner"), ("By when", "deadline"),
    ],
)
def test_column_heading_maps_to_field(heading: str, field: str | None) -> None:
    assert field_for_heading(heading) == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Refresh of Partnership Protocol", ("1", "Refresh of Partnership Protocol")),
        ("1.Devise business plan 2016-2017", ("1", "Devise business plan 2016-2017")),
        ("3b) Strengthen", ("3b", "Strengthen")),
        ("2.2 Share strategy", ("2.2", "Share strategy")),
        ("A2.3 Audit files", ("A2.3", "Audit files")),
        ("SD4 Review policy", ("SD4", "Review policy")),
        ("12 schools to be visited", (None, "12 schools to be visited")),
        ("2016-17 budget agreed", (None, "2016-17 budget agreed")),
        ("S.11 audits", (None, "S.11 audits")),
        ("10000. Review case file sample", ("10000", "Review case file sample")),
        ("2016. The Board agreed", (None, "2016. The Board agreed")),
    ],
)
def test_leading_reference_is_split_off(text: str, expected: tuple[str | None, str]) -> None:
    assert split_ref(text) == expected


@pytest.mark.parametrize(
    ("text", "ref", "title"),
    [
        ("Area 1 – Board Effectiveness", "1", "Board Effectiveness"),
        ("Area 4 - Key Safeguarding Risk Areas", "4", "Key Safeguarding Risk Areas"),
        ("2.0 Prevention", "2.0", "Prevention"),
        ("3.) Strengthen the voice of the child", "3", "Strengthen the voice of the child"),
        ("Priority 2: Early help", "2", "Early help"),
        ("Governance", None, "Governance"),
    ],
)
def test_section_heading_parsing(text: str, ref: str | None, title: str) -> None:
    section = parse_section(text)
    assert (section.ref, section.title) == (ref, title)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blue = Complete and embedded, Green = On track, Amber = Some slippage, Red = Off track",
         {"blue": "Complete and embedded", "green": "On track", "amber": "Some slippage", "red": "Off track"}),
        ("R = Not on track; A = At risk; G = On track", {"red": "Not on track", "amber": "At risk", "green": "On track"}),
        ("The green paper was read by the red team", {}),
        ("Option a - review, option b - retain", {}),
    ],
)
def test_rag_legend_from_text(text: str, expected: dict[str, str]) -> None:
    assert rag_legend_from_text(text) == expected


def test_code_legend_needs_two_codes() -> None:
    assert codes_legend_from_text("Total = 42") == {}


def _bullets(lead: str | None, items: list[str]) -> list[Para]:
    return ([Para(lead)] if lead else []) + [Para(i, list_item=True) for i in items]


def test_business_plan_row_gives_one_action_per_bullet_with_paired_milestones() -> None:
    head = ["Priority", "Key Actions", "Milestones/Timescales", "Lead Group", "Lead Partner Agency"]
    row = [
        Cell(1, 0, [Para("Strengthening the analysis of risk")]),
        Cell(1, 1, _bullets(None, ["Amend planning documentation", "Include tools in training", "Audit practice"])),
        Cell(1, 2, _bullets(None, ["By 30/09/13", "By 31/04/14", "On-Going"])),
        Cell(1, 3, [Para("Quality & Performance Management Group")]),
        Cell(1, 4, [Para("Directorate of Children’s Services")]),
    ]
    unpaired = [
        Cell(2, 0, [Para("Early help")]),
        Cell(2, 1, _bullets(None, ["Implement strategy", "Review thresholds"])),
        Cell(2, 2, _bullets(None, ["By 31/12/13"])),
        Cell(2, 3, [Para("Early Help Strategy Group")]),
        Cell(2, 4, []),
    ]
    table = Table(cells=[_cell(0, i, h) for i, h in enumerate(head)] + row + unpaired, n_rows=3, n_cols=5)
    finding = find_plans(Layout(blocks=[table]))
    records, warnings = build_records(finding.records, finding.record_plan, find_legends(Layout(blocks=[])), None)
    assert [(r.id, r.action, r.deadline.text if r.deadline else None) for r in records] == [
        (base_id("plan-1", None, "Amend planning documentation"), "Amend planning documentation", "By 30/09/13"),
        (base_id("plan-1", None, "Include tools in training"), "Include tools in training", "By 31/04/14"),
        (base_id("plan-1", None, "Audit practice"), "Audit practice", "On-Going"),
        (base_id("plan-1", None, "Implement strategy"), "Implement strategy", None),
        (base_id("plan-1", None, "Review thresholds"), "Review thresholds", None),
    ]
    assert records[0].objective == "Strengthening the analysis of risk"
    assert records[1].deadline is not None and records[1].deadline.date is not None
    assert records[1].deadline.date.isoformat() == "2014-04-30"
    assert records[2].deadline is not None and records[2].deadline.ongoing
    assert {w.code for w in warnings} == {"impossible_date", "milestones_unpaired"}


def test_lead_in_with_bullets_stays_one_action() -> None:
    head = ["Outcome", "Activity", "Owner", "Deadline"]
    row = [
        Cell(1, 0, [Para("Effective responses")]),
        Cell(1, 1, _bullets("DSCB Executive to scrutinise delivery plans for:", ["FGM", "DV", "PREVENT"])),
        Cell(1, 2, [Para("Sue Haywood")]),
        Cell(1, 3, [Para("April 2016")]),
    ]
    table = Table(cells=[_cell(0, i, h) for i, h in enumerate(head)] + row, n_rows=2, n_cols=4)
    finding = find_plans(Layout(blocks=[table]))
    assert [r.action for r in finding.records] == [
        "DSCB Executive to scrutinise delivery plans for:\n• FGM\n• DV\n• PREVENT"
    ]


def _plan(head: list[str], rows: list[list[Cell]]) -> list[tuple[str, str | None]]:
    cells = [_cell(0, i, h) for i, h in enumerate(head)] + [c for row in rows for c in row]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=len(rows) + 1, n_cols=len(head))]))
    return [(r.action, r.deadline_text) for r in finding.records]


def test_unbulleted_heading_over_bullets_is_not_an_action_when_bullets_match_milestones() -> None:
    head = ["Key actions", "Milestones/Timescales", "Lead group"]
    row = [
        Cell(1, 0, _bullets("Embed Signs of Safety tools within frontline practice", ["Amend documentation", "Train staff"])),
        Cell(1, 1, _bullets(None, ["By 30/09/13", "By 31/12/13"])),
        Cell(1, 2, [Para("Signs of Safety Group")]),
    ]
    assert _plan(head, [row]) == [("Amend documentation", "By 30/09/13"), ("Train staff", "By 31/12/13")]


def test_unbulleted_action_keeps_its_sub_points_when_that_matches_the_milestones() -> None:
    head = ["Key actions", "Milestones/Timescales", "Lead group"]
    row = [
        Cell(1, 0, _bullets("Implement all 4 parts of the QA Framework", ["Case audit", "Practice observations", "Publish standards"])),
        Cell(1, 1, [Para("By 31/03/14"), Para("By 30/10/13")]),
        Cell(1, 2, [Para("QPMG")]),
    ]
    assert _plan(head, [row]) == [
        ("Implement all 4 parts of the QA Framework\n• Case audit\n• Practice observations", "By 31/03/14"),
        ("Publish standards", "By 30/10/13"),
    ]


def test_one_plain_date_for_a_row_keeps_its_bulleted_actions_together() -> None:
    head = ["Ref", "Description", "Mitigating actions", "Owner", "Review date"]
    row = [
        _cell(1, 0, "R1"), _cell(1, 1, "Partner contributions are not agreed"),
        Cell(1, 2, _bullets(None, ["Budget paper to the executive group", "Chair to write to partners"])),
        _cell(1, 3, "Board Manager"), _cell(1, 4, "30/04/22"),
    ]
    assert _plan(head, [row]) == [("• Budget paper to the executive group\n• Chair to write to partners", "30/04/22")]


def test_priority_statement_heading_is_the_section_and_its_column_the_objective() -> None:
    head = ["PRIORITY 2 Improve the effectiveness of early help, with reference to:", "Key actions", "Milestones", "Lead group"]
    row = [
        Cell(1, 0, _bullets(None, ["Embedding common assessment", "Clear thresholds"])),
        Cell(1, 1, _bullets(None, ["Roll out CAF training", "Publish thresholds"])),
        Cell(1, 2, [Para("By 31/12/13"), Para("On-going")]),
        Cell(1, 3, [Para("Early Help Task Group")]),
    ]
    cells = [_cell(0, i, h) for i, h in enumerate(head)] + row
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=2, n_cols=4)]))
    first = finding.records[0]
    assert first.section is not None
    assert (first.section.ref, first.section.title) == ("2", "Improve the effectiveness of early help, with reference to:")
    assert first.objective == "• Embedding common assessment\n• Clear thresholds"
    assert [r.action for r in finding.records] == ["Roll out CAF training", "Publish thresholds"]


def test_category_column_is_not_the_objective_and_description_is() -> None:
    head = ["Ref", "Risk / Issue", "Description", "Mitigating actions", "Owner", "Review date"]
    rows = [
        [_cell(r, 0, f"R{r}"), _cell(r, 1, kind), _cell(r, 2, desc), _cell(r, 3, act), _cell(r, 4, "Chair"), _cell(r, 5, "30/04/22")]
        for r, kind, desc, act in [
            (1, "Risk", "Funding is not agreed", "Write to partners"),
            (2, "Issue", "The post is vacant", "Recruit a manager"),
            (3, "Risk", "Data is late", "Agree a data sharing protocol"),
        ]
    ]
    cells = [_cell(0, i, h) for i, h in enumerate(head)] + [c for row in rows for c in row]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=4, n_cols=6)]))
    assert [r.objective for r in finding.records] == ["Funding is not agreed", "The post is vacant", "Data is late"]


def test_sub_heading_decides_under_a_group_heading() -> None:
    head = ["Action", "Lead", "Timescale", ""]
    sub = [_cell(1, 2, "Start"), _cell(1, 3, "Complete by")]
    cells = [_cell(0, 0, "Action", rs=2), _cell(0, 1, "Lead", rs=2), _cell(0, 2, "Timescale", cs=2), *sub,
             _cell(2, 0, "Publish the SEND strategy"), _cell(2, 1, "Head of SEND"), _cell(2, 2, "April 2022"), _cell(2, 3, "Summer term 2022")]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=3, n_cols=4, header_rows=2)]))
    assert head[0] == "Action"
    assert [(r.action, r.deadline_text) for r in finding.records] == [("Publish the SEND strategy", "Summer term 2022")]


def test_colour_letter_inside_a_word_does_not_end_a_legend_meaning() -> None:
    text = ("Green – Complete: action delivered and evidence received by the DHR Sub-group "
            "Amber – In progress and within the target date Red – Overdue: target date passed")
    assert rag_legend_from_text(text) == {
        "green": "Complete: action delivered and evidence received by the DHR Sub-group",
        "amber": "In progress and within the target date",
        "red": "Overdue: target date passed",
    }


@pytest.mark.parametrize(
    ("blocks", "furniture", "expected"),
    [
        (
            [Paragraph("HMP Hollinsmoor"), Heading("HM Inspectorate of Prisons inspection of HMP Hollinsmoor: action plan", 1),
             Paragraph("Update at 30 September 2024")],
            [],
            ("HM Inspectorate of Prisons inspection of HMP Hollinsmoor: action plan", "HMP Hollinsmoor", "action_plan",
             "Update at 30 September 2024"),
        ),
        (
            [Heading("Domestic Homicide Review: Maria – Action Plan", 1), Paragraph("The Partnership's priorities are set out below.")],
            ["DHR Maria – action plan – Safer Rivermead Partnership"],
            ("Domestic Homicide Review: Maria – Action Plan", "Safer Rivermead Partnership", "scr_action_plan", None),
        ),
        (
            [Heading("Local Area SEND Written Statement of Action", 1),
             Paragraph("This statement is jointly owned by Calderbridge Council and NHS Calderbridge Clinical "
                       "Commissioning Group.")],
            [],
            ("Local Area SEND Written Statement of Action",
             "Calderbridge Council and NHS Calderbridge Clinical Commissioning Group", "action_plan", None),
        ),
        (
            [Heading("Fenbridge District Council", 1), Heading("Overview and Scrutiny Committee", 1),
             Paragraph("Tuesday, 19 November 2024 at 6.30 pm"), Heading("Minutes of the Overview and Scrutiny Committee", 2)],
            [],
            ("Overview and Scrutiny Committee", "Fenbridge District Council", "board_report",
             "Tuesday, 19 November 2024 at 6.30 pm"),
        ),
    ],
)
def test_document_info_from_the_first_pages(blocks: list, furniture: list[str], expected: tuple) -> None:
    from planparse.extract.document import document_info

    info = document_info(Layout(blocks=blocks, furniture=furniture))
    assert (info.title, info.organisation, info.kind, info.date) == expected


def test_columns_with_unknown_headings_are_mapped_from_their_cells() -> None:
    head = ["Action", "Named person", "Timing", "Narrative", "Colour"]
    rows = [
        ["Publish the new threshold document", "Head of Early Help", "March 2024",
         "Draft agreed by the Executive in January; consultation with schools closed on 9 February and the "
         "final version goes to the Board in March.", "Green"],
        ["Audit 20 child protection plans", "Safeguarding Partnership Manager", "Q2 2024/25",
         "Audit tool agreed; auditors from police, health and social care trained in April. Fieldwork starts in "
         "June once the case sample is drawn.", "Amber"],
        ["Refresh the neglect strategy", "Chair of Neglect Sub-group", "Ongoing",
         "Not yet started: waiting for the findings of the thematic review of neglect, due to report to the "
         "Board in the autumn.", "Red"],
    ]
    cells = [_cell(0, i, h) for i, h in enumerate(head)]
    cells += [_cell(r, c, text) for r, row in enumerate(rows, start=1) for c, text in enumerate(row)]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=4, n_cols=5)]))
    cmap = finding.tables[0].cmap
    assert cmap is not None and cmap.fields == ["action", "owner", "deadline", "progress", "status"]
    first = finding.records[0]
    assert (first.owner_text, first.deadline_text, first.status_text) == ("Head of Early Help", "March 2024", "Green")


def test_ref_and_merged_objective_columns_are_mapped_from_their_cells() -> None:
    head = ["No", "Aim", "Action", "Person", "Timing"]
    cells = [_cell(0, i, h) for i, h in enumerate(["Col 1", "Col 2", "Action", "Col 4", "Col 5"])]
    cells += [
        _cell(1, 0, "1.1"), _cell(1, 1, "Children are seen and heard in every assessment", rs=2),
        _cell(1, 2, "Add a voice of the child section to the assessment form"), _cell(1, 3, "Head of Service"), _cell(1, 4, "June 2024"),
        _cell(2, 0, "1.2"), _cell(2, 2, "Audit 20 assessments for the child's voice"), _cell(2, 3, "Principal Social Worker"),
        _cell(2, 4, "September 2024"),
        _cell(3, 0, "2.1"), _cell(3, 1, "Plans are reviewed on time"), _cell(3, 2, "Weekly tracker of overdue reviews"),
        _cell(3, 3, "IRO Manager"), _cell(3, 4, "Ongoing"),
    ]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=4, n_cols=5)]))
    cmap = finding.tables[0].cmap
    assert cmap is not None and cmap.fields == ["ref", "objective", "action", "owner", "deadline"], head
    assert [(r.ref, r.objective) for r in finding.records] == [
        ("1.1", "Children are seen and heard in every assessment"),
        ("1.2", "Children are seen and heard in every assessment"),
        ("2.1", "Plans are reviewed on time"),
    ]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Kestrel Valley Safeguarding Adults Board Strategic Plan 2021-2024: Delivery Plan", "action_plan"),
        ("Greystone Learning Trust: Post-Ofsted Action Plan 2024–25", "action_plan"),
        ("HMICFRS Inspection 2023–25: Service Improvement Plan", "improvement_plan"),
        ("Dudley Safeguarding Children Board Business Plan & Work Programme 2013-15", "business_plan"),
        ("Serious Case Review: Child T – Multi-agency Action Plan", "scr_action_plan"),
        ("Meeting of the People Services Scrutiny Committee", "board_report"),
        ("Eastshire Safeguarding Adults Board – Risk and Issue Log", "action_plan"),
    ],
)
def test_document_kind_is_what_the_title_calls_the_paper(title: str, kind: str) -> None:
    from planparse.extract.document import document_info

    assert document_info(Layout(blocks=[Heading(title, 1)])).kind == kind


def _fields(head: list[str], rows: list[list[str]], fills: dict[tuple[int, int], str] | None = None) -> list[str | None]:
    fills = fills or {}
    cells = [_cell(0, i, h) for i, h in enumerate(head)]
    cells += [_cell(r, c, t, fill=fills.get((r, c))) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=len(rows) + 1, n_cols=len(head))]))
    cmap = finding.tables[0].cmap
    assert cmap is not None
    return list(cmap.fields)


def test_the_surer_heading_wins_a_field_and_the_meeting_date_is_not_the_deadline() -> None:
    rows = [["19.11.10", "Team to publish the spending data", "March 2011", "Plan agreed in January"],
            ["19.11.10", "Team to brief the Board", "May 2011", "Paper drafted in February"]]
    fields = _fields(["Meeting date", "Action", "Deadline", "Progress"], rows)
    assert fields == [None, "action", "deadline", "progress"]
    # "Sign-off month" leans to a deadline by its last word, but "Deadline" names one; the
    # column that lost is not read again from its cells
    rows = [[a, "January 2011", d, p] for _, a, d, p in rows]
    fields = _fields(["Action", "Sign-off month", "Deadline", "Progress"], rows)
    assert fields == ["action", None, "deadline", "progress"]


def test_a_progress_column_of_status_words_on_fills_is_the_status() -> None:
    rows = [["Publish the data", "March 2011", "On track"],
            ["Brief the Board", "May 2011", "Plan in place"],
            ["Hold the workshop", "June 2011", "Complete"]]
    fills = {(1, 2): "92D050", (2, 2): "FFC000", (3, 2): "8DB3E2"}
    assert _fields(["Action", "Deadline", "Progress"], rows, fills) == ["action", "deadline", "status"]
    narrative = [[a, d, f"{s}: the draft went to the Executive in January and comments are due in March."]
                 for a, d, s in rows]
    assert _fields(["Action", "Deadline", "Progress"], narrative) == ["action", "deadline", "progress"]


def test_a_milestone_log_with_no_action_column_is_a_plan_of_milestones() -> None:
    rows = [["1.1 Assess data assets for fitness of purpose", "Progress", "Dec. 31, 2021", "Agencies"],
            ["1.2 Acquire the data needed to answer priority questions", "Completion", "Jun. 30, 2021", "CDO Council"]]
    fields = _fields(["Milestone", "Measurement", "Target Date", "Responsible Party"], rows)
    assert fields[0] == "action" and fields[2:] == ["deadline", "owner"]


def test_a_column_of_labels_and_numbers_is_the_reference_and_the_narrative_the_action() -> None:
    rows = [["Activity\n3.3.1", "DWP dataset owners will engage with external users of their data to find what they need",
             "30.9.13"],
            ["Dataset\n4.1.2", "Publish the Work Programme official statistics with the underlying customer-level data",
             "31.5.14"]]
    head = ["Activity", "Description", "To be first published on"]
    cells = [_cell(0, i, h) for i, h in enumerate(head)]
    cells += [_cell(r, c, t) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=3, n_cols=3)]))
    assert finding.tables[0].cmap is not None and finding.tables[0].cmap.fields == ["ref", "action", "deadline"]
    assert [r.ref for r in finding.records] == ["3.3.1", "4.1.2"]


def test_a_column_of_yes_and_no_is_not_the_status() -> None:
    rows = [["Publish the spending data with the underlying transactions", "30.9.13", "Y"],
            ["Publish the claimant count by local authority each month", "31.5.14", "N"],
            ["Publish the survey of customer satisfaction", "30.10.14", "Y"]]
    assert _fields(["Action", "To be published", "Licence (Y/N)"], rows) == ["action", "deadline", None]


def test_a_status_matrix_is_not_a_plan() -> None:
    head = ["Department", "PM Letter May 2010", "Open Data Strategy Commitments", "Openness Scoring (%)"]
    rows = [["BIS", "Delayed", "On Track", "55"], ["CO", "Delayed", "On Track", "49"],
            ["DCMS", "Met", "Delayed", "40"], ["DfE", "Met", "On Track", "61"]]
    cells = [_cell(0, i, h) for i, h in enumerate(head)]
    cells += [_cell(r, c, t) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=5, n_cols=4)]))
    assert finding.records == []
    assert "status matrix" in finding.tables[0].verdict.reason


def test_a_category_column_beside_the_task_description_is_not_the_action() -> None:
    rows = [["1", "Technology", "Draft the architecture", "Vasu", "In progress"],
            ["2", "Technology", "Evaluate the rule engine", "Thiru", "Completed"],
            ["3", "Solution Presentation", "Prepare the demonstration for the client", "Thiru", ""],
            ["4", "Solution Presentation", "Book the room", "Vasu", ""]]
    fields = _fields(["S.No", "Task Category", "Task Description", "Owner", "Status"], rows)
    assert fields == ["ref", None, "action", "owner", "status"]


def test_an_action_log_with_no_header_row_is_read_from_its_cells() -> None:
    rows = [["Circulate minutes and actions from the fifteenth meeting", "KK", "New"],
            ["Establish date and objectives for the next workshop", "All", "Ongoing"]]
    cells = [_cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=2, n_cols=3, header_rows=0)]))
    assert [(r.action, r.owner_text, r.status_text) for r in finding.records] == [
        ("Circulate minutes and actions from the fifteenth meeting", "KK", "New"),
        ("Establish date and objectives for the next workshop", "All", "Ongoing"),
    ]
    # without a column of status words nothing is certain enough: not a plan
    cells = [_cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row[:2])]
    assert find_plans(Layout(blocks=[Table(cells=cells, n_rows=2, n_cols=2, header_rows=0)])).records == []


def test_a_legend_title_over_the_table_is_not_its_section() -> None:
    rows = [["1.1", "Publish the needs assessment", "31 January 2024", "Green"],
            ["1.2", "Deliver the awareness sessions", "Q3 2023/24", "Amber"]]
    head = ["Ref", "Action", "Target date", "RAG"]
    cells = [_cell(0, i, h) for i, h in enumerate(head)]
    cells += [_cell(r, c, t) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    layout = Layout(blocks=[Heading("Status key:"), Paragraph("Red – Not on track Amber – Some slippage Green – On track"),
                            Table(cells=cells, n_rows=3, n_cols=4)])
    assert [r.section for r in find_plans(layout).records] == [None, None]


_DATASETS = [
    ("Spend over 25,000", "Items of spending over 25,000, published each month.", "June 2012"),
    ("Organograms", "Posts and salaries of senior staff, as structured data.", "September 2012"),
]


@pytest.mark.parametrize("name", ["Dataset Name", "Project name"])
def test_described_items_with_a_date_read_the_description_as_the_action(name: str) -> None:
    """"Dataset Name | Description | Date of release | Frequency" (a publication plan): no
    column is headed as the action; each named item's description is what will be done."""
    head = [name, "Description", "Date of release", "Frequency"]
    rows = [[_cell(r, 0, n), _cell(r, 1, d), _cell(r, 2, when), _cell(r, 3, "Monthly")]
            for r, (n, d, when) in enumerate(_DATASETS, 1)]
    cells = [_cell(0, i, h) for i, h in enumerate(head)] + [c for row in rows for c in row]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=3, n_cols=4)]))
    assert [(r.objective, r.action, r.deadline_text, r.progress) for r in finding.records] == [
        (n, d, when, None) for n, d, when in _DATASETS]


@pytest.mark.parametrize(
    ("head", "second"),
    [
        # a risk named by its category, not by a name column
        (["Risk", "Description", "Category", "Review date"], "Finance"),
        # names with short labels beside them, not descriptions
        (["Project name", "Description", "Date of release", "Frequency"], "Staff"),
        # no date: a list of names and descriptions is no plan
        (["Dataset Name", "Description", "Format", "Frequency"], "CSV"),
    ],
    ids=["risk-register", "labels", "no-deadline"],
)
def test_described_items_need_a_name_column_narrative_and_a_date(head: list[str], second: str) -> None:
    descs = ["Staff", "Posts"] if second == "Staff" else [d for _, d, _ in _DATASETS]
    rows = [[_cell(r, 0, n), _cell(r, 1, d), _cell(r, 2, second if head[2] != "Date of release" else when),
             _cell(r, 3, "30/04/22" if head[3] == "Review date" else "Monthly")]
            for r, ((n, _, when), d) in enumerate(zip(_DATASETS, descs, strict=True), 1)]
    cells = [_cell(0, i, h) for i, h in enumerate(head)] + [c for row in rows for c in row]
    finding = find_plans(Layout(blocks=[Table(cells=cells, n_rows=3, n_cols=4)]))
    assert finding.records == []

"""Build planparse's fixture documents from the semantic specs in ``fixtures/specs/``.

A spec describes a document the way its author meant it: metadata, preamble, legends and
plan tables whose rows are *actions* (objective, ref, action text, owners, deadline, RAG
colour, progress, milestones ...) plus render options (column order and headings, repeated
header row, ruling lines, orientation, how the RAG cell is shown). From one spec this script
writes

* ``fixtures/docx/NAME.docx``      the Word rendition (python-docx), byte-stable;
* ``fixtures/pdf/NAME.pdf``        with ``--pdf``: LibreOffice's PDF of that Word file;
* ``fixtures/expected/NAME.json``  what planparse must return, derived from the spec alone
                                   (never from planparse's own output).

Usage::

    python tools/make_fixtures.py [--pdf] [NAME ...]

The spec format is documented in ``fixtures/README.md``. A spec may name a ``base`` spec and
change only render options (``render``, ``page``), ``formats`` and ``append_progress``; the
variant keeps the base's actions, so its expected JSON differs only where rendering changes
what is printed (e.g. a fill-only RAG cell has no status text).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SPECS = FIXTURES / "specs"
DOCX_DIR = FIXTURES / "docx"
PDF_DIR = FIXTURES / "pdf"
EXPECTED_DIR = FIXTURES / "expected"

FIXED_TIME = dt.datetime(2016, 5, 16, 9, 0, 0)
ZIP_TIME = (2016, 5, 16, 9, 0, 0)
LO_PROFILE = "file:///tmp/lo_profile_fixtures"

# Without a legend in the document, a colour means what it usually means in UK plans.
DEFAULT_STATES = {
    "red": "off_track",
    "amber": "at_risk",
    "green": "on_track",
    "blue": "complete",
}
DEFAULT_FILLS = {
    "red": "FF0000",
    "amber": "FFC000",
    "yellow": "FFFF00",
    "green": "00B050",
    "blue": "0070C0",
}
DEFAULT_RENDER: dict[str, Any] = {
    "repeat_header": True,  # header row marked "repeat as header row at the top of each page"
    "rules": True,  # ruling lines on every cell edge; False: no borders at all
    "rag_style": "word_fill",  # word_fill | fill | word
    "font_size": 8,
    "header_bold": True,
    "header_fill": None,  # hex fill of the header row, or null
    "merge_objectives": True,  # consecutive equal objective cells become one merged cell
    "ref_format": "{ref}. ",  # how a ref is printed before the text of its ref_in column
}
DEFAULT_PAGE: dict[str, Any] = {
    "size": "A4",
    "orientation": "portrait",
    "margin_cm": 1.5,
    "font": "Arial",
    "font_size": 10,
    "header": [],
    "footer": [],
}
ACTION_FIELDS = {
    "objective",
    "action",
    "ref",
    "source",
    "owner",
    "progress",
    "deadline",
    "evidence",
    "status",
    "trend",
    "owner2",  # a second owner column (e.g. "Operational lead"); row key "owner2_text"
    "other",  # a column with no output field (likelihood, score ...); row["other"][column "key"]
}
# Render options with no default (absent from the resolved spec unless a spec sets them, so
# older specs keep their digest): "header_groups" = [[heading, span], ...] covering every
# column adds a first header row; a span-1 group is one cell merged down over both rows.
OPTIONAL_RENDER = {"header_groups"}
# Without a legend, a printed status word means what it usually means (checked in order).
WORD_STATES = [
    (r"superseded|withdrawn|no longer required|not applicable", "not_applicable"),
    (r"not started|not yet started", "not_started"),
    (r"partially implemented|partly implemented", "on_track"),
    (r"not implemented", "not_started"),
    (r"overdue", "overdue"),
    (r"off track|delayed", "off_track"),
    (r"slippage|at risk", "at_risk"),
    (r"complete|implemented|done|achieved|closed|\b100\s*%", "complete"),
    (r"on track|on schedule|in progress|ongoing|\b\d{1,2}(\.\d+)?\s*%", "on_track"),
]

_TAG = re.compile(r"</?(?:sup|b|i)>")  # inline markup: superscript, bold, italic
_MARKUP = re.compile(r"(<sup>.*?</sup>|<b>.*?</b>|<i>.*?</i>)")


# --------------------------------------------------------------------------- specs


def spec_names() -> list[str]:
    """Names of every spec, sorted."""
    return sorted(p.stem for p in SPECS.glob("*.json"))


def load_spec(name: str) -> dict[str, Any]:
    """The spec called ``name`` with any ``base`` resolved and defaults filled in."""
    raw = json.loads((SPECS / f"{name}.json").read_text(encoding="utf-8"))
    if raw.get("name") != name:
        raise ValueError(f"{name}.json: 'name' must be {name!r}")
    spec = copy.deepcopy(_apply_variant(load_spec(raw["base"]), raw) if "base" in raw else raw)
    spec["page"] = {**DEFAULT_PAGE, **spec.get("page", {})}
    for block in spec["body"]:
        if block["type"] == "plan_table":
            block["render"] = {**DEFAULT_RENDER, **block.get("render", {})}
            unknown = set(block["render"]) - set(DEFAULT_RENDER) - OPTIONAL_RENDER
            if unknown:
                raise ValueError(f"{name}: unknown render options {sorted(unknown)}")
    spec.setdefault("formats", ["docx", "pdf"])
    return spec


def _apply_variant(base: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    allowed = {"name", "base", "description", "formats", "render", "page", "append_progress"}
    unknown = set(variant) - allowed
    if unknown:
        raise ValueError(f"{variant['name']}: a variant may not set {sorted(unknown)}")
    spec = copy.deepcopy(base)
    spec["name"] = variant["name"]
    spec["description"] = variant.get("description", base.get("description", ""))
    spec["formats"] = variant.get("formats", base.get("formats", ["docx", "pdf"]))
    spec["page"] = {**base.get("page", {}), **variant.get("page", {})}
    tables = [b for b in spec["body"] if b["type"] == "plan_table"]
    for block in tables:
        block["render"] = {**block.get("render", {}), **variant.get("render", {})}
    actions = [row for b in tables for row in b["rows"] if "section_row" not in row]
    for index, paragraphs in variant.get("append_progress", {}).items():
        action = actions[int(index)]
        action["progress"] = _paragraphs(action.get("progress")) + list(paragraphs)
    return spec


# --------------------------------------------------------------------------- text


def _paragraphs(value: str | list[str] | None) -> list[str]:
    """A cell value as its paragraphs (a string's lines, or a list's items)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else value.split("\n")
    return [item for item in items if item.strip()]


def plain(value: str | list[str] | None) -> str | None:
    """A cell value as expected text: paragraphs joined by newlines, no markup, tidy spaces."""
    lines = [re.sub(r"\s+", " ", _TAG.sub("", p)).strip() for p in _paragraphs(value)]
    text = "\n".join(line for line in lines if line)
    return text or None


# --------------------------------------------------------------------------- expected


def rag_states(spec: dict[str, Any]) -> dict[str, str]:
    """Colour -> state: from the document's legend when it prints one, else the defaults."""
    legend = spec.get("legend", {}).get("rag", [])
    if legend:
        return {entry["colour"]: entry["state"] for entry in legend}
    return dict(DEFAULT_STATES)


def _status(spec: dict[str, Any], render: dict[str, Any], row: dict[str, Any]) -> dict | None:
    colour = row.get("rag")
    if colour is None:
        # A status printed as a word only (no colour): its state from the word.
        if not row.get("status_text"):
            return None
        state = row.get("state") or word_state(row["status_text"])
        if state is None:
            raise ValueError(f"{spec['name']}: no state for {row['status_text']!r}; give 'state'")
        return {"text": plain(row["status_text"]), "rag": None, "state": state}
    state = row.get("state")
    if state is None and row.get("status_text") and not spec.get("legend", {}).get("rag"):
        state = word_state(row["status_text"])  # no legend: the word wins over the colour
    state = state or rag_states(spec).get(colour)
    if state is None:
        raise ValueError(f"{spec['name']}: no state for colour {colour!r}; give 'state'")
    text = None if render["rag_style"] == "fill" else status_word(render, row)
    return {"text": text, "rag": colour, "state": state}


def word_state(text: str) -> str | None:
    """The usual meaning of a status word printed without a legend (see ``WORD_STATES``)."""
    lowered = text.lower()
    for pattern, state in WORD_STATES:
        if re.search(pattern, lowered):
            return state
    return None


def status_word(render: dict[str, Any], row: dict[str, Any]) -> str:
    """The word printed in a RAG cell (``status_text``, else the colour in title case)."""
    return row.get("status_text") or row["rag"].capitalize()


def _deadline(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if not value:
        return None
    return {"text": plain(value["text"]), "date": value.get("date")}


def _owner(owner: dict[str, Any]) -> dict[str, Any]:
    unknown = set(owner) - {"name", "role", "organisation"}
    if unknown:
        raise ValueError(f"owner has unknown keys {sorted(unknown)}")
    return {key: owner.get(key) for key in ("name", "role", "organisation")}


def _expanded_rows(spec: dict[str, Any], block: dict[str, Any]) -> list[dict[str, Any]]:
    """A plan table's rows with each ``list_row`` replaced by the actions it holds.

    A list row prints its ``cells`` as given (one value per column: a priority, a bulleted
    list of key actions, a list of milestones ...) and names the actions the author meant in
    ``actions``; ``objective``, ``owner_text``, ``owner2_text`` and ``owners`` given on the
    list row are shared by its actions unless an action sets its own. Each action's text and
    deadline text must be printed in the row.
    """
    rows: list[dict[str, Any]] = []
    for row in block["rows"]:
        if "list_row" not in row:
            rows.append(row)
            continue
        lrow = row["list_row"]
        if len(lrow["cells"]) != len(block["columns"]):
            raise ValueError(f"{spec['name']}: a list_row needs one cell per column")
        printed = re.sub(r"\s+|• ", "", "".join(plain(c) or "" for c in lrow["cells"]))
        shared = ("objective", "owner_text", "owner2_text", "owners")
        for action in lrow["actions"]:
            merged = {k: copy.deepcopy(lrow[k]) for k in shared if k in lrow}
            merged.update(action)
            deadline = plain((action.get("deadline") or {}).get("text"))
            for text in (plain(action["action"]), deadline):
                if text and re.sub(r"\s+|• ", "", text) not in printed:
                    raise ValueError(f"{spec['name']}: {text[:40]!r} is not printed in its row")
            rows.append(merged)
    return rows


def _plans(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Expected plans: a plan table's ``plan`` title and its action count (consecutive tables
    with the same title are one plan)."""
    plans: list[dict[str, Any]] = []
    for block in spec["body"]:
        if block["type"] != "plan_table" or not block.get("plan"):
            continue
        count = sum("section_row" not in row for row in _expanded_rows(spec, block))
        if plans and plans[-1]["title"] == block["plan"]:
            plans[-1]["actions"] += count
        else:
            plans.append({"title": block["plan"], "actions": count})
    return plans


def expected(spec: dict[str, Any]) -> dict[str, Any]:
    """The expected planparse output for a spec: what the author meant, in the contract's shape."""
    legend = spec.get("legend", {})
    actions: list[dict[str, Any]] = []
    for block in spec["body"]:
        if block["type"] != "plan_table":
            continue
        render = block["render"]
        section = block.get("section")
        for row in _expanded_rows(spec, block):
            if "section_row" in row:
                sec = row["section_row"]
                section = {"ref": sec.get("ref"), "title": sec["title"]}
                continue
            actions.append(
                {
                    "ref": row.get("ref"),
                    "section": copy.deepcopy(section),
                    "objective": plain(row.get("objective")),
                    "action": plain(row["action"]),
                    # a second owner column's text follows the first's, one paragraph each
                    "owner_text": plain(
                        _paragraphs(row.get("owner_text")) + _paragraphs(row.get("owner2_text"))
                    ),
                    "owners": [_owner(o) for o in row.get("owners", [])],
                    "deadline": _deadline(row.get("deadline")),
                    "status": _status(spec, render, row),
                    "progress": plain(row.get("progress")),
                    "evidence": plain(row.get("evidence")),
                    "milestones": [
                        {
                            "text": plain(m["deadline"]["text"]),
                            "deadline": _deadline(m["deadline"]),
                            "status": _status(spec, render, m),
                            "progress": plain(m.get("progress")),
                        }
                        for m in row.get("milestones", [])
                    ],
                }
            )
    doc = spec["document"]
    result = {
        "fixture": spec["name"],
        "document": {k: doc.get(k) for k in ("title", "organisation", "kind", "date")},
        "legends": {
            "rag": {e["colour"]: e["meaning"] for e in legend.get("rag", [])},
            "codes": dict(legend.get("codes", {})),
        },
        "actions": actions,
    }
    if spec.get("heldout"):
        # held out from tuning: benchmarks report it apart; nothing may be fitted to it
        result["heldout"] = True
    if spec.get("untouched"):
        # not yet corrected against: measured apart, and outside the accuracy floors
        result["untouched"] = True
    plans = _plans(spec)
    if plans:  # only for specs whose plan tables name their plan ("plan": title)
        result["plans"] = plans
    return result


def spec_digest(spec: dict[str, Any]) -> str:
    """A short hash of the resolved spec, stamped into the docx (and so the PDF) keywords.

    A test compares it with the spec now, so a rendered file left stale after a spec edit
    is caught even for PDFs, which are not byte-compared.
    """
    canonical = json.dumps(spec, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


def expected_json(spec: dict[str, Any]) -> str:
    """The expected file's exact text."""
    return json.dumps(expected(spec), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- docx


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """Replace child ``tag`` of an oxml element with a new one carrying ``attrs``."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = OxmlElement(tag)
    for key, val in attrs.items():
        el.set(qn(key), val)
    parent.append(el)
    return el


def _add_runs(paragraph: Any, text: str, size: float | None, bold: bool = False) -> None:
    for piece in _MARKUP.split(text):
        if not piece:
            continue
        sup = piece.startswith("<sup>")
        run = paragraph.add_run(_TAG.sub("", piece))
        run.bold = bold or piece.startswith("<b>") or None
        run.italic = piece.startswith("<i>") or None
        run.font.superscript = sup or None
        if size:
            run.font.size = Pt(size)


def _fill_cell(cell: Any, value: str | list[str] | None, size: float, bold: bool = False) -> None:
    """Write a value into an empty cell: one paragraph per line, '• ' lines as bullets."""
    paragraphs = _paragraphs(value)
    first = cell.paragraphs[0]
    for i, text in enumerate(paragraphs):
        para = first if i == 0 else cell.add_paragraph()
        if text.startswith("• "):
            para.style = "List Bullet"
            text = text[2:]
        para.paragraph_format.space_after = Pt(2)
        _add_runs(para, text, size, bold)


def _shade(cell: Any, fill: str) -> None:
    _set(
        cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}
    )


def _vmerge(cell: Any, restart: bool) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    if restart:
        _set(tcPr, "w:vMerge", **{"w:val": "restart"})
    else:
        _set(tcPr, "w:vMerge")


def _borders(table: Any, rules: bool) -> None:
    tblPr = table._tbl.tblPr
    borders = _set(tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if rules:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)


def _new_table(doc: Any, rows: int, widths_cm: list[float], rules: bool) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set(table._tbl.tblPr, "w:tblLayout", **{"w:type": "fixed"})
    _borders(table, rules)
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
    return table


def _usable_width_cm(page: dict[str, Any]) -> float:
    short, long_ = (21.0, 29.7) if page["size"] == "A4" else (21.59, 27.94)
    width = long_ if page["orientation"] == "landscape" else short
    return width - 2 * page["margin_cm"]


def _cell_value(
    block: dict[str, Any], row: dict[str, Any], field: str, column: dict[str, Any] | None = None
) -> Any:
    """What a row prints in the column holding ``field``."""
    render = block["render"]
    if field == "owner":
        value = row.get("owner_text")
    elif field == "owner2":
        value = row.get("owner2_text")
    elif field == "other":
        value = row.get("other", {}).get((column or {}).get("key", ""))
    elif field == "deadline":
        # "deadline_text": printed in the deadline column but names no date ("Ongoing"), so
        # the expected deadline is null
        value = (row.get("deadline") or {}).get("text") or row.get("deadline_text")
    elif field == "status":
        value = None
    else:
        value = row.get(field)
    if field == "ref":
        return row.get("ref_printed", row.get("ref"))
    if field == block.get("ref_in") and row.get("ref") is not None:
        prefix = row.get("ref_printed", render["ref_format"].format(ref=row["ref"]))
        lines = _paragraphs(value)
        lines[0] = prefix + lines[0]
        value = lines
    return value


def _render_plan_table(doc: Any, spec: dict[str, Any], block: dict[str, Any]) -> None:
    render = block["render"]
    columns = block["columns"]
    fields = [c["field"] for c in columns]
    for f in fields:
        if f not in ACTION_FIELDS:
            raise ValueError(f"{spec['name']}: unknown column field {f!r}")
    total = sum(c.get("width", 1) for c in columns)
    usable = _usable_width_cm(spec["page"])
    widths = [usable * c.get("width", 1) / total for c in columns]
    size = render["font_size"]

    # Lay the table out as a list of grid rows first: header, section rows, action rows and
    # their milestone sub-rows.
    groups = render.get("header_groups")
    n_head = 2 if groups else 1
    grid: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [("header", {}, None)] * n_head
    for row in block["rows"]:
        if "section_row" in row:
            grid.append(("section", row["section_row"], None))
            continue
        if "list_row" in row:  # one printed row holding several actions (see _expanded_rows)
            grid.append(("list", row["list_row"], None))
            continue
        grid.append(("action", row, None))
        for milestone in row.get("milestones", []):
            grid.append(("milestone", milestone, row))

    table = _new_table(doc, len(grid), widths, render["rules"])
    header = table.rows[n_head - 1]
    for head_row in table.rows[:n_head]:
        if render["repeat_header"]:
            _set(head_row._tr.get_or_add_trPr(), "w:tblHeader")
    in_group: set[int] = set()  # columns whose heading sits in a group row cell above
    if groups:
        col = 0
        for text, span in groups:
            top = table.rows[0].cells[col]
            if span > 1:
                top = top.merge(table.rows[0].cells[col + span - 1])
                in_group.update(range(col, col + span))
            else:
                _vmerge(top, restart=True)
                _vmerge(header.cells[col], restart=False)
            _fill_cell(top, text, size, bold=render["header_bold"])
            if render["header_fill"]:
                _shade(top, render["header_fill"])
            col += span
        if col != len(columns):
            raise ValueError(f"{spec['name']}: header_groups span {col} of {len(columns)} columns")
    for col, (cell, column) in enumerate(zip(header.cells, columns, strict=True)):
        if groups and col not in in_group:
            continue
        _fill_cell(cell, column["heading"], size, bold=render["header_bold"])
        if render["header_fill"]:
            _shade(cell, render["header_fill"])

    obj_col = fields.index("objective") if "objective" in fields else None
    last_objective: tuple[Any, ...] | None = None
    for index, (kind, item, parent) in enumerate(grid[n_head:], start=n_head):
        cells = table.rows[index].cells
        if kind == "section":
            merged = cells[0].merge(cells[-1])
            _fill_cell(merged, item["text"], size, bold=True)
            if item.get("fill"):
                _shade(merged, item["fill"])
            last_objective = None
            continue
        if kind == "list":  # printed cell by cell, as given
            for cell, value in zip(cells, item["cells"], strict=True):
                _fill_cell(cell, value, size)
            last_objective = None
            continue
        source = parent if kind == "milestone" else item
        for col, field in enumerate(fields):
            cell = cells[col]
            if col == obj_col:
                key = (id(block), json.dumps(_cell_value(block, source, "objective")))
                if render["merge_objectives"] and key == last_objective:
                    _vmerge(cell, restart=False)
                    continue
                last_objective = key
                next_rows = grid[index + 1 :]
                if render["merge_objectives"] and _objective_continues(block, source, next_rows):
                    _vmerge(cell, restart=True)
                if kind == "action":
                    _fill_cell(cell, _cell_value(block, item, field), size)
                continue
            if kind == "milestone" and field not in {"progress", "deadline", "status"}:
                continue
            if field == "status":
                _render_status(cell, render, item, size)
            else:
                _fill_cell(cell, _cell_value(block, item, field, columns[col]), size)
    if block.get("section_above_header") and grid[n_head][0] == "section":
        # the first section row printed above the column headings (seed 002's CSE plan)
        first_section = table.rows[n_head]._tr
        table._tbl.remove(first_section)
        table.rows[0]._tr.addprevious(first_section)


def _objective_continues(block: dict[str, Any], row: dict[str, Any], rest: list) -> bool:
    """Whether the grid row after this one repeats this row's objective cell."""
    if not rest:
        return False
    kind, item, parent = rest[0]
    if kind in ("section", "list"):
        return False
    nxt = parent if kind == "milestone" else item
    return nxt is row or _cell_value(block, nxt, "objective") == _cell_value(
        block, row, "objective"
    )


def _render_status(cell: Any, render: dict[str, Any], row: dict[str, Any], size: float) -> None:
    colour = row.get("rag")
    if colour is None:
        if row.get("status_text"):  # a status word with no colour
            _fill_cell(cell, row["status_text"], size)
        return
    style = render["rag_style"]
    if style in ("word_fill", "word"):
        _fill_cell(cell, status_word(render, row), size)
    if style in ("word_fill", "fill"):
        _shade(cell, row.get("fill") or DEFAULT_FILLS[colour])


def _legend_runs(paragraph: Any, spec: dict[str, Any], size: float) -> None:
    entries = spec["legend"]["rag"]
    for i, entry in enumerate(entries):
        if i:
            paragraph.add_run(" ").font.size = Pt(size)
        label = paragraph.add_run(entry["label"])
        label.bold = True
        label.font.size = Pt(size)
        label.font.color.rgb = RGBColor.from_string(entry.get("text_colour", "000000"))
        rest = paragraph.add_run(entry.get("sep", " – ") + entry["meaning"])
        rest.font.size = Pt(size)


def _render_legend_table(doc: Any, spec: dict[str, Any]) -> None:
    entries = spec["legend"]["rag"]
    table = _new_table(doc, len(entries), [2.0, 6.0], rules=True)
    for row, entry in zip(table.rows, entries, strict=True):
        _fill_cell(row.cells[0], entry["label"], 9, bold=True)
        _shade(row.cells[0], entry.get("fill") or DEFAULT_FILLS[entry["colour"]])
        _fill_cell(row.cells[1], entry["meaning"], 9)


def _setup_page(doc: Any, spec: dict[str, Any]) -> None:
    page = spec["page"]
    normal = doc.styles["Normal"]
    normal.font.name = page["font"]
    normal.font.size = Pt(page["font_size"])
    rpr = normal.element.get_or_add_rPr()
    _set(rpr, "w:rFonts", **{f"w:{k}": page["font"] for k in ("ascii", "hAnsi", "cs", "eastAsia")})
    section = doc.sections[0]
    short, long_ = (Cm(21.0), Cm(29.7)) if page["size"] == "A4" else (Cm(21.59), Cm(27.94))
    if page["orientation"] == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_, short
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short, long_
    margin = Cm(page["margin_cm"])
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(0.6)
    for text in page["header"]:
        _fill_cell(section.header, text, 8)
    legend = spec.get("legend", {})
    for text in page["footer"]:
        _fill_cell(section.footer, text, 8)
    if legend.get("placement") == "footer":
        para = section.footer.add_paragraph() if page["footer"] else section.footer.paragraphs[0]
        _legend_runs(para, spec, 8)


def _set_core_properties(doc: Any, spec: dict[str, Any]) -> None:
    props = doc.core_properties
    props.title = spec["document"].get("title") or ""
    props.author = "planparse fixtures"
    props.last_modified_by = "planparse fixtures"
    props.comments = f"planparse fixture {spec['name']}"
    props.keywords = f"spec-{spec_digest(spec)}"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME


def _new_section(doc: Any, page: dict[str, Any]) -> None:
    """Start a new page in a new section laid out as ``page`` (headers/footers carry on)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    short, long_ = (Cm(21.0), Cm(29.7)) if page["size"] == "A4" else (Cm(21.59), Cm(27.94))
    landscape = page["orientation"] == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    margin = Cm(page["margin_cm"])
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin


def _render_table(doc: Any, spec: dict[str, Any], block: dict[str, Any]) -> None:
    """A table that is not a plan (agenda, membership, budget, data ...), printed as given.

    ``rows``: lists of cells; a cell is a value (string or paragraphs) or
    ``{"text", "fill"?, "bold"?, "span"?}`` (span: merged across that many columns).
    ``widths``: relative column weights (the table fills the page width) or ``widths_cm``.
    Options: ``header_rows`` (bold, repeated on each page when ``repeat_header``),
    ``header_fill``, ``font_size`` (9), ``rules`` (true).
    """
    ncols = len(block.get("widths_cm") or block["widths"])
    widths = block.get("widths_cm") or [
        _usable_width_cm(spec["page"]) * w / sum(block["widths"]) for w in block["widths"]
    ]
    size = block.get("font_size", 9)
    n_head = block.get("header_rows", 0)
    table = _new_table(doc, len(block["rows"]), widths, block.get("rules", True))
    for r, (row, values) in enumerate(zip(table.rows, block["rows"], strict=True)):
        head = r < n_head
        if head and block.get("repeat_header"):
            _set(row._tr.get_or_add_trPr(), "w:tblHeader")
        col = 0
        for value in values:
            cell_spec = value if isinstance(value, dict) else {"text": value}
            span = cell_spec.get("span", 1)
            cell = row.cells[col]
            if span > 1:
                cell = cell.merge(row.cells[col + span - 1])
            _fill_cell(cell, cell_spec.get("text"), size, bold=head or cell_spec.get("bold", False))
            fill = cell_spec.get("fill") or (block.get("header_fill") if head else None)
            if fill:
                _shade(cell, fill)
            col += span
        if col != ncols:
            raise ValueError(f"{spec['name']}: table row {r} spans {col} of {ncols} columns")
    doc.add_paragraph()


def render_docx(spec: dict[str, Any]) -> bytes:
    """The Word rendition of a spec, as bytes that are the same on every run."""
    doc = Document()
    _setup_page(doc, spec)
    page_spec = spec  # the spec with the current section's page (see "section_break")
    for block in spec["body"]:
        kind = block["type"]
        if kind in ("heading", "paragraph"):
            para = doc.add_paragraph()
            if kind == "heading":
                para.style = f"Heading {block.get('level', 1)}"
            elif block.get("style"):  # e.g. "List Bullet", "List Number", "Title"
                para.style = block["style"]
            if block.get("align"):
                para.alignment = WD_ALIGN_PARAGRAPH[block["align"].upper()]
            _add_runs(para, block["text"], block.get("font_size"), bold=block.get("bold", False))
        elif kind == "section_break":
            # a new page in a new section, e.g. landscape for an appendix table
            page_spec = {**spec, "page": {**spec["page"], **block.get("page", {})}}
            _new_section(doc, page_spec["page"])
        elif kind == "table":
            _render_table(doc, page_spec, block)
        elif kind == "page_break":
            doc.add_page_break()
        elif kind == "rag_legend":
            placement = spec["legend"].get("placement")
            if placement == "table":
                _render_legend_table(doc, spec)
            else:
                para = doc.add_paragraph()
                _legend_runs(para, spec, 9)
        elif kind == "kv_table":
            table = _new_table(doc, len(block["rows"]), block.get("widths_cm", [5.0, 10.0]), True)
            for row, values in zip(table.rows, block["rows"], strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    _fill_cell(cell, value, 10)
        elif kind == "plan_table":
            if block.get("heading"):
                para = doc.add_paragraph()
                para.style = "Heading 2"
                _add_runs(para, block["heading"], None)
            _render_plan_table(doc, page_spec, block)
            doc.add_paragraph()
        else:
            raise ValueError(f"{spec['name']}: unknown block type {kind!r}")
    _set_core_properties(doc, spec)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- pdf


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert with LibreOffice (one conversion at a time), then blank its timestamps and ids."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed for --pdf")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={LO_PROFILE}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        pdf_path.write_bytes(_stable_pdf(produced.read_bytes()))


def _stable_pdf(data: bytes) -> bytes:
    """Replace creation dates and document ids by fixed values of the same length.

    Lengths are kept so the cross-reference offsets stay valid.
    """
    data = re.sub(rb"D:\d{14}[^)]*", lambda m: _pad(b"D:20160516090000Z", len(m.group(0))), data)
    data = re.sub(
        rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]",
        lambda m: re.sub(
            rb"<[0-9A-Fa-f]+>", lambda h: b"<" + b"0" * (len(h.group(0)) - 2) + b">", m.group(0)
        ),
        data,
    )
    data = re.sub(
        rb"/DocChecksum /[0-9A-Fa-f]+",
        lambda m: m.group(0)[:14] + b"0" * (len(m.group(0)) - 14),
        data,
    )
    data = re.sub(
        rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<]*<",
        lambda m: _pad(b"2016-05-16T09:00:00Z", len(m.group(0)) - 1) + b"<",
        data,
    )
    data = re.sub(rb"uuid:[0-9a-f-]{36}", b"uuid:00000000-0000-0000-0000-000000000000", data)
    return data


def _pad(value: bytes, length: int) -> bytes:
    return value[:length] + b" " * max(0, length - len(value))


# --------------------------------------------------------------------------- main


def build(name: str, pdf: bool) -> list[Path]:
    """Write one fixture's files; returns the paths written."""
    spec = load_spec(name)
    written = []
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    exp = EXPECTED_DIR / f"{name}.json"
    exp.write_text(expected_json(spec), encoding="utf-8")
    written.append(exp)
    data = render_docx(spec)
    if "docx" in spec["formats"]:
        DOCX_DIR.mkdir(parents=True, exist_ok=True)
        docx_path = DOCX_DIR / f"{name}.docx"
        docx_path.write_bytes(data)
        written.append(docx_path)
    if pdf and "pdf" in spec["formats"]:
        PDF_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / f"{name}.docx"
            src.write_bytes(data)
            docx_to_pdf(src, PDF_DIR / f"{name}.pdf")
        written.append(PDF_DIR / f"{name}.pdf")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also convert to PDF with soffice")
    parser.add_argument("names", nargs="*", help="spec names (default: all)")
    args = parser.parse_args(argv)
    names = args.names or spec_names()
    unknown = sorted(set(names) - set(spec_names()))
    if unknown:
        parser.error(f"no spec named {', '.join(unknown)}")
    for name in names:
        for path in build(name, args.pdf):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

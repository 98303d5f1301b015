"""Compare parse results with expected JSON (written from fixture specs). Development aid.

Used by the document tests and by ``benchmarks/accuracy.py``. A predicted action matches
an expected one by its action text (normalised for case, spacing and punctuation; then the
closest remaining text above a similarity bar); over matched pairs each field is scored.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import ActionRecord, ParseResult

FIELDS = ("ref", "objective", "action", "owners", "deadline", "rag", "state", "progress", "milestones")


def _norm(text: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (text or "").lower()).strip()


def _tidy(text: str | None) -> str:
    """Whitespace-insensitive text, with one PDF ambiguity settled.

    A line that ends in a hyphen cannot tell "12-month" broken after the hyphen from an
    author's "outcomes- demonstrating" broken at the space, so a space after a hyphen
    between two words is not counted as a difference.
    """
    text = re.sub(r"\s+", " ", (text or "")).strip()
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def load_expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def expected_view(exp: dict[str, Any]) -> dict[str, Any]:
    """The comparable fields of one expected action."""
    dl = exp.get("deadline") or {}
    st = exp.get("status") or {}
    return {
        "ref": exp.get("ref"),
        "objective": _tidy(exp.get("objective")),
        "action": _tidy(exp.get("action")),
        "owners": sorted(_owner_key(o) for o in exp.get("owners") or []),
        "owner_text": _tidy(exp.get("owner_text")),
        "deadline": dl.get("date"),
        "deadline_text": _tidy(dl.get("text")),
        "rag": st.get("rag"),
        "state": st.get("state"),
        "status_text": st.get("text"),
        "progress": _tidy(exp.get("progress")),
        "milestones": len(exp.get("milestones") or []),
    }


def predicted_view(rec: ActionRecord) -> dict[str, Any]:
    return {
        "ref": rec.ref,
        "objective": _tidy(rec.objective),
        "action": _tidy(rec.action),
        "owners": sorted(_owner_key(o.model_dump()) for o in rec.owners),
        "owner_text": _tidy(rec.owner_text),
        "deadline": rec.deadline.date.isoformat() if rec.deadline and rec.deadline.date else None,
        "deadline_text": _tidy(rec.deadline.text) if rec.deadline else "",
        "rag": rec.status.rag if rec.status else None,
        "state": rec.status.state if rec.status else None,
        "status_text": rec.status.text if rec.status else None,
        "progress": _tidy(rec.progress),
        "milestones": len(rec.milestones),
    }


def _owner_key(o: dict[str, Any]) -> tuple[str, str, str]:
    return (_tidy(o.get("name")), _tidy(o.get("role")), _tidy(o.get("organisation")))


def owner_f1(pred: list[tuple[str, str, str]], exp: list[tuple[str, str, str]]) -> float:
    if not pred and not exp:
        return 1.0
    remaining = list(exp)
    hits = 0
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            hits += 1
    if hits == 0:
        return 0.0
    precision, recall = hits / len(pred), hits / len(exp)
    return 2 * precision * recall / (precision + recall)


@dataclass
class DocScore:
    name: str
    expected: int
    predicted: int
    matched: int
    field_hits: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    field_errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    document_errors: list[tuple[str, Any, Any]] = field(default_factory=list)
    """(what, got, want) for document info and plans: title, organisation, kind, date, plans."""

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float:
        return self.field_hits.get(name, 0.0) / self.matched if self.matched else 0.0


def match_actions(
    predicted: list[dict[str, Any]], expected: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (predicted index, expected index), by action text."""
    pairs: list[tuple[int, int]] = []
    free_p = set(range(len(predicted)))
    free_e = list(range(len(expected)))
    for ei in list(free_e):
        key = _norm(expected[ei]["action"])
        for pi in sorted(free_p):
            if _norm(predicted[pi]["action"]) == key:
                pairs.append((pi, ei))
                free_p.discard(pi)
                free_e.remove(ei)
                break
    for ei in list(free_e):
        key = _norm(expected[ei]["action"])
        best, best_ratio = None, 0.85
        for pi in free_p:
            ratio = difflib.SequenceMatcher(None, _norm(predicted[pi]["action"]), key).ratio()
            if ratio > best_ratio:
                best, best_ratio = pi, ratio
        if best is not None:
            pairs.append((best, ei))
            free_p.discard(best)
            free_e.remove(ei)
    return sorted(pairs, key=lambda p: p[1])


def score_document(name: str, result: ParseResult, expected: dict[str, Any]) -> DocScore:
    preds = [predicted_view(r) for r in result.actions]
    exps = [expected_view(e) for e in expected["actions"]]
    pairs = match_actions(preds, exps)
    score = DocScore(name=name, expected=len(exps), predicted=len(preds), matched=len(pairs))
    matched_p = {p for p, _ in pairs}
    matched_e = {e for _, e in pairs}
    score.misses = [exps[i]["action"][:80] for i in range(len(exps)) if i not in matched_e]
    score.extras = [preds[i]["action"][:80] for i in range(len(preds)) if i not in matched_p]
    for name_ in FIELDS:
        score.field_hits[name_] = 0.0
    score.document_errors = document_errors(result, expected)
    for pi, ei in pairs:
        p, e = preds[pi], exps[ei]
        for f in FIELDS:
            if f == "owners":
                hit = owner_f1(p["owners"], e["owners"])
            else:
                hit = 1.0 if p[f] == e[f] else 0.0
            score.field_hits[f] += hit
            if hit < 1.0:
                score.field_errors.append((e["action"][:50], f, p[f], e[f]))
    return score


DOCUMENT_FIELDS = ("title", "organisation", "kind", "date")


def document_errors(result: ParseResult, expected: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Document info, legends and plan list (title and action count per plan) that differ from expected."""
    errors: list[tuple[str, Any, Any]] = []
    want_doc = expected.get("document") or {}
    got_doc = result.document.model_dump()
    for name in DOCUMENT_FIELDS:
        if name in want_doc and _tidy(got_doc.get(name)) != _tidy(want_doc.get(name)):
            errors.append((name, got_doc.get(name), want_doc.get(name)))
    if "legends" in expected and result.legends.model_dump() != expected["legends"]:
        errors.append(("legends", result.legends.model_dump(), expected["legends"]))
    if expected.get("plans") is not None:
        got_plans = [(p.title, sum(1 for a in result.actions if a.plan == p.id)) for p in result.plans]
        want_plans = [(p["title"], p["actions"]) for p in expected["plans"]]
        if got_plans != want_plans:
            errors.append(("plans", got_plans, want_plans))
    return errors

"""Fuzz campaign for hostile and broken inputs (issue 14): python tools/fuzz.py

Generates cases -- mutated fixtures (truncations, bit flips in the raw bytes and inside the
decompressed Word XML, zip structure damage, PDF xref/stream damage) and hostile
constructions (entity attacks, zip bombs, lying sizes, operator floods, huge strings and
cells, encrypted files, wrong types, FIFOs and device links, hostile names, bad ``-o``
targets) -- seeded, so ``--seed N`` always gives the same cases. Each case runs
``planparse parse FILE -o OUT`` in its own process under a watchdog (time limit, peak
memory from ``wait4``), with a local TCP listener that must receive nothing, and is
classed:

- ``ok``: exit 0 and the output is JSON;
- ``refusal``: exit 1 with exactly one stderr line ``planparse: <file>: <reason>``;
- ``defect``: anything else (a traceback, several lines, a timeout, over the memory
  limit, a connection to the listener, a file left outside the output folder).

Prints a table by kind and the defects; exit 1 if there is any. Runs outside the test
suite (tests/test_hostile_fuzz.py runs a small fixed-seed subset in-process).

    python tools/fuzz.py [--seed 14] [--cases 656] [--jobs 2] [--timeout 60] [--only KIND]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import socket
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_bad_inputs as mb  # noqa: E402

MEMORY_LIMIT_MB = 1024
MB = 1024 * 1024


@dataclass
class Case:
    """One generated input: its kind, a name, and how to lay it out in a folder."""

    kind: str
    name: str
    data: bytes | None = None
    special: str | None = None  # "fifo", "devzero", "dir"
    output: str | None = None  # a hostile -o target: "missing", "dir", "fifo", "devlink"
    raw_name: bytes | None = None  # a file name given as bytes (not valid UTF-8, newlines)


@dataclass
class Outcome:
    case: Case
    verdict: str
    detail: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0


# ---------------------------------------------------------------------------------------
# Seeds and mutations


def seed_files() -> list[Path]:
    files = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))[:6]
    files += sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))[:6]
    bad = ROOT / "fixtures" / "bad"
    files += [bad / n for n in ("docx_renamed.pdf", "no_tables.docx", "encrypted.pdf", "no_tables.pdf")]
    return [f for f in files if f.exists()]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip(data: bytes, rng: random.Random, span: int | None = None) -> bytes:
    buf = bytearray(data)
    top = min(len(buf), span) if span else len(buf)
    for _ in range(rng.randint(1, 16)):
        buf[rng.randrange(top)] ^= 1 << rng.randrange(8)
    return bytes(buf)


def zero_block(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    start = rng.randrange(len(buf))
    size = rng.choice([16, 64, 512, 4096])
    buf[start : start + size] = bytes(len(buf[start : start + size]))
    return bytes(buf)


def xml_flip(docx: bytes, rng: random.Random) -> bytes:
    """Bit flips or cuts inside the decompressed word/document.xml, re-zipped."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    out = []
    for name, blob in parts:
        if name == "word/document.xml":
            blob = flip(blob, rng) if rng.random() < 0.6 else blob[: rng.randrange(1, len(blob))]
        out.append((name, blob))
    return mb.make_zip(out)


def zip_damage(docx: bytes, rng: random.Random) -> bytes:
    buf = bytearray(docx)
    how = rng.choice(["eocd", "central", "local", "lying", "drop_tail"])
    if how == "eocd":
        pos = buf.rfind(b"PK\x05\x06")
        buf[pos + rng.randrange(4, 22)] ^= 0xFF
    elif how == "central":
        pos = buf.find(b"PK\x01\x02")
        buf[pos + rng.randrange(4, 46)] ^= 0xFF
    elif how == "local":
        pos = buf.find(b"PK\x03\x04", rng.randrange(len(buf) // 2))
        pos = pos if pos >= 0 else 0
        buf[pos + rng.randrange(4, 30)] ^= 0xFF
    elif how == "lying":
        return mb.lying_sizes(docx, "word/document.xml", rng.choice([1, 100, 4096]))
    else:
        return bytes(buf[: buf.rfind(b"PK\x01\x02")])
    return bytes(buf)


def pdf_damage(pdf: bytes, rng: random.Random) -> bytes:
    how = rng.choice(["xref", "startxref", "length", "endstream", "filter", "trailer"])
    if how == "xref":
        pos = pdf.find(b"xref")
        return pdf[:pos] + flip(pdf[pos:], rng, 400) if pos > 0 else flip(pdf, rng)
    if how == "startxref":
        pos = pdf.rfind(b"startxref")
        return pdf[:pos] + b"startxref\n" + str(rng.randrange(10**9)).encode() + b"\n%%EOF\n"
    if how == "length":
        return pdf.replace(b"/Length ", b"/Length 9", rng.randint(1, 3))
    if how == "endstream":
        return pdf.replace(b"endstream", b"", rng.randint(1, 3))
    if how == "filter":
        return pdf.replace(b"/FlateDecode", b"/LZWDecode  ", 1)
    return pdf.replace(b"/Root", b"/Ruut", 1)


# ---------------------------------------------------------------------------------------
# Hostile constructions


def _pdf_page(content: bytes, extra_objects: Callable[[mb.PdfWriter], dict[str, int]] | None = None) -> bytes:
    pdf = mb.PdfWriter()
    xo = extra_objects(pdf) if extra_objects else None
    pdf.page(content.decode("latin-1"), xo)
    return pdf.build()


def operator_flood(rng: random.Random) -> bytes:
    n = rng.choice([200_000, 500_000, 1_000_000])
    return _pdf_page(b"0.5 w\n" + b"10 10 m 20 20 l S\n" * n)


def huge_text_string(rng: random.Random) -> bytes:
    size = rng.choice([1, 2, 5]) * MB
    return _pdf_page(b"BT /F1 8 Tf 50 700 Td (" + b"A" * size + b") Tj ET\n")


def nested_xobjects(rng: random.Random) -> bytes:
    depth = rng.randint(5, 12)

    def forms(pdf: mb.PdfWriter) -> dict[str, int]:
        prev = None
        for _ in range(depth):
            res = f"/Resources << /XObject << /X {prev} 0 R >> >>" if prev else ""
            body = (b"/X Do " * 8) if prev else b"BT /F1 8 Tf 1 1 Td (x) Tj ET"
            prev = pdf.stream(body, f"/Type /XObject /Subtype /Form /BBox [0 0 10 10] {res}")
        return {"X": prev or 0}

    return _pdf_page(b"/X Do " * 8, forms)


def inflating_stream(rng: random.Random) -> bytes:
    size = rng.choice([64, 256, 512]) * MB
    comp = zlib.compressobj(9)
    packed = b"".join(comp.compress(b" " * MB) for _ in range(size // MB)) + comp.flush()
    pdf = mb.PdfWriter()
    head = f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
    contents = pdf.add(head + packed + b"\nendstream")
    pdf.pages.append(
        pdf.add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R >>".encode())
    )
    return pdf.build()


def long_cell_docx(rng: random.Random, column: int) -> bytes:
    text = rng.choice(["Head of Planning, ", "x", "By March 2016 and ", "Green "]) * rng.choice([50_000, 200_000])
    rows = [list(r) for r in mb.GOOD_ROWS]
    rows[0][column] = text[:1_000_000]
    return mb.good_docx(rows)


def hostile_cases(rng: random.Random) -> Iterator[Case]:
    base_docx = mb.good_docx()
    base_pdf = mb.table_pdf(mb.GOOD_ROWS)
    for i in range(4):
        yield Case("entity", f"xxe{i}.docx", mb.xxe_docx(base_docx))
        yield Case("entity", f"laughs{i}.docx", mb.billion_laughs_docx(base_docx))
    for mbytes in (8, 64, 300):
        yield Case("bomb", f"bomb{mbytes}.docx", mb.zip_bomb_docx(base_docx, mbytes))
        yield Case("bomb", f"bomb_lying{mbytes}.docx", mb.lying_sizes(mb.zip_bomb_docx(base_docx, mbytes), "word/document.xml", 4096))
    for i in range(3):
        yield Case("operator_flood", f"flood{i}.pdf", operator_flood(rng))
        yield Case("huge_string", f"string{i}.pdf", huge_text_string(rng))
        yield Case("xobjects", f"xobj{i}.pdf", nested_xobjects(rng))
        yield Case("inflate", f"inflate{i}.pdf", inflating_stream(rng))
    for col in range(4):
        for i in range(2):
            yield Case("long_cell", f"long_cell{col}_{i}.docx", long_cell_docx(rng, col))
    pdf = mb.PdfWriter()
    pdf.page("BT /F1 8 Tf 50 700 Td (x) Tj ET")
    for password in ("", "secret", "a" * 40):
        yield Case("encrypted", f"enc_{len(password)}.pdf", mb.PdfWriter.build(pdf, user_password=password))
    yield Case("encrypted", "protected.docx", mb.password_protected_docx())
    yield Case("encrypted", "encrypted_table.pdf", mb._encrypted_table_pdf())
    wrong = {
        "empty.docx": b"",
        "png.pdf": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "html.docx": b"<html><body><table><tr><td>x</td></tr></table></body></html>",
        "gzip.pdf": b"\x1f\x8b\x08" + bytes(100),
        "ole.doc": mb.OLE2_MAGIC + bytes(600) if hasattr(mb, "OLE2_MAGIC") else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "pk_only.docx": b"PK",
        "pdf_header_only.pdf": b"%PDF-1.7\n",
        "utf16.docx": "plan".encode("utf-16"),
    }
    for name, data in wrong.items():
        yield Case("wrong_type", name, data)
    yield Case("special", "fifo.docx", special="fifo")
    yield Case("special", "zero.pdf", special="devzero")
    yield Case("special", "folder.docx", special="dir")
    for raw in (b"plan-\xe9t\xe9.docx", b"\xff\xfe.pdf", b"new\nline.docx", b"-o.docx", b"  spaced .docx"):
        data = base_pdf if raw.endswith(b".pdf") else base_docx
        yield Case("hostile_name", os.fsdecode(raw), data, raw_name=raw)
    for target in ("missing", "dir", "fifo", "devlink", "symlink"):
        yield Case("write_target", f"target_{target}.docx", base_docx, output=target)


def mutated_cases(rng: random.Random, n: int) -> Iterator[Case]:
    seeds = seed_files()
    blobs = {p: p.read_bytes() for p in seeds}
    kinds = ["truncate", "flip", "flip_head", "zero_block", "xml_flip", "zip_damage", "pdf_damage"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        candidates = [p for p in seeds if (blobs[p][:2] == b"PK") == (kind in ("xml_flip", "zip_damage"))]
        if kind == "pdf_damage":
            candidates = [p for p in seeds if blobs[p][:5] == b"%PDF-"]
        path = rng.choice(candidates or seeds)
        data = blobs[path]
        if kind == "truncate":
            out = truncate(data, rng)
        elif kind == "flip":
            out = flip(data, rng)
        elif kind == "flip_head":
            out = flip(data, rng, 1024)
        elif kind == "zero_block":
            out = zero_block(data, rng)
        elif kind == "xml_flip":
            out = xml_flip(data, rng)
        elif kind == "zip_damage":
            out = zip_damage(data, rng)
        else:
            out = pdf_damage(data, rng)
        yield Case(kind, f"m{i:04}_{path.name}", out)


def generate(seed: int, cases: int) -> list[Case]:
    rng = random.Random(seed)
    hostile = list(hostile_cases(rng))
    return hostile + list(mutated_cases(rng, max(0, cases - len(hostile))))


# ---------------------------------------------------------------------------------------
# Running one case


def _lay_out(case: Case, work: Path) -> tuple[bytes, bytes]:
    """Write the case into ``work``; return (input path, output path) as bytes."""
    inp = work / "in"
    out = work / "out"
    inp.mkdir()
    out.mkdir()
    fname = case.raw_name or os.fsencode(case.name)
    src = os.path.join(os.fsencode(inp), fname)
    if case.special == "fifo":
        os.mkfifo(src)
    elif case.special == "devzero":
        os.symlink("/dev/zero", src)
    elif case.special == "dir":
        os.mkdir(src)
    else:
        with open(src, "wb") as fh:
            fh.write(case.data or b"")
    target = os.path.join(os.fsencode(out), b"result.json")
    if case.output == "missing":
        target = os.path.join(os.fsencode(out), b"missing", b"result.json")
    elif case.output == "dir":
        target = os.fsencode(out)
    elif case.output == "fifo":
        os.mkfifo(target)
    elif case.output == "devlink":
        os.symlink("/dev/full", target)
    elif case.output == "symlink":
        real = os.path.join(os.fsencode(out), b"real.json")
        open(real, "wb").close()
        os.symlink(real, target)
    return src, target


def _limit_memory() -> None:
    limit = MEMORY_LIMIT_MB * 4 * MB  # address space: a generous multiple; RSS is judged after
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.setpgrp()


def run_case(case: Case, timeout: float, listener_hits: Counter[str]) -> Outcome:
    import subprocess

    with tempfile.TemporaryDirectory(prefix="pp-fuzz-") as tmpdir:
        work = Path(tmpdir)
        src, target = _lay_out(case, work)
        home = work / "home"
        home.mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(home), "TMPDIR": str(work / "tmp")}
        (work / "tmp").mkdir()
        code = "import sys; from planparse.cli import main; sys.exit(main())"
        start = time.monotonic()
        proc = subprocess.Popen(
            [os.fsencode(sys.executable), b"-c", code.encode(), b"parse", src, b"-o", target],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=_limit_memory,
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, 9)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout, stderr = proc.communicate()
        seconds = time.monotonic() - start
        peak_mb = usage.ru_maxrss / 1024
        outcome = Outcome(case, "", seconds=seconds, peak_mb=peak_mb)
        left = set(os.listdir(work / "tmp"))  # the child's TMPDIR: must be left empty
        lines = stderr.decode("utf-8", "replace").splitlines()
        shown = os.fsdecode(src).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        stray = [n for n in os.listdir(work) if n not in ("in", "out", "home", "tmp")]
        if os.listdir(home):
            stray.append("HOME: " + ", ".join(os.listdir(home)))
        if timed_out:
            outcome.verdict, outcome.detail = "defect", f"over the {timeout:.0f} s limit"
        elif peak_mb > MEMORY_LIMIT_MB:
            outcome.verdict, outcome.detail = "defect", f"peak memory {peak_mb:.0f} MB"
        elif stray or left:
            outcome.verdict, outcome.detail = "defect", f"left behind: {sorted(stray) + sorted(left)}"
        elif proc.returncode == 0:
            try:
                with open(target, "rb") as fh:
                    json.loads(fh.read())
                outcome.verdict = "ok"
            except (OSError, ValueError) as err:
                outcome.verdict, outcome.detail = "defect", f"exit 0 but no JSON output ({err})"
        elif (
            proc.returncode == 1
            and len(lines) == 1
            and lines[0].startswith("planparse: ")
            and "Traceback" not in lines[0]
            and (shown in lines[0] or case.output is not None)
            and len(lines[0]) < 600
        ):
            outcome.verdict, outcome.detail = "refusal", lines[0][len("planparse: ") :][:200]
        else:
            tail = " | ".join(lines[-3:])[:300]
            outcome.verdict, outcome.detail = "defect", f"exit {proc.returncode}, {len(lines)} stderr lines: {tail}"
        if case.output == "devlink" and not os.path.islink(target):
            outcome.verdict, outcome.detail = "defect", "the link to /dev/full was replaced"
        if case.output == "fifo" and not os.path.exists(target):
            outcome.verdict, outcome.detail = "defect", "the FIFO target was replaced"
        del stdout
        if listener_hits["connections"]:
            outcome.verdict, outcome.detail = "defect", "the local listener received a connection"
        return outcome


# ---------------------------------------------------------------------------------------
# The campaign


@dataclass
class Listener:
    """A local TCP listener: any connection during the campaign is a defect."""

    hits: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)

    def poll(self) -> None:
        try:
            conn, _ = self.sock.accept()
            conn.close()
            self.hits["connections"] += 1
        except BlockingIOError:
            pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--cases", type=int, default=656)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--only", help="run only cases of this kind")
    args = ap.parse_args(argv)
    cases = generate(args.seed, args.cases)
    if args.only:
        cases = [c for c in cases if c.kind == args.only]
    listener = Listener()
    os.environ["PLANPARSE_FUZZ_LISTENER"] = f"127.0.0.1:{listener.sock.getsockname()[1]}"
    outcomes: list[Outcome] = []
    started = time.monotonic()
    with ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_case, c, args.timeout, listener.hits) for c in cases]
        for fut in futures:
            outcomes.append(fut.result())
            listener.poll()
            if len(outcomes) % 50 == 0:
                print(f"... {len(outcomes)}/{len(cases)}", file=sys.stderr, flush=True)
    listener.poll()
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        table[o.case.kind][o.verdict] += 1
    print(f"seed {args.seed}: {len(outcomes)} cases in {time.monotonic() - started:.0f} s")
    print(f"{'kind':<16}{'cases':>7}{'ok':>7}{'refusal':>9}{'defect':>8}")
    for kind in sorted(table):
        c = table[kind]
        print(f"{kind:<16}{sum(c.values()):>7}{c['ok']:>7}{c['refusal']:>9}{c['defect']:>8}")
    total = Counter(o.verdict for o in outcomes)
    print(f"{'total':<16}{len(outcomes):>7}{total['ok']:>7}{total['refusal']:>9}{total['defect']:>8}")
    slowest = max(outcomes, key=lambda o: o.seconds)
    biggest = max(outcomes, key=lambda o: o.peak_mb)
    print(f"slowest case: {slowest.case.name} {slowest.seconds:.1f} s; peak memory: {biggest.case.name} {biggest.peak_mb:.0f} MB")
    print(f"connections received by the local listener: {listener.hits['connections']}")
    for o in outcomes:
        if o.verdict == "defect":
            print(f"DEFECT {o.case.kind} {o.case.name!r}: {o.detail}")
    return 1 if total["defect"] else 0


if __name__ == "__main__":
    sys.exit(main())

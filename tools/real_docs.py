"""Rebuild the folder of real documents from local git mirrors of their repositories.

The real corpus's documents are not committed (``fixtures/real/README.md``); each truth file
names its document's repository, path and commit. Given mirrors of those repositories (bare
git directories named ``owner+name``, as the development machine's fetch leaves them), this
writes every document into one folder under the file name its truth expects::

    python tools/real_docs.py --mirrors /work/.mirror --out /work/realdocs

Documents whose repository has no mirror are listed and skipped. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _git_dir(mirrors: Path, repo: str) -> Path | None:
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of owner+name mirrors")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the documents into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = missing = 0
    for truth in sorted((ROOT / "fixtures" / "real" / "expected").glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        source, name = data["source"], data["file"]
        target = args.out / name
        if target.exists():
            written += 1
            continue
        git_dir = _git_dir(args.mirrors, source["repo"])
        if git_dir is None:
            print(f"no mirror of {source['repo']}: {name} skipped", file=sys.stderr)
            missing += 1
            continue
        spec = f"{source['commit']}:{source['path']}"
        shown = subprocess.run(["git", "--git-dir", str(git_dir), "show", spec], capture_output=True)
        if shown.returncode:
            print(f"{source['repo']} has no {spec}: {name} skipped", file=sys.stderr)
            missing += 1
            continue
        target.write_bytes(shown.stdout)
        written += 1
    print(f"{written} documents in {args.out}, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

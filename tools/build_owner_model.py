"""Build the owner-splitting spaCy pipeline into ``models/owners/``.

The pipeline is rules only (``spacy.blank("en")``, an entity ruler and two planparse
components, see :mod:`planparse.normalise.owners`); everything it knows comes from the
committed lexicons in ``models/owners_src/``. Nothing is downloaded.

    python tools/build_owner_model.py [--src models/owners_src] [--out models/owners]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from planparse.normalise.owners import build_pipeline

ROOT = Path(__file__).resolve().parents[1]


def dir_size(path: Path) -> int:
    """Total bytes of the files under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "models" / "owners_src")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "owners")
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        print(f"no lexicon sources at {args.src}", file=sys.stderr)
        return 2
    nlp = build_pipeline(args.src)
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    print(
        f"wrote {args.out} ({dir_size(args.out) / 1e6:.2f} MB, pipes: {', '.join(nlp.pipe_names)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write the HTTP service's OpenAPI spec to docs/openapi.json (``make openapi``).

The spec is what ``samestory serve`` answers at ``/openapi.json``; a test checks that the served
spec equals the committed one, so run this after changing an endpoint or a model. ``--check``
only says whether the file is up to date (exit status 1 when not).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "docs" / "openapi.json"


def spec_text() -> str:
    from samestory.service import create_app

    return json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with docs/openapi.json instead of writing it")
    args = ap.parse_args()
    text = spec_text()
    if args.check:
        current = SPEC.read_text(encoding="utf-8") if SPEC.exists() else ""
        if current != text:
            print(f"{SPEC.relative_to(ROOT)} is out of date: python scripts/export_openapi.py", file=sys.stderr)
            return 1
        return 0
    SPEC.write_text(text, encoding="utf-8")
    print(f"wrote {SPEC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared fixtures: the real example pair and data sets in ../shared, skipped where absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"
DATA = SHARED / "data"
MT_FILE = EXAMPLES / "000_5276c77493c331da.txt"  # The Moscow Times, 2020-10-09
BD_FILE = EXAMPLES / "001_d43fbdc6512c7328.txt"  # the Bangladeshi reprint, 2020-10-10
BUNDLED = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_pair() -> tuple[Path, Path]:
    """Paths of the real example pair; the test is skipped where ../shared is absent."""
    if not (MT_FILE.exists() and BD_FILE.exists()):
        pytest.skip("../shared/examples is absent")
    return MT_FILE, BD_FILE


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.exists():
        pytest.skip("../shared/data is absent")
    return DATA

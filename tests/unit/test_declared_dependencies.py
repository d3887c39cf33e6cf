"""Every third-party module the package imports is declared in pyproject.toml.

CI installs from a fresh clone, so a module that is only present in a developer's environment
(as scipy once was, pulled in by scikit-learn) fails there and nowhere else.
"""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSITIVE = {"fastapi": {"starlette", "pydantic"}, "pyspark": {"py4j"}}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    names = {_name(r) for r in reqs} - {"samestory"}
    # only the parts of a framework we use through it; anything else counts only when named,
    # since a package that happens to pull it in (scikit-learn brings scipy) may not be installed
    for name, brings in TRANSITIVE.items():
        if name in names:
            names |= brings
    return names


def _imported() -> dict[str, str]:
    found = {}
    for path in (ROOT / "src" / "samestory").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                if top != "samestory" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_imported_module_is_declared():
    dists = metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for module, where in _imported().items():
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [])}
        if not owners:
            continue  # not installed here: an optional part this environment lacks
        if not owners & declared:
            missing[module] = (sorted(owners), where)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_the_check_sees_an_undeclared_import():
    # the check above would be empty if it could not see imports at all
    assert {"numpy", "scipy"} <= set(_imported())

"""The one-way dependency rule of docs/architecture.md, checked on the source: an app imports
only apps below it in LAYERS. Tests and simpul.testing are exempt (they may build anything)."""

import ast
from pathlib import Path

from django.conf import settings

LAYERS = [
    "core",
    "audit",
    "accounts",
    "regions",
    "organizations",
    "agreements",
    "plans",
    "monitoring",
    "reports",
    "publication",
    "consultations",
    "surveys",
    "complaints",
    "scorecard",
    "portal",
    "dashboard",
]
# Documented exceptions (docs/architecture.md, "Known exceptions"): lazy imports that read
# memberships for the time-zone middleware and the profile page.
ALLOWED_UPWARD = {("accounts", "organizations")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.split(".")[1] for name in names if name.startswith("simpul.")}


def test_apps_import_only_the_apps_below_them():
    root = Path(settings.BASE_DIR) / "simpul"
    violations = []
    for app in LAYERS:
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts:
                continue
            for imported in _imports(path):
                upward = (
                    imported in LAYERS
                    and LAYERS.index(imported) > LAYERS.index(app)
                    and (app, imported) not in ALLOWED_UPWARD
                )
                if imported == "testing" or upward:
                    violations.append(f"{path.relative_to(root)} imports simpul.{imported}")
    assert violations == []


def test_every_app_has_a_layer():
    root = Path(settings.BASE_DIR) / "simpul"
    apps = {p.parent.name for p in root.glob("*/apps.py")}
    assert apps == set(LAYERS)

"""The parts of the dependency rule (docs/architecture.md) that import-linter cannot check.

The import contracts themselves are in pyproject.toml ([tool.importlinter]) and run in
`make lint`; these tests cover what they cannot see: models, and the order Django loads apps.
"""

import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

INTERFACE_APPS = ["portal", "dashboard"]


def _layers_top_down() -> list[str]:
    pyproject = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    contracts = pyproject["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == "layers")["layers"]


@pytest.mark.parametrize("label", INTERFACE_APPS)
def test_an_interface_app_owns_no_models(label):
    assert [model.__name__ for model in apps.get_app_config(label).get_models()] == []


def test_installed_apps_load_the_simpul_apps_bottom_layer_first():
    installed = [
        name.removeprefix("simpul.")
        for name in settings.INSTALLED_APPS
        if name.startswith("simpul.")
    ]
    assert installed == list(reversed(_layers_top_down()))

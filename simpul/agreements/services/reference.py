"""Reference data the migrations load: the 32 government affairs, the dispute levels and the
national workflows. A database emptied by a flush (a transactional test, a restore gone
wrong) gets them back here."""

import importlib

from django.apps import apps

from ..models import DisputeLevel, GovernmentAffair, Workflow
from ..workflow import workflows_install_defaults


def reference_data_ensure() -> None:
    if not (GovernmentAffair.objects.exists() and DisputeLevel.objects.exists()):
        migration = importlib.import_module("simpul.agreements.migrations.0002_reference_data")
        migration.load(apps, None)
    if not Workflow.objects.filter(region__isnull=True).exists():
        workflows_install_defaults()

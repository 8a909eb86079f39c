from django.core.management import call_command
from django.urls import reverse

from simpul.agreements.models import Workflow
from simpul.agreements.tests.factories import make_agreement
from simpul.agreements.workflow import available_transitions, workflow_for


def test_a_region_adapts_its_own_copy_of_the_national_workflow(cast):
    call_command("workflow_copy_for_region", "ksdd", "34.71")
    own = Workflow.objects.get(family="ksdd", region=cast.yogyakarta)
    national = Workflow.objects.get(family="ksdd", region__isnull=True)
    assert own.stages.count() == national.stages.count()
    assert own.transitions.count() == national.transitions.count()

    # Kota Yogyakarta's Perwal asks for terms of reference before an offer goes out.
    offer = own.transitions.get(code="offer")
    offer.required_documents = [*offer.required_documents, "terms_of_reference"]
    offer.save()

    assert workflow_for("ksdd", cast.pemkot_yogyakarta) == own
    assert workflow_for("ksdd", cast.pemkot_semarang) == national
    agreement = make_agreement(cast)
    assert agreement.workflow == own
    check = next(c for c in available_transitions(cast.sari, agreement) if c.code == "offer")
    assert "terms_of_reference" in [item.code for item in check.documents]

    # Running the command again keeps the adapted copy.
    call_command("workflow_copy_for_region", "ksdd", "34.71")
    assert "terms_of_reference" in own.transitions.get(code="offer").required_documents


def test_the_platform_admin_configures_workflows_in_the_admin(client, cast):
    client.force_login(cast.rina)
    national = Workflow.objects.get(family="ksdd", region__isnull=True)
    assert client.get(reverse("admin:agreements_workflow_changelist")).status_code == 200
    url = reverse("admin:agreements_workflow_change", args=[national.pk])
    assert client.get(url).status_code == 200
    client.force_login(cast.sari)
    assert client.get(url).status_code == 302

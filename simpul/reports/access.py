"""Who may see and request periodic reports: readers of the agreement see and download its
reports; editors (admin, coordinator, editor of a party or the owner) request new ones."""

from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreement_get_for_user

from .models import Report, ReportFile


def report_get_for_user(user: AnyUser, agreement_pk: int, pk: int) -> Report:
    agreement = agreement_get_for_user(user, agreement_pk)
    return get_object_or_404(Report.objects.filter(agreement=agreement), pk=pk)


def report_file_get_for_user(user: AnyUser, agreement_pk: int, pk: int, fmt: str) -> ReportFile:
    report = report_get_for_user(user, agreement_pk, pk)
    return get_object_or_404(ReportFile.objects.filter(report=report), format=fmt)

"""Exporting the filtered register as CSV or Excel, safe to open in a spreadsheet."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from simpul.agreements.tests.factories import make_agreement
from simpul.search import index

URL = reverse("agreements:agreement-export")


def test_the_csv_export_streams_the_filtered_list_with_indonesian_headers(client, cast):
    make_agreement(cast, title="=cmd|' /C calc'!A0", objectives="air")
    make_agreement(cast, title="Transportasi")
    client.force_login(cast.sari)
    index.rebuild()  # the test's transaction never commits, so the on-commit refresh waits
    response = client.get(URL, {"format": "csv", "q": "cmd"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kerja-sama-' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["Kode", "Judul"]
    assert len(table) == 2
    assert table[1][1] == "'=cmd|' /C calc'!A0"


def test_the_excel_export_holds_what_the_person_may_see(client, cast):
    make_agreement(cast, title="Sampah regional")
    client.force_login(cast.sari)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Kode"
    assert rows[1][1] == "Sampah regional"
    client.force_login(cast.eko)
    rows = list(
        load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content)).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 1


def test_an_unknown_format_is_refused_with_400(client, cast):
    client.force_login(cast.sari)
    assert client.get(URL, {"format": "pdf"}).status_code == 400


def test_anonymous_visitors_cannot_export(client, db):
    assert client.get(URL, {"format": "csv"}).status_code == 302

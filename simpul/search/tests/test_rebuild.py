"""`manage.py rebuild_search_index` indexes what was written without the services."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from simpul.agreements.models import Agreement
from simpul.agreements.tests.factories import make_agreement
from simpul.search.selectors import search


def test_the_rebuild_finds_a_title_changed_behind_the_services_back(cast):
    agreement = make_agreement(cast, title="Kerja sama pariwisata")
    Agreement.objects.filter(pk=agreement.pk).update(title="Kerja sama perhubungan darat")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Search index rebuilt: " in out.getvalue()
    assert "agreement 1" in out.getvalue()
    assert [h.object_id for h in search(cast.sari, "hubung darat").hits] == [agreement.pk]
    assert search(cast.sari, "pariwisata").hits == []


def test_the_rebuild_refuses_a_kind_it_does_not_know(cast):
    with pytest.raises(CommandError, match="unknown kinds"):
        call_command("rebuild_search_index", "nonsense", stdout=StringIO())

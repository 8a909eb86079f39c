"""The developer style page `/dev/ui/` (routed only when `settings.DEBUG` is on).

Each shared page part drawn once, beside the one line of template code that draws it, so a
developer building a new page copies the line rather than the markup.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, formats, zones
from .status import status_kinds
from .templatetags.simpul_ui import ICONS

AMOUNTS = (Decimal("45020000000"), Decimal("350000000"), Decimal("1250000"), Decimal("0"))
# The map example: a province and its regencies on the base layer (Daerah Istimewa Yogyakarta,
# the demo's province), drawn by the region pages' own script.
MAP_REGION_CODE = "34"
# 11:35 UTC: 18.35 WIB, 19.35 WITA, 20.35 WIT.
MOMENT = datetime(2026, 12, 7, 11, 35, tzinfo=UTC)


class SampleForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference code"),
        help_text=gettext_lazy("As printed on the signed agreement."),
        max_length=5,
    )


def _in_both_languages(render_one: Any) -> list[dict[str, str]]:
    rows = []
    for code in ("id", "en"):
        with translation.override(code):
            rows.append({"language": code, **render_one()})
    return rows


def dev_ui(request: HttpRequest) -> HttpResponse:
    # Also refused here, not only left out of the URLconf: a reloaded URLconf or a copied
    # route must not expose the page in production.
    if not settings.DEBUG:
        raise Http404
    form = SampleForm(data={"reference": "KS-2026-TOO-LONG"})
    form.is_valid()  # bound and refused: the field shows its error above its help
    pills = [{"kind": kind.name, "values": sorted(kind.tones.items())} for kind in status_kinds()]
    chart_rows = [(_("On track"), 12), (_("At risk"), 5), (_("Off track"), 2), (_("No data"), 3)]
    money = [
        {
            "amount": amount,
            "rows": _in_both_languages(
                lambda amount=amount: {
                    "long": formats.rupiah(amount),
                    "short": formats.rupiah(amount, short=True),
                }
            ),
        }
        for amount in AMOUNTS
    ]
    times = [
        {
            "zone": zones.LABELS[zone],
            "rows": _in_both_languages(
                lambda zone=zone: {
                    "long": formats.date_time(MOMENT, zone, long=True),
                    "short": formats.date_time(MOMENT, zone),
                    "clock": formats.clock(MOMENT, zone),
                }
            ),
        }
        for zone in zones.ZONES
    ]
    context = {
        "page": Paginator(range(100), 20).page(3),
        "form": form,
        "pills": pills,
        "chart": charts.count_chart(chart_rows, title=_("Indicators by status")),
        "chart_rows": chart_rows,
        "wide_columns": range(1, 13),
        "money": money,
        "times": times,
        "icons": sorted(ICONS),
        "map_region_code": MAP_REGION_CODE,
    }
    return render(request, "core/dev_ui.html", context)

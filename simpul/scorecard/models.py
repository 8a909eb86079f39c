"""Governance scores, computed from what the platform records (never self-assessed).

Six scores 0–100 per agreement and per region and year; null means "no data to judge",
never zero. `inputs` keeps the counts each score was computed from, so every page can show
the formula with its numbers. Rows are recomputed by the worker (services.scores_refresh).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.regions.models import Region

DIMENSIONS = (
    "transparency",
    "accountability",
    "participation",
    "responsiveness",
    "effectiveness",
    "collaboration",
)


def _score(label):
    return models.DecimalField(label, max_digits=5, decimal_places=1, null=True, blank=True)


class Score(models.Model):
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="scores"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="scores"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    transparency = _score(_("transparency"))
    accountability = _score(_("accountability"))
    participation = _score(_("participation"))
    responsiveness = _score(_("responsiveness"))
    effectiveness = _score(_("effectiveness"))
    collaboration = _score(_("collaboration health"))
    overall = _score(_("overall"))
    inputs = models.JSONField(_("inputs"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("governance score")
        verbose_name_plural = _("governance scores")
        ordering = ["-year", "-overall"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=True) ^ Q(region__isnull=True),
                name="scorecard_agreement_xor_region",
            ),
            models.UniqueConstraint(
                fields=["agreement", "year"],
                condition=Q(agreement__isnull=False),
                name="scorecard_agreement_year_once",
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(region__isnull=False),
                name="scorecard_region_year_once",
            ),
        ]
        indexes = [models.Index(fields=["year", "-overall"], name="scorecard_ranking_idx")]

    def __str__(self) -> str:
        return f"{self.agreement_id or self.region_id} {self.year}: {self.overall}"

"""Regions' potentials and problems, recorded against a shared vocabulary so that they match.

A `Term` pairs, within one government affair, what a region may have to offer (its potential:
"landfill capacity surplus") with what another lacks (the matching problem: "landfill at
capacity"). The vocabulary is data (migration `0002`, editable in the admin). A `Record` says
that a region has a term's potential or its problem, from which source and year, with its
evidence; it is public once the region publishes it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import GovernmentAffair
from simpul.core.models import BaseModel
from simpul.regions.models import Region


class Kind(models.TextChoices):
    POTENTIAL = "potential", _("Potential")
    PROBLEM = "problem", _("Problem")


class Source(models.TextChoices):
    RPJMD = "rpjmd", _("RPJMD (medium-term development plan)")
    STUDY = "study", _("Study")
    SURVEY = "survey", _("Survey")
    STATISTICS = "statistics", _("Statistics")
    PLATFORM = "platform", _("The platform's own data")


def _english() -> bool:
    return (get_language() or "id").startswith("en")


class Term(models.Model):
    """One matching pair of the vocabulary in one affair: a potential and the problem it answers."""

    affair = models.ForeignKey(
        GovernmentAffair,
        verbose_name=_("government affair"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    potential_id = models.CharField(_("potential (Indonesian)"), max_length=160)
    potential_en = models.CharField(_("potential (English)"), max_length=160)
    problem_id = models.CharField(_("problem (Indonesian)"), max_length=160)
    problem_en = models.CharField(_("problem (English)"), max_length=160)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        ordering = ["affair__position", "position", "code"]

    def __str__(self) -> str:
        return f"{self.potential_label} ↔ {self.problem_label}"

    @property
    def potential_label(self) -> str:
        return self.potential_en if _english() else self.potential_id

    @property
    def problem_label(self) -> str:
        return self.problem_en if _english() else self.problem_id

    def label(self, kind: str) -> str:
        return self.potential_label if kind == Kind.POTENTIAL else self.problem_label


class RecordQuerySet(models.QuerySet["Record"]):
    def published(self) -> "RecordQuerySet":
        return self.filter(is_published=True)


class Record(BaseModel):
    """A region's potential or problem, with its source, year and evidence."""

    Kind = Kind
    Source = Source

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    evidence = models.FileField(_("evidence"), upload_to="potentials/evidence/%Y/", blank=True)
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("potential or problem")
        verbose_name_plural = _("potentials and problems")
        ordering = ["region", "kind", "term__affair__position", "term__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "term", "kind"], name="potentials_record_once_per_region"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["potential", "problem"]), name="potentials_record_kind"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200), name="potentials_record_year"
            ),
        ]
        indexes = [models.Index(fields=["term", "kind"], name="potentials_term_kind")]

    def __str__(self) -> str:
        return f"{self.region}: {self.label}"

    @property
    def label(self) -> str:
        return self.term.label(self.kind)

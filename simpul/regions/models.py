"""Indonesia's provinces and regencies/cities, their codes over time, and their borders.

Kemendagri codes change when regions split (Kab. Sorong 92.01 → 96.01), so every table keys
on a surrogate id and keeps the code as an attribute with its own history (RegionCode).
Boundaries are stored as GeoJSON and computed on with shapely; no GDAL needed.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.core.models import BaseModel


class RegionQuerySet(models.QuerySet["Region"]):
    def provinces(self) -> "RegionQuerySet":
        return self.filter(level=Region.Level.PROVINCE)

    def regencies_and_cities(self) -> "RegionQuerySet":
        return self.exclude(level=Region.Level.PROVINCE)

    def current(self) -> "RegionQuerySet":
        return self.filter(valid_to__isnull=True)

    def without_geometry(self) -> "RegionQuerySet":
        # Boundaries are the bulk of a row (up to ~100 kB); lists never need them.
        return self.defer("boundary")


class Region(BaseModel):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency")
        CITY = "city", _("City")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    code = models.CharField(
        _("code"), max_length=13, unique=True, help_text=_("Current Kemendagri code")
    )
    name = models.CharField(_("name"), max_length=120, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(_("time zone"), max_length=32, choices=TimeZone.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True)
    population = models.BigIntegerField(_("population"), null=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    bbox = models.JSONField(_("bounding box"), null=True, blank=True, help_text="[w, s, e, n]")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | (~Q(level="province") & Q(parent__isnull=False)),
                name="regions_region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:region-detail", kwargs={"code": self.code})

    @property
    def is_province(self) -> bool:
        return self.level == self.Level.PROVINCE

    @property
    def province(self) -> "Region":
        return self if self.is_province else self.parent

    @property
    def timezone_abbreviation(self) -> str:
        return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
            self.timezone, ""
        )

    @property
    def density(self) -> float | None:
        if not self.population or not self.area_km2:
            return None
        return float(self.population) / float(self.area_km2)


class RegionCode(models.Model):
    """A code a region carried during a period; the current one has no end date."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=13, db_index=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("region code")
        verbose_name_plural = _("region codes")
        ordering = ["region", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="regions_code_once_per_region"),
        ]

    def __str__(self) -> str:
        return self.code


class RegionSuccession(models.Model):
    """A region formed from (part of) another: Papua Barat Daya from Papua Barat, 2022."""

    predecessor = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="origins")
    date = models.DateField(_("date"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("region succession")
        verbose_name_plural = _("region successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="regions_succession_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Border(models.Model):
    """Two regions of the same tier that share a land boundary; stored once per pair."""

    region_a = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    region_b = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    shared_km = models.DecimalField(_("shared boundary (km)"), max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = _("border")
        verbose_name_plural = _("borders")
        constraints = [
            models.UniqueConstraint(
                fields=["region_a", "region_b"], name="regions_border_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(region_a__lt=models.F("region_b")), name="regions_border_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_a_id}–{self.region_b_id}"

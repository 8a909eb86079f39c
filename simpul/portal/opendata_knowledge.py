"""The open datasets of public knowledge items and their adoptions (simpul.knowledge.public
is their gate), registered in `opendata.DATASETS` like the others: CSV and JSON downloads,
the data dictionary, the ZIP bundle, the DCAT catalogue and the API all come from these
definitions.

Items whose owner kept all rights are on the portal but not in the dataset: the dataset is
reusable under each row's own licence (CC BY 4.0, CC BY-SA 4.0 or CC0), given per row.
Adoptions are platform facts (who adopted which public practice, when, through which public
agreement) under the platform's CC BY 4.0, whatever the practice's own licence."""

from datetime import datetime

from django.conf import settings
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.knowledge.models import Licence
from simpul.knowledge.public import public_adoptions, public_items

from .opendata import Dataset, Field


def _knowledge() -> QuerySet:
    return public_items().exclude(licence=Licence.RESERVED).order_by("published_at", "pk")


def _knowledge_convert(chunk: list[tuple]) -> list[tuple]:
    base = settings.SITE_URL
    return [(*row, base + reverse("portal:knowledge", kwargs={"code": row[0]})) for row in chunk]


def knowledge_last_updated() -> datetime | None:
    return _knowledge().aggregate(m=Max("updated_at"))["m"]


KNOWLEDGE = Dataset(
    name="knowledge",
    title=_("Knowledge from regional cooperation"),
    description=_(
        "Good practices, case studies, lessons learned, research, articles, videos, "
        "infographics and documents that their owners published to the public, with what "
        "makes a practice reusable (context, problem, approach, results, cost, conditions, "
        "pitfalls). Each row carries its own licence."
    ),
    fields=(
        Field("id", "string", _("Stable identifier of the item"), "PENG-000012"),
        Field(
            "kind",
            "string",
            _("practice, case_study, lesson, research, article, video, infographic or document"),
            "practice",
        ),  # fmt: skip
        Field("title", "string", _("Title"), "Bank sampah kelurahan"),
        Field("summary", "string", _("Summary"), ""),
        Field("owner", "string", _("The organisation that shares it"), "Sekber Kartamantul"),
        Field("owner_region_code", "string", _("Kemendagri code of the owner's region"), "34.71"),
        Field("year", "integer", _("Year of the practice or work"), "2025"),
        Field("licence", "string", _("SPDX identifier of the row's licence"), "CC-BY-4.0"),
        Field("published_at", "date", _("When it was published"), "2026-03-01T02:00:00Z"),
        Field("context", "string", _("Context"), ""),
        Field("problem", "string", _("Problem"), ""),
        Field("approach", "string", _("Approach"), ""),
        Field("results", "string", _("Results, in words"), ""),
        Field("cost", "number", _("Cost in rupiah"), "250000000"),
        Field("cost_paid_by", "string", _("Who paid"), "APBD Kota Yogyakarta"),
        Field("replication_conditions", "string", _("Conditions for replication"), ""),
        Field("pitfalls", "string", _("Pitfalls"), ""),
        Field("video_url", "string", _("Link to the video, for a video"), ""),
        Field("transcript", "string", _("Transcript or summary of a video"), ""),
        Field("image_alt", "string", _("Text alternative of an infographic"), ""),
        Field("url", "string", _("The item's public page"), "https://simpul.go.id/publik/…"),
    ),
    queryset=_knowledge,
    columns=(
        "code",
        "kind",
        "title",
        "summary",
        "owner__name",
        "owner__region__code",
        "year",
        "licence",
        "published_at",
        "context",
        "problem",
        "approach",
        "results_text",
        "cost",
        "cost_paid_by",
        "replication_conditions",
        "pitfalls",
        "video_url",
        "transcript",
        "image_alt",
    ),  # fmt: skip
    convert=_knowledge_convert,
    keywords=("praktik baik", "pelajaran", "knowledge", "good practice", "studi kasus"),
)


def _adoptions() -> QuerySet:
    return (
        public_adoptions()
        .annotate(
            agreement_code=Coalesce(
                "plan_agreement__reference_code", "plan_activity__plan__agreement__reference_code"
            )
        )
        .order_by("decided_at", "pk")
    )


def _adoptions_convert(chunk: list[tuple]) -> list[tuple]:
    base = settings.SITE_URL
    return [(*row, base + reverse("portal:knowledge", kwargs={"code": row[0]})) for row in chunk]


def adoptions_last_updated() -> datetime | None:
    return _adoptions().aggregate(m=Max("updated_at"))["m"]


ADOPTIONS = Dataset(
    name="adoptions",
    title=_("Adoptions of good practices between regions"),
    description=_(
        "Where a public practice, case study or research was taken up: the organisation that "
        "decided to adopt it as it is or to adapt it, its region, the date of the decision "
        "and the public agreement that carries it out. Decisions not to adopt it now, the "
        "reasons and adoptions not yet carried out by a public agreement are not included."
    ),
    fields=(
        Field("practice", "string", _("Identifier of the adopted knowledge item"), "PENG-000012"),
        Field("practice_title", "string", _("Title of the adopted item"), "Bank sampah kelurahan"),
        Field(
            "adopter",
            "string",
            _("The organisation that adopted it"),
            "Pemerintah Kabupaten Banyumas",
        ),
        Field(
            "adopter_region_code", "string", _("Kemendagri code of the adopter's region"), "33.02"
        ),
        Field("adopter_region", "string", _("Name of the adopter's region"), "Kabupaten Banyumas"),
        Field("decision", "string", _("adopt (as it is) or adapt"), "adapt"),
        Field("decided_at", "date", _("When the decision was recorded"), "2026-05-04T03:00:00Z"),
        Field(
            "agreement",
            "string",
            _("Reference code of the agreement that carries it out"),
            "KSD-2026-00007",
        ),
        Field(
            "practice_url",
            "string",
            _("The practice's public page"),
            "https://simpul.go.id/publik/…",
        ),
    ),
    queryset=_adoptions,
    columns=(
        "item__code",
        "item__title",
        "organization__name",
        "organization__region__code",
        "organization__region__name",
        "decision",
        "decided_at",
        "agreement_code",
    ),  # fmt: skip
    convert=_adoptions_convert,
    keywords=("adopsi", "replikasi", "praktik baik", "adoption", "good practice"),
)

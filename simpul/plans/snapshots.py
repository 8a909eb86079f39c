"""Snapshots of a plan as people read it, their canonical hash, and the field-by-field diff
between two snapshots (what changed from one approved version to the next, or to the draft).
Frozen into `PlanVersion` by `services.plan_approve`; read by the version and diff pages.

    plan_snapshot(plan) -> dict;  snapshot_sha256(snapshot) -> str
    plan_diff(old, new) -> list[dict];  snapshot_sections(snapshot) -> list[dict]
"""

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Plan

SNAPSHOT_SCHEMA = 1

# Section key → (model's related name on Plan, label). The order is the page's order.
SECTIONS = {
    "assessments": gettext_lazy("Needs and potential assessments"),
    "objectives": gettext_lazy("Objectives"),
    "strategies": gettext_lazy("Strategies"),
    "risks": gettext_lazy("Risks and obstacles"),
    "programs": gettext_lazy("Programs"),
    "activities": gettext_lazy("Activities"),
    "budget_lines": gettext_lazy("Budget lines"),
}
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "method": gettext_lazy("Method"),
    "conducted_on": gettext_lazy("Conducted on"),
    "needs": gettext_lazy("Needs found"),
    "potentials": gettext_lazy("Potentials found"),
    "attachment": gettext_lazy("Attachment"),
    "attachment_sha256": gettext_lazy("Attachment SHA-256"),
    "code": gettext_lazy("Code"),
    "statement": gettext_lazy("Objective"),
    "description": gettext_lazy("Description"),
    "stakeholders_consulted": gettext_lazy("Stakeholders consulted"),
    "likelihood": gettext_lazy("Likelihood"),
    "impact": gettext_lazy("Impact"),
    "score": gettext_lazy("Score"),
    "mitigation": gettext_lazy("Mitigation"),
    "owner": gettext_lazy("Owner"),
    "objective": gettext_lazy("Objective"),
    "name": gettext_lazy("Name"),
    "program": gettext_lazy("Program"),
    "start_date": gettext_lazy("Start"),
    "end_date": gettext_lazy("End"),
    "region": gettext_lazy("Region"),
    "point": gettext_lazy("Point (lat, long)"),
    "responsible": gettext_lazy("Responsible party"),
    "status": gettext_lazy("Status"),
    "progress": gettext_lazy("Progress (%)"),
    "activity": gettext_lazy("Activity"),
    "party": gettext_lazy("Party"),
    "funding_source": gettext_lazy("Funding source"),
    "fiscal_year": gettext_lazy("Fiscal year"),
    "planned": gettext_lazy("Planned (Rp)"),
    "realised": gettext_lazy("Realised (Rp)"),
    "note": gettext_lazy("Note"),
    "summary": gettext_lazy("Summary"),
}


def _date(value) -> str:
    return value.isoformat() if value else ""


def _money(value) -> str:
    return f"{Decimal(value or 0):.2f}"


def _party_name(party) -> str:
    return party.organization.name if party is not None else ""


def plan_snapshot(plan: Plan) -> dict:
    """The plan as people read it, for freezing and diffing: every section keyed by the rows'
    stable ids (as strings), references written out by name, choices by their label in the
    site's language, money as fixed two-decimal strings, dates in ISO. Stable ordering of
    keys comes from canonical JSON (sort_keys) when hashed."""
    from .selectors import plan_page

    with translation.override(settings.LANGUAGE_CODE):
        page = plan_page(plan)
        agreement = plan.agreement
        program_names = {p.pk: p.name for p in page["programs"]}
        sections: dict[str, dict] = {
            "assessments": {
                str(a.pk): {
                    "title": a.title,
                    "method": str(a.get_method_display()),
                    "conducted_on": _date(a.conducted_on),
                    "needs": a.needs,
                    "potentials": a.potentials,
                    "attachment": a.attachment_name,
                    "attachment_sha256": a.attachment_sha256,
                }
                for a in page["assessments"]
            },
            "objectives": {
                str(o.pk): {"code": o.code, "statement": o.statement} for o in page["objectives"]
            },
            "strategies": {
                str(s.pk): {
                    "description": s.description,
                    "stakeholders_consulted": s.stakeholders_consulted,
                }
                for s in page["strategies"]
            },
            "risks": {
                str(r.pk): {
                    "description": r.description,
                    "likelihood": f"{r.likelihood} {r.get_likelihood_display()}",
                    "impact": f"{r.impact} {r.get_impact_display()}",
                    "score": r.score,
                    "mitigation": r.mitigation,
                    "owner": _party_name(r.owner),
                }
                for r in page["risks"]
            },
            "programs": {
                str(p.pk): {
                    "name": p.name,
                    "objective": str(p.objective) if p.objective else "",
                    "description": p.description,
                }
                for p in page["programs"]
            },
            "activities": {
                str(a.pk): {
                    "program": program_names.get(a.program_id, ""),
                    "name": a.name,
                    "start_date": _date(a.start_date),
                    "end_date": _date(a.end_date),
                    "region": f"{a.region.code} {a.region.name}" if a.region else "",
                    "point": (
                        f"{a.latitude}, {a.longitude}"
                        if a.latitude is not None and a.longitude is not None
                        else ""
                    ),
                    "responsible": _party_name(a.responsible),
                    "status": str(a.get_status_display()),
                    "progress": a.progress,
                }
                for a in page["activities"]
            },
            "budget_lines": {
                str(b.pk): {
                    "activity": b.activity.name,
                    "party": _party_name(b.party),
                    "funding_source": str(b.get_funding_source_display()),
                    "fiscal_year": b.fiscal_year,
                    "planned": _money(b.planned),
                    "realised": _money(b.realised),
                    "note": b.note,
                }
                for b in page["budget_lines"]
            },
        }
        # Keep the page order (position) as data too: dict order is not kept by JSON storage
        # on every database, so the order lists say how to show each section.
        order = {
            key: [str(row.pk) for row in page[key]]
            for key in ("assessments", "objectives", "strategies", "risks", "programs")
        }
        order["activities"] = [str(a.pk) for a in page["activities"]]
        order["budget_lines"] = [str(b.pk) for b in page["budget_lines"]]
    return {
        "schema": SNAPSHOT_SCHEMA,
        "agreement": {
            "id": agreement.pk,
            "reference_code": agreement.reference_code,
            "title": agreement.title,
        },
        "number": plan.number,
        "summary": plan.summary,
        "sections": sections,
        "order": order,
    }


def snapshot_canonical_json(snapshot: dict) -> bytes:
    return json.dumps(
        snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def snapshot_sha256(snapshot: dict) -> str:
    return hashlib.sha256(snapshot_canonical_json(snapshot)).hexdigest()


def _item_title(section: str, item: dict) -> str:
    if section == "objectives":
        text = f"{item.get('code', '')} {item.get('statement', '')}".strip()
    elif section == "budget_lines":
        text = (
            f"{item.get('activity', '')} · {item.get('party', '')} · {item.get('fiscal_year', '')}"
        )
    else:
        text = str(item.get("title") or item.get("name") or item.get("description") or "")
    return text if len(text) <= 100 else text[:99] + "…"


def _fields(item: dict) -> list[dict]:
    return [
        {"field": key, "label": FIELD_LABELS.get(key, key), "value": value}
        for key, value in item.items()
    ]


def plan_diff(old: dict, new: dict) -> list[dict]:
    """What changed between two snapshots, per section in page order: added and removed items
    (with all their fields) and changed items (field by field, before → after). Sections
    without changes are left out; the plan's summary counts as its own section."""
    result: list[dict] = []
    if (old.get("summary") or "") != (new.get("summary") or ""):
        result.append(
            {
                "section": "plan",
                "label": _("Plan"),
                "added": [],
                "removed": [],
                "changed": [
                    {
                        "id": "summary",
                        "title": str(FIELD_LABELS["summary"]),
                        "fields": [
                            {
                                "field": "summary",
                                "label": FIELD_LABELS["summary"],
                                "before": old.get("summary") or "",
                                "after": new.get("summary") or "",
                            }
                        ],
                    }
                ],
            }
        )
    old_sections = old.get("sections", {})
    new_sections = new.get("sections", {})
    for section, label in SECTIONS.items():
        before = old_sections.get(section, {})
        after = new_sections.get(section, {})
        order: list[str] = []
        for key in [
            *new.get("order", {}).get(section, []),
            *old.get("order", {}).get(section, []),
            *sorted(set(before) | set(after), key=_id_key),
        ]:
            if key not in order and (key in before or key in after):
                order.append(key)
        added, removed, changed = [], [], []
        for key in order:
            if key in after and key not in before:
                added.append(
                    {
                        "id": key,
                        "title": _item_title(section, after[key]),
                        "fields": _fields(after[key]),
                    }
                )
            elif key in before and key not in after:
                removed.append(
                    {
                        "id": key,
                        "title": _item_title(section, before[key]),
                        "fields": _fields(before[key]),
                    }
                )
            elif key in before and before[key] != after[key]:
                names = list(after[key]) + [f for f in before[key] if f not in after[key]]
                changes = [
                    {
                        "field": name,
                        "label": FIELD_LABELS.get(name, name),
                        "before": before[key].get(name, ""),
                        "after": after[key].get(name, ""),
                    }
                    for name in names
                    if before[key].get(name) != after[key].get(name)
                ]
                changed.append(
                    {"id": key, "title": _item_title(section, after[key]), "fields": changes}
                )
        if added or removed or changed:
            result.append(
                {
                    "section": section,
                    "label": label,
                    "added": added,
                    "removed": removed,
                    "changed": changed,
                }
            )
    return result


def _id_key(key: str):
    return (0, int(key)) if key.isdigit() else (1, key)


def snapshot_sections(snapshot: dict) -> list[dict]:
    """A frozen snapshot laid out for reading: sections in page order, items in the order they
    had, each field with its label."""
    sections = snapshot.get("sections", {})
    order = snapshot.get("order", {})
    result = []
    for key, label in SECTIONS.items():
        items = sections.get(key, {})
        keys = [k for k in order.get(key, []) if k in items]
        keys += sorted(set(items) - set(keys), key=_id_key)
        result.append(
            {
                "key": key,
                "label": label,
                "items": [
                    {"id": k, "title": _item_title(key, items[k]), "fields": _fields(items[k])}
                    for k in keys
                ],
            }
        )
    return result

"""Writes of the complaints app: intake, e-mail confirmation and routing, the staff actions,
reassignment and the daily housekeeping (reminders, escalation, purge).

    complaint_submit(...)              -> (complaint, access_key)  UNCONFIRMED, mails the link
    complaint_confirm(token)           -> complaint | None         RECEIVED, routed, deadlines
    complaint_act(...)                 -> complaint                a staff action (COMPLAINT)
    complaint_reassign(...)            -> complaint                to another party of the agreement
    complaints_housekeeping(now)       -> dict                     the worker's daily run

Status changes follow the COMPLAINT machine and are kernel claims (simpul.core.claims): a
second click or a colleague acting at the same moment gets a Conflict (409) naming who did what
when, never a double event.
"""

import io
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.audit.services import record
from simpul.core import outbox, zones
from simpul.core.abuse import token_hash
from simpul.core.claims import claim, claim_instance, person_label
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.formats import date_time, long_date
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership, Organization

from . import workdays
from .models import Complaint, ComplaintEvent
from .notification_kinds import DEADLINE as DEADLINE_KIND
from .notification_kinds import ROUTED as ROUTED_KIND

S = Complaint.Status
NOTIFY_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)
UNCONFIRMED_TTL = timedelta(days=7)
CODE_ATTEMPTS = 10
LAPOR_URL = "https://www.lapor.go.id"


# --- helpers --------------------------------------------------------------------------------


def zone_of(complaint: Complaint) -> str:
    """The zone its deadlines are counted in: the handling organisation's (its region's), else
    the zone of the region the complaint is about (before routing), else WIB."""
    if complaint.responsible_id and complaint.responsible.region_id:
        return zones.zone_of(complaint.responsible)
    return zones.zone_of(complaint.region)


def _event(complaint, from_status, to_status, *, note="", actor=None, public=True, now=None):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        from_status=from_status,
        to_status=to_status,
        note=note,
        is_public=public,
        actor=actor,
        occurred_at=now or timezone.now(),
    )


def _site(path: str) -> str:
    return settings.SITE_URL + path


def _mail(key: str, template: str, context: dict, recipients: list[str], language: str) -> None:
    """Put the e-mail in the outbox (simpul.core.outbox) under `key`, one per effect: called
    inside the transaction of the change it reports, it commits with it or not at all."""
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"complaints/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"complaints/email/{template}.txt", context)
    outbox.enqueue(key=key, to=recipients, subject=subject, text=body, language=language)


# Which notification kind each staff mail is (simpul.notifications).
STAFF_KINDS = {
    "new_complaint": ROUTED_KIND,
    "reminder": DEADLINE_KIND,
    "escalation": DEADLINE_KIND,
}


def _mail_members(key: str, template: str, context: dict, organizations) -> int:
    """Notify the admins and coordinators of these organisations, each in their language
    (mailed at once unless they chose otherwise); (person, kind, key) is unique, so a person
    in two of the organisations (or a re-run) is told once."""
    people = [
        membership.user
        for membership in Membership.objects.filter(
            organization__in=organizations, role__in=NOTIFY_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]
    complaint = context["complaint"]
    body_context = {**context, "base_template": "notifications/email/body_only.txt"}
    return notify(
        kind=STAFF_KINDS[template],
        recipients=people,
        key=key,
        title=per_person(
            lambda: " ".join(
                render_to_string(f"complaints/email/{template}_subject.txt", context).split()
            )
        ),
        body=per_person(
            lambda: render_to_string(f"complaints/email/{template}.txt", body_context).strip()
        ),
        url=reverse("complaints:detail", kwargs={"pk": complaint.pk}),
        subject=f"complaint:{complaint.pk}",
        group=f"agreement:{complaint.agreement_id}" if complaint.agreement_id else "",
        group_label=str(complaint.agreement) if complaint.agreement_id else "",
    )


def _staff_context(complaint: Complaint) -> dict:
    return {
        "complaint": complaint,
        "url": _site(reverse("complaints:detail", kwargs={"pk": complaint.pk})),
        "site_url": settings.SITE_URL,
    }


def _notify_complainant(complaint: Complaint, event: ComplaintEvent) -> None:
    _mail(
        f"complaint-status:{complaint.pk}:{event.pk}",
        "status_changed",
        {
            "complaint": complaint,
            "event": event,
            "status": S(event.to_status).label,
            "track_url": _site(reverse("complaints_public:track")),
            "lapor_url": LAPOR_URL,
        },
        [complaint.email],
        complaint.language,
    )


# --- intake ---------------------------------------------------------------------------------


def clean_photo(uploaded) -> ContentFile:
    """Re-encode an already validated photo without its metadata (EXIF location, camera)."""
    from PIL import Image, ImageOps

    uploaded.seek(0)
    with Image.open(uploaded) as image:
        fmt = image.format
        image = ImageOps.exif_transpose(image)
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(16)}.{extension}")


def _save_with_code(complaint: Complaint) -> None:
    """Give the complaint the next ADU-<year>-<number> of its year; concurrent intakes that
    pick the same number retry with the next one (the unique constraint decides)."""
    year = workdays.today_in().year
    for _attempt in range(CODE_ATTEMPTS):
        number = (Complaint.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0) + 1
        complaint.year, complaint.number = year, number
        complaint.tracking_code = f"ADU-{year}-{number:06d}"
        try:
            with transaction.atomic():
                complaint.save()
            return
        except IntegrityError:
            complaint.pk = None
            complaint._state.adding = True
    raise IntegrityError("could not allocate a tracking code")


@transaction.atomic
def complaint_submit(*, data: dict, photo=None, fingerprint: str = "") -> tuple[Complaint, str]:
    """Store a new complaint as UNCONFIRMED and e-mail the confirmation link with the code and
    the access key. Returns the complaint and the access key (shown once)."""
    access_key = secrets.token_urlsafe(12)
    confirm_token = secrets.token_urlsafe(24)
    complaint = Complaint(
        kind=data["kind"],
        category=data["category"],
        agreement=data.get("agreement"),
        region=data.get("region") if not data.get("agreement") else None,
        title=data["title"],
        body=data["body"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        is_anonymous=bool(data.get("is_anonymous")),
        name=data.get("name", ""),
        email=data["email"],
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
        access_key_hash=token_hash(access_key),
        confirm_token_hash=token_hash(confirm_token),
        ip_hash=fingerprint,
        status=S.UNCONFIRMED,
    )
    if photo is not None:
        complaint.photo = clean_photo(photo)
    _save_with_code(complaint)
    _mail(
        f"complaint-confirm:{complaint.pk}",
        "confirm",
        {
            "complaint": complaint,
            "access_key": access_key,
            "confirm_url": _site(
                reverse("complaints_public:confirm", kwargs={"token": confirm_token})
            ),
            "track_url": _site(reverse("complaints_public:track")),
            "days": UNCONFIRMED_TTL.days,
        },
        [complaint.email],
        complaint.language,
    )
    return complaint, access_key


def route(complaint: Complaint) -> Organization | None:
    """The cooperation's registering organisation; else the region's government; else its
    province's; else a central-government organisation."""
    if complaint.agreement_id:
        return complaint.agreement.owner
    region = complaint.region
    governments = Organization.objects.governments().filter(is_active=True)
    if region is not None:
        for candidate in (region, region.parent):
            if candidate is None:
                continue
            found = governments.filter(region=candidate).first()
            if found:
                return found
    return Organization.objects.filter(
        kind=Organization.Kind.CENTRAL_GOVERNMENT, is_active=True
    ).first()


def complaint_confirm(token: str) -> Complaint | None:
    """Confirm the e-mail address: the complaint is received, its deadlines are set, it is
    routed and the responsible organisation is told. None for an unknown or used link."""
    if not token:
        return None
    now = timezone.now()
    with transaction.atomic():
        complaint = (
            # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
            Complaint.objects.select_for_update(of=("self",))
            .select_related("agreement__owner__region", "region__parent")
            .filter(confirm_token_hash=token_hash(token), status=S.UNCONFIRMED)
            .first()
        )
        if complaint is None:
            return None
        responsible = route(complaint)
        today = workdays.local_date(now, zone_of(complaint))
        limits = workdays.deadlines()
        verify_due = workdays.add_working_days(today, limits["verify"])
        claim_instance(
            complaint,
            version=None,  # the link itself is the claim; the row is locked above
            states=(S.UNCONFIRMED,),
            set={
                "responsible": responsible,
                "status": S.RECEIVED,
                "email_confirmed_at": now,
                "received_at": now,
                "confirm_token_hash": "",
                "verify_due": verify_due,
                "follow_up_due": workdays.add_working_days(verify_due, limits["follow_up"]),
            },
        )
        complaint.refresh_from_db()
        with translation.override(settings.LANGUAGE_CODE):
            note = _("Received and forwarded to %(org)s.") % {"org": responsible}
        event = _event(
            complaint, S.UNCONFIRMED, S.RECEIVED, note=note if responsible else "", now=now
        )
        if responsible is not None:
            _mail_members(
                f"complaint-new:{complaint.pk}:{event.pk}",
                "new_complaint",
                _staff_context(complaint),
                [responsible],
            )
    return complaint


# --- staff actions --------------------------------------------------------------------------


COMPLAINT = Machine(
    "complaint",
    Move("verify", gettext_lazy("Verify"), (S.RECEIVED,), S.VERIFIED),
    Move(
        "reject",
        gettext_lazy("Outside our remit (refer to LAPOR!)"),
        (S.RECEIVED, S.VERIFIED),
        S.REJECTED,
        note_required=True,
    ),
    Move("follow_up", gettext_lazy("Start the follow-up"), (S.VERIFIED,), S.IN_FOLLOW_UP),
    Move(
        "answer",
        gettext_lazy("Publish the official answer"),
        (S.VERIFIED, S.IN_FOLLOW_UP),
        S.ANSWERED,
    ),
    Move("close", gettext_lazy("Close"), (S.ANSWERED,), S.CLOSED),
)


def available_actions(complaint: Complaint) -> list[Move]:
    return COMPLAINT.available(complaint.status)


def _conflict(complaint_pk: int) -> Conflict:
    """The complaint's own timeline says more than the row: which step, by whom, when."""
    current = Complaint.objects.filter(pk=complaint_pk).first()
    if current is None:
        return Conflict(_("This item was deleted by someone else in the meantime."), code="deleted")
    last = (
        ComplaintEvent.objects.filter(complaint_id=complaint_pk)
        .select_related("actor")
        .order_by("-occurred_at", "-pk")
        .first()
    )
    if last is None:
        return Conflict(_("Someone else changed this complaint first."), version=current.version)
    who, when, state = person_label(last.actor), last.occurred_at, current.get_status_display()
    return Conflict(
        _("Already changed: %(status)s by %(who)s at %(when)s. Reload to see it.")
        % {"status": state, "who": who, "when": date_time(when)},
        who=who,
        when=when,
        state=state,
        version=current.version,
    )


def complaint_act(
    *,
    complaint: Complaint,
    user,
    action: str,
    version: int,
    note: str = "",
    answer: str = "",
    now=None,
) -> Complaint:
    """Apply one staff action (see COMPLAINT). Raises InvalidInput for an action not allowed
    in this status or missing input, Conflict when someone acted first."""
    # The referral note has its own wording, so the machine checks only the action here.
    spec = COMPLAINT.moves.get(action) or COMPLAINT.move(action)
    now = now or timezone.now()
    note, answer = note.strip(), answer.strip()
    if spec.note_required and not note:
        raise InvalidInput(_("Say why, and where the complainant can turn instead."), code="note")
    if action == "answer" and not answer:
        raise InvalidInput(_("Write the official answer."), code="answer")
    if not spec.applies_to(complaint.status):
        if complaint.version != version:
            raise _conflict(complaint.pk)
        COMPLAINT.move(action, current=complaint.status)
    today = workdays.local_date(now, zone_of(complaint))
    limits = workdays.deadlines()
    changes: dict = {"status": spec.target}
    if action == "verify":
        changes["verified_at"] = now
        changes["follow_up_due"] = workdays.add_working_days(today, limits["follow_up"])
    elif action == "answer":
        changes.update(
            answer=answer,
            answered_at=now,
            answered_by=user,
            close_due=workdays.add_working_days(today, limits["close"]),
        )
    elif action in ("close", "reject"):
        changes["closed_at"] = now
    if action == "reject" and not note:
        note = _("Outside the remit of this cooperation.")
    with transaction.atomic():
        claim(
            Complaint,
            complaint.pk,
            version=version,
            states=spec.sources,
            by=user,
            set={**changes, "updated_at": now},
            describe=lambda: _conflict(complaint.pk),
        )
        event = _event(complaint, complaint.status, spec.target, note=note, actor=user, now=now)
        # The audit chain gets the step without personal data (code and statuses only).
        record(
            action="update",
            obj=complaint,
            changes={"step": action, "status": [complaint.status, spec.target]},
        )
        complaint.refresh_from_db()
        _notify_complainant(complaint, event)
    if action in ("answer", "close"):
        bump()  # the answer and status appear on the public list and page
    return complaint


def reassign_choices(complaint: Complaint) -> list[Organization]:
    if not complaint.agreement_id:
        return []
    return list(
        Organization.objects.filter(agreement_parties__agreement_id=complaint.agreement_id)
        .exclude(pk=complaint.responsible_id)
        .distinct()
        .order_by("name")
    )


def complaint_reassign(
    *, complaint: Complaint, user, organization: Organization, version: int, note: str = ""
) -> Complaint:
    if organization not in reassign_choices(complaint):
        raise InvalidInput(_("Choose another party of this cooperation."), code="organization")
    if complaint.status in (S.ANSWERED, S.CLOSED, S.REJECTED):
        raise InvalidInput(_("This action is not possible in the current status."), code="state")
    now = timezone.now()
    with transaction.atomic():
        claim(
            Complaint,
            complaint.pk,
            version=version,
            by=user,
            set={"responsible": organization, "updated_at": now},
            describe=lambda: _conflict(complaint.pk),
        )
        text = _("Forwarded to %(org)s.") % {"org": organization}
        event = _event(
            complaint,
            complaint.status,
            complaint.status,
            note=f"{text} {note.strip()}".strip(),
            actor=user,
            now=now,
        )
        record(
            action="update",
            obj=complaint,
            changes={
                "step": "reassign",
                "responsible": [complaint.responsible_id, organization.pk],
            },
        )
        complaint.refresh_from_db()
        _mail_members(
            f"complaint-new:{complaint.pk}:{event.pk}",
            "new_complaint",
            _staff_context(complaint),
            [organization],
        )
    return complaint


# --- the worker -----------------------------------------------------------------------------


def current_deadline(complaint: Complaint):
    """(name, date) of the deadline the complaint is running against, or (None, None)."""
    if complaint.status == S.RECEIVED:
        return "verify", complaint.verify_due
    if complaint.status in (S.VERIFIED, S.IN_FOLLOW_UP):
        return "follow_up", complaint.follow_up_due
    if complaint.status == S.ANSWERED:
        return "close", complaint.close_due
    return None, None


def escalation_targets(responsible: Organization) -> list[Organization]:
    """The province government of the responsible organisation's region, or Kemendagri (the
    central government) for a province-level or region-less party."""
    region = responsible.region
    if region is not None and region.parent_id:
        province = Organization.objects.governments().filter(region_id=region.parent_id)
        if province.exists():
            return list(province)
    return list(Organization.objects.filter(kind=Organization.Kind.CENTRAL_GOVERNMENT))


def purge_unconfirmed(now=None) -> int:
    now = now or timezone.now()
    stale = Complaint.objects.filter(status=S.UNCONFIRMED, created_at__lt=now - UNCONFIRMED_TTL)
    count = 0
    for complaint in stale.only("pk", "photo"):
        if complaint.photo:
            complaint.photo.delete(save=False)
        complaint.delete()
        count += 1
    return count


def complaints_housekeeping(now=None, zone: str | None = None) -> dict:
    """Reminders one working day before a deadline, escalation once a deadline passed,
    automatic closing 10 working days after the answer, and the purge of unconfirmed
    complaints. At most one reminder or escalation per complaint per day
    (last_reminder_on), so running twice a day sends nothing twice. With `zone`, only the
    complaints whose deadlines run in that zone (zone_of): the worker runs each zone at its
    own morning."""
    from .models import TrackingAttempt

    now = now or timezone.now()
    result = {"reminders": 0, "escalations": 0, "closed": 0, "purged": 0}
    result["purged"] = purge_unconfirmed(now)
    TrackingAttempt.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    running = Complaint.objects.filter(
        status__in=(S.RECEIVED, S.VERIFIED, S.IN_FOLLOW_UP, S.ANSWERED),
        responsible__isnull=False,
    ).select_related("region", "responsible__region", "category")
    # The days off around today, read once (zones differ by at most a day).
    base = now.date()
    off = workdays.days_off(base - timedelta(days=3), base + timedelta(days=60))
    for complaint in running.iterator(chunk_size=500):
        name, due = current_deadline(complaint)
        if due is None or (zone is not None and zone_of(complaint) != zone):
            continue
        today = workdays.local_date(now, zone_of(complaint))
        if name == "close":
            if today > due and _auto_close(complaint, now):
                result["closed"] += 1
            continue
        # The day's claim and its e-mails (outbox rows) commit together: a crash between them
        # can neither mark a day done without its mail nor mail twice.
        if today > due and complaint.escalated_for != name:
            with transaction.atomic():
                if _claim_day(complaint, today, escalated_for=name, now=now):
                    _escalate(complaint, name, due, now)
                    result["escalations"] += 1
        elif (
            today < due
            and workdays.is_working_day(today, off)
            and workdays.add_working_days(today, 1, off) >= due
        ):
            with transaction.atomic():
                if _claim_day(complaint, today):
                    _mail_members(
                        f"complaint-reminder:{complaint.pk}:{name}:{today.isoformat()}",
                        "reminder",
                        {**_staff_context(complaint), "deadline": name, "due": due},
                        [complaint.responsible],
                    )
                    result["reminders"] += 1
    if result["closed"]:
        bump()
    return result


def _claim_day(complaint: Complaint, today, *, escalated_for: str = "", now=None) -> bool:
    """Mark today's reminder/escalation as done; False if another run already did."""
    qs = Complaint.objects.filter(pk=complaint.pk).exclude(last_reminder_on=today)
    changes: dict = {"last_reminder_on": today}
    if escalated_for:
        qs = qs.exclude(escalated_for=escalated_for)
        changes["escalated_for"] = escalated_for
    claimed = qs.update(**changes) == 1
    if claimed and escalated_for:
        Complaint.objects.filter(pk=complaint.pk, escalated_at__isnull=True).update(
            escalated_at=now
        )
    return claimed


def _escalate(complaint: Complaint, name: str, due, now) -> None:
    targets = escalation_targets(complaint.responsible)
    with translation.override(settings.LANGUAGE_CODE):
        note = _("The deadline of %(date)s passed; escalated to %(orgs)s.") % {
            "date": long_date(due),
            "orgs": ", ".join(str(t) for t in targets) or "-",
        }
    _event(complaint, complaint.status, complaint.status, note=note, now=now)
    context = {**_staff_context(complaint), "deadline": name, "due": due}
    key = f"complaint-escalation:{complaint.pk}:{name}"
    _mail_members(key, "escalation", context, targets)
    _mail_members(key, "escalation", context, [complaint.responsible])


def _auto_close(complaint: Complaint, now) -> bool:
    with transaction.atomic():
        try:
            claim(
                Complaint,
                complaint.pk,
                states=(S.ANSWERED,),
                set={"status": S.CLOSED, "closed_at": now, "updated_at": now},
            )
        except Conflict:
            return False  # a person closed it (or it changed) since the run read it
        with translation.override(settings.LANGUAGE_CODE):
            note = _("Closed automatically %(days)s working days after the answer.") % {
                "days": workdays.deadlines()["close"]
            }
        _event(complaint, S.ANSWERED, S.CLOSED, note=note, now=now)
    return True

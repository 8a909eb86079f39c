"""Forms of the meeting pages. Times are typed in the reader's own zone (the page says which)
and stored in UTC; the meeting keeps its host's zone for the invitations."""

from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm
from simpul.core.widgets import DateInput, DateTimeLocalInput
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .models import Attendance, Invitation, MeetingKind, QuorumRule

REPEAT_RULES = {
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
}


class MeetingForm(MergeableForm, forms.Form):
    """Scheduling a meeting, or editing one: then merged field by field with someone else's
    change (simpul.core.merge)."""

    merge_fields = (
        "kind", "title", "description", "starts_at", "ends_at", "venue", "region",
        "latitude", "longitude", "online_url", "quorum", "agenda_cutoff",
    )  # fmt: skip

    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeLocalInput())
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    region = forms.ModelChoiceField(
        label=_("Region of the venue"), queryset=Region.objects.none(), required=False
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6,
        min_value=-90, max_value=90,
    )  # fmt: skip
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6,
        min_value=-180, max_value=180,
    )  # fmt: skip
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, max_length=500, assume_scheme="https"
    )
    quorum = forms.ChoiceField(
        label=_("Quorum rule"),
        required=False,
        choices=[("", _("As the forum or agreement says")), *QuorumRule.choices],
    )
    agenda_cutoff = forms.DateTimeField(
        label=_("Agenda proposals until"), required=False, widget=DateTimeLocalInput(),
        help_text=_("Invitees propose agenda items until then; empty: until the start."),
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        hosts: list[Organization] | None = None,
        zone_name: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.remember(hosts=hosts, zone_name=zone_name)
        region = cast(forms.ModelChoiceField, self.fields["region"])
        region.queryset = Region.objects.defer("boundary", "bbox").order_by("name")
        if zone_name:
            for name in ("starts_at", "ends_at"):
                self.fields[name].help_text = _("In your time zone (%(zone)s).") % {
                    "zone": zone_name
                }
        if hosts is not None:
            # Only when scheduling: the host and the repetition are fixed afterwards.
            self.fields["host"] = forms.ModelChoiceField(
                label=_("Host organisation"),
                queryset=Organization.objects.filter(pk__in=[h.pk for h in hosts]),
                initial=hosts[0].pk if len(hosts) == 1 else None,
            )
            self.fields["repeat"] = forms.ChoiceField(
                label=_("Repeat"),
                required=False,
                choices=[
                    ("", _("Does not repeat")),
                    ("weekly", _("Every week")),
                    ("monthly", _("Every month")),
                    ("quarterly", _("Every three months")),
                ],
            )
            self.fields["repeat_until"] = forms.DateField(
                label=_("Repeat until"), required=False, widget=DateInput(),
                help_text=_("At most two years after the first meeting."),
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if data.get("repeat") and not data.get("repeat_until"):
            self.add_error(
                "repeat_until",
                _("A repeating meeting needs an end: a last date or a number of times."),
            )
        return data

    def repeat_rule(self) -> str:
        """The RRULE for the chosen repetition, ending at the end of the chosen day in the
        reader's zone (in UTC, as RFC 5545 wants with a zoned start)."""
        repeat = self.cleaned_data.get("repeat")
        until = self.cleaned_data.get("repeat_until")
        if not repeat or until is None:
            return ""
        end = datetime.combine(until + timedelta(days=1), time(0), timezone.get_current_timezone())
        return f"{REPEAT_RULES[repeat]};UNTIL={end.astimezone(UTC):%Y%m%dT%H%M%SZ}"


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The invitees read it in the cancellation."),
    )  # fmt: skip


class InviteForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organisations (their delegates receive the invitation)"),
        queryset=Organization.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    guest_name = forms.CharField(label=_("Guest's name"), max_length=200, required=False)
    guest_email = forms.EmailField(label=_("Guest's e-mail"), required=False)
    guest_affiliation = forms.CharField(
        label=_("Guest's organisation"), max_length=200, required=False
    )
    guest_expertise = forms.CharField(label=_("Field of expertise"), max_length=200, required=False)
    whole_series = forms.BooleanField(
        label=_("Invite to every later meeting of the series"), required=False
    )

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["organizations"]
        ).queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by(
            "name"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if bool(data.get("guest_name")) != bool(data.get("guest_email")):
            self.add_error("guest_email", _("Each guest needs a name and an e-mail address."))
        if not data.get("organizations") and not data.get("guest_email"):
            raise forms.ValidationError(_("Choose organisations or name a guest to invite."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (Invitation.Rsvp.ACCEPTED, _("I will come")),
            (Invitation.Rsvp.DECLINED, _("I cannot come")),
            (Invitation.Rsvp.DELEGATED, _("Someone comes in my place")),
        ],
    )
    delegate_name = forms.CharField(
        label=_("Who comes in your place"), max_length=200, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    minutes_allotted = forms.IntegerField(
        label=_("Minutes allotted"), required=False, min_value=1, max_value=600
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    subject = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["subject"]).choices = [
            ("", _("Nothing in particular")),
            *subjects,
        ]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Put on the agenda")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class AttendanceRowForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organization = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organization.objects.none(), required=False
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Attendance"), choices=[("", "—"), *Attendance.Status.choices], required=False
    )
    represented_by = forms.CharField(label=_("Represented by"), max_length=200, required=False)
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=300, required=False)
    invitation = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["organization"]
        ).queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by(
            "name"
        )


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, extra=3, max_num=1000)

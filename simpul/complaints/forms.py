"""Forms of the complaints app: the public two-step intake, tracking, and the staff actions."""

from decimal import Decimal

import filetype
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from simpul.core.abuse import HoneypotMixin
from simpul.core.uploads import check_image_pixels
from simpul.organizations.models import Organization
from simpul.publication.selectors import public_agreements
from simpul.regions.models import Region

from .models import Category, Complaint

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_MIMES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MAX_PHOTO_PIXELS = 40_000_000
# Indonesia's extent, with a margin for its outer islands and waters.
LAT_RANGE = (Decimal("-11.5"), Decimal("6.5"))
LON_RANGE = (Decimal("94.5"), Decimal("141.5"))


class IntakeStartForm(forms.Form):
    """Step 1 (a GET): what and where, so similar complaints can be shown first."""

    kind = forms.ChoiceField(
        label=_("Is it a complaint or an aspiration?"),
        choices=Complaint.Kind.choices,
        initial=Complaint.Kind.COMPLAINT,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("— choose —")
    )
    agreement_code = forms.CharField(
        label=_("Cooperation (reference code)"),
        required=False,
        max_length=40,
        help_text=_(
            "For example KSD-2024-00001, as shown on the cooperation's public page. "
            "Leave empty and choose a region if you do not know it."
        ),
    )
    region = forms.ModelChoiceField(
        label=_("Or the region concerned"),
        required=False,
        queryset=Region.objects.current().only("pk", "name", "code").order_by("name"),
        empty_label=_("— choose —"),
    )
    title = forms.CharField(
        label=pgettext_lazy("complaint", "Subject"),
        max_length=200,
        help_text=_("One line. The subject and the official answer are published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label_from_instance = lambda r: f"{r.name} ({r.code})"

    def clean_agreement_code(self):
        code = (self.cleaned_data.get("agreement_code") or "").strip().upper()
        if not code:
            return None
        agreement = public_agreements().filter(reference_code=code).first()
        if agreement is None:
            raise forms.ValidationError(
                _("No public cooperation has this reference code. Check it, or choose a region.")
            )
        return agreement

    def clean(self):
        data = super().clean()
        if (
            not data.get("agreement_code")
            and not data.get("region")
            and not self.errors.get("agreement_code")
        ):
            self.add_error("region", _("Give the cooperation's reference code or choose a region."))
        if data.get("agreement_code"):
            data["region"] = None
        data["agreement"] = data.get("agreement_code")
        return data


class ComplaintForm(HoneypotMixin, IntakeStartForm):
    """Step 2 (the POST): everything."""

    body = forms.CharField(
        label=_("What happened? What do you ask for?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the responsible officials and you (with your access key) read this."),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. Location and camera data are removed; "
            "the photo is never published."
        ),
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("Keep my name private (anonymous)"),
        required=False,
        help_text=_(
            "The public never sees your name; with this box ticked the officials see "
            "“Anonymous” too. Your e-mail address is only used for this complaint."
        ),
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a confirmation link: the complaint is sent only once you confirm."),
    )

    field_order = [
        "kind",
        "category",
        "agreement_code",
        "region",
        "title",
        "body",
        "photo",
        "latitude",
        "longitude",
        "is_anonymous",
        "name",
        "email",
        "website",
    ]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(
                _("The photo is %(size)s; the limit is %(limit)s. Send a smaller photo.")
                % {"size": filesizeformat(photo.size), "limit": filesizeformat(MAX_PHOTO_BYTES)}
            )
        photo.seek(0)
        guess = filetype.guess(photo.read(8192))
        photo.seek(0)
        if guess is None or guess.mime not in PHOTO_MIMES:
            raise forms.ValidationError(
                _("This file is not a JPEG, PNG or WebP photo. Choose a photo file.")
            )
        from PIL import Image

        try:
            with Image.open(photo) as image:
                if image.format != PHOTO_MIMES[guess.mime]:
                    raise ValueError("format mismatch")
                width, height = image.size
                check_image_pixels(width, height, limit=MAX_PHOTO_PIXELS)
                image.verify()
        except forms.ValidationError:
            raise
        except Exception:
            raise forms.ValidationError(
                _("This photo is damaged or could not be read. Choose another file.")
            ) from None
        photo.seek(0)
        return photo

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        elif lat is not None and not (
            LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
        ):
            self.add_error("latitude", _("This location is outside Indonesia."))
        if not data.get("is_anonymous") and not (data.get("name") or "").strip():
            self.add_error("name", _("Give your name, or tick “anonymous”."))
        if data.get("is_anonymous"):
            data["name"] = ""
        return data


class TrackForm(forms.Form):
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "ADU-2026-000123", "autocomplete": "off"}),
    )
    access_key = forms.CharField(
        label=_("Access key"),
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("It was shown once after sending and is in the confirmation e-mail."),
    )


class ActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note (shown on the public timeline)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answer = forms.CharField(
        label=_("Official answer (published)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReassignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    organization = forms.ModelChoiceField(
        label=_("Forward to"), queryset=Organization.objects.none()
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in choices]
        )

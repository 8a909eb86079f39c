"""Forms of the discussion pages. They check the shape of the input (lengths, choices); the
rules (mentions, who may announce, replies to deleted posts) live in services.py, whose errors
come back onto the form through simpul.core.formviews."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.merge import MergeableForm
from simpul.meetings.models import ActionItem, Forum, Meeting
from simpul.monitoring.models import EarlyWarning, Indicator
from simpul.organizations.models import Organization

from .models import TEXT_MAX, TITLE_MAX, TOPIC_MAX, Post

TEXT_HELP = _(
    "Markdown: **bold**, *italic*, lists, > quotes, [links](https://…). Mention with "
    "@[Name]: type @ and part of a name to choose a person or organisation."
)


def _text_field() -> forms.CharField:
    # No max_length on the field: the service refuses a long post with the limit and the
    # length, where Django's message would only say the limit.
    return forms.CharField(
        label=_("Message"),
        help_text=TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX, "data-mention-input": "1"}),
    )


class _PostFields(forms.Form):
    text = _text_field()
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Post.Kind.choices, initial=Post.Kind.POST, required=False
    )
    question_to = forms.ModelChoiceField(
        label=_("A question to"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Nobody in particular"),
        help_text=_("The response time is counted until someone of that organisation replies."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, PNG or JPEG."),
    )

    def __init__(
        self,
        *args: Any,
        participants: QuerySet[Organization],
        can_announce: bool,
        for_agreement: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        question_to = self.fields["question_to"]
        assert isinstance(question_to, forms.ModelChoiceField)
        question_to.queryset = participants
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        if not can_announce:
            del self.fields["kind"]
        elif not for_agreement:
            kind.choices = [c for c in Post.Kind.choices if c[0] != Post.Kind.PROGRESS_UPDATE]

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or Post.Kind.POST


class PostForm(_PostFields):
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    quote = forms.BooleanField(widget=forms.HiddenInput, required=False)


class ThreadForm(_PostFields):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        required=False,
        help_text=_("A word or two that groups threads, e.g. “budget” or “data”."),
    )
    about = forms.ChoiceField(label=_("About"), required=False)

    field_order = ["title", "topic", "about", "text", "kind", "question_to", "attachment"]

    def __init__(
        self,
        *args: Any,
        agreement: Agreement | None = None,
        forum: Forum | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, for_agreement=agreement is not None, **kwargs)
        about = self.fields["about"]
        assert isinstance(about, forms.ChoiceField)
        about.choices = [("", _("Nothing in particular")), *_link_choices(agreement, forum)]

    def link(self) -> dict[str, Any]:
        """The thread's link fields from the chosen "about" value."""
        value = self.cleaned_data.get("about") or ""
        if not value:
            return {}
        kind, _sep, key = value.partition(":")
        if kind == "stage":
            return {"stage": key}
        linked: dict[str, QuerySet[Any]] = {
            "indicator": Indicator.objects.all(),
            "warning": EarlyWarning.objects.all(),
            "meeting": Meeting.objects.all(),
            "action_item": ActionItem.objects.all(),
        }
        return {kind: linked[kind].get(pk=int(key))}


def _link_choices(agreement: Agreement | None, forum: Forum | None) -> list[tuple[str, Any]]:
    """What a thread may be about: its agreement's stages, indicators, open warnings,
    meetings and their open action items; a forum's meetings and action items."""
    choices: list[tuple[str, Any]] = []
    if agreement is not None:
        stages = agreement.workflow.stages.order_by("position")
        choices += [(f"stage:{s.code}", _("Stage: %s") % s) for s in stages]
        indicators = Indicator.objects.filter(agreement=agreement).order_by("code")[:200]
        choices += [(f"indicator:{i.pk}", _("Indicator: %s") % i) for i in indicators]
        warnings = EarlyWarning.objects.filter(agreement=agreement, resolved_at__isnull=True)
        choices += [(f"warning:{w.pk}", _("Warning: %s") % w) for w in warnings[:100]]
        meetings = Meeting.objects.filter(agreement=agreement)
    else:
        meetings = Meeting.objects.filter(forum=forum)
    choices += [
        (f"meeting:{m.pk}", _("Meeting: %s") % m) for m in meetings.order_by("-starts_at")[:100]
    ]
    actions = ActionItem.objects.filter(
        agenda_item__meeting__in=meetings, status=ActionItem.Status.OPEN
    ).order_by("due_date")[:100]
    choices += [(f"action_item:{a.pk}", _("Action item: %s") % a.title) for a in actions]
    return choices


class PostEditForm(MergeableForm, forms.Form):
    """A post's new text; two tabs editing it merge (simpul.core.merge)."""

    text = _text_field()
    merge_fields = ("text",)

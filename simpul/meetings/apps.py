from datetime import time, timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "simpul.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core import schedule
        from simpul.core.status import ERROR, NEUTRAL, SUCCESS, WARNING, register_status_kind

        from .models import AgendaItem, Attendance, Forum, ForumMember, Invitation, Meeting

        can_view = "simpul.meetings.access.meeting_object_can_view_history"
        registry.register(Meeting, can_view=can_view)
        registry.register(AgendaItem, can_view=can_view)
        registry.register(Attendance, can_view=can_view)
        # An external guest's link nonce stays out of the append-only log.
        registry.register(Invitation, can_view=can_view, exclude={"link_nonce"})
        registry.register(Forum, can_view="simpul.meetings.access.forum_object_can_view_history")
        registry.register(
            ForumMember, can_view="simpul.meetings.access.forum_object_can_view_history"
        )
        register_agreement_tab(
            "meetings:agreement-meetings", _("Meetings"), order=78, group="participation"
        )
        register_status_kind("meeting", {"scheduled": NEUTRAL, "held": SUCCESS, "cancelled": ERROR})

        from .search import register as register_search_kind

        register_search_kind()
        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
        register_status_kind(
            "rsvp",
            {"pending": WARNING, "accepted": SUCCESS, "delegated": SUCCESS, "declined": NEUTRAL},
        )
        register_status_kind(
            "agenda", {"proposed": WARNING, "accepted": SUCCESS, "declined": NEUTRAL}
        )
        # A quarter of an hour: the hour-before reminder arrives 45 to 60 minutes ahead.
        schedule.every(timedelta(minutes=15), "simpul.meetings.tasks.meeting_reminders")
        self._ready_minutes()
        self._ready_visits()

    def _ready_minutes(self) -> None:
        from simpul.agreements.timeline import register_timeline_source
        from simpul.audit import registry
        from simpul.core import schedule
        from simpul.core.status import ERROR, NEUTRAL, SUCCESS, WARNING, register_status_kind

        from .models import ActionItem, Decision, Minutes, MinutesVersion

        can_view = "simpul.meetings.access.meeting_object_can_view_history"
        registry.register(Minutes, can_view=can_view)
        for model in (MinutesVersion, Decision, ActionItem):
            registry.register(
                model, can_view="simpul.meetings.minutes_access.object_can_view_history"
            )
        # Decisions taken and actions done appear on the agreement's timeline.
        register_timeline_source("simpul.meetings.timeline.agreement_entries")
        register_status_kind("minutes", {"draft": WARNING, "circulated": NEUTRAL, "final": SUCCESS})
        register_status_kind("action", {"open": WARNING, "done": SUCCESS, "overdue": ERROR})
        # Overdue action items: each morning in every zone, for owners in that zone.
        schedule.daily(
            "simpul.meetings.tasks_minutes.overdue_action_reminders", at=time(7), per_zone=True
        )

    def _ready_visits(self) -> None:
        from simpul.audit import registry
        from simpul.core.status import SUCCESS, WARNING, register_status_kind

        from .models import ExchangeVisit, LearningReport

        can_view = "simpul.meetings.visits_access.object_can_view_history"
        registry.register(ExchangeVisit, can_view=can_view)
        registry.register(LearningReport, can_view=can_view)
        register_status_kind("learning_report", {"draft": WARNING, "submitted": SUCCESS})

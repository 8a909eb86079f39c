from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "simpul.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from simpul.audit import registry

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

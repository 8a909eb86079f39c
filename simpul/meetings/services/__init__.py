"""The meetings services, by concern; import them from here."""

from .agenda import (
    agenda_item_add,
    agenda_item_decide,
    agenda_item_move,
    agenda_item_propose,
    agenda_open_for_proposals,
)
from .attendance import AttendanceEntry, Quorum, attendance_save, quorum_of
from .common import MAX_INVITATIONS, MAX_OCCURRENCES, MEETING, MeetingInvalid
from .feeds import feed_for_token, feed_revoke, feed_start
from .forums import forum_create
from .invitations import (
    Guest,
    LinkState,
    guest_link,
    invitation_answer,
    invitation_from_link,
    invitations_add,
    invitations_send,
    recipients_of,
    reminders_send,
)
from .scheduling import (
    Clash,
    clashes_for,
    clean_title,
    hosts_for,
    meeting_cancel,
    meeting_mark_held,
    meeting_schedule,
    meeting_update,
    occurrence_move,
    occurrences_of,
    series_occurrences,
    series_schedule,
)

__all__ = [
    "MAX_INVITATIONS",
    "MAX_OCCURRENCES",
    "MEETING",
    "AttendanceEntry",
    "Clash",
    "Guest",
    "LinkState",
    "MeetingInvalid",
    "Quorum",
    "agenda_item_add",
    "agenda_item_decide",
    "agenda_item_move",
    "agenda_item_propose",
    "agenda_open_for_proposals",
    "attendance_save",
    "clashes_for",
    "clean_title",
    "feed_for_token",
    "feed_revoke",
    "feed_start",
    "forum_create",
    "guest_link",
    "hosts_for",
    "invitation_answer",
    "invitation_from_link",
    "invitations_add",
    "invitations_send",
    "meeting_cancel",
    "meeting_mark_held",
    "meeting_schedule",
    "meeting_update",
    "occurrence_move",
    "occurrences_of",
    "quorum_of",
    "recipients_of",
    "reminders_send",
    "series_occurrences",
    "series_schedule",
]

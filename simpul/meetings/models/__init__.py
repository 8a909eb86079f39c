"""The meetings app's models, one module per area; import them from here.

`minutes.py` (minutes, sign-off, decisions, action items) hangs off `Meeting` and
`AgendaItem`."""

from .agenda import SUBJECT_FIELDS, AgendaItem
from .forums import Cadence, Forum, ForumMember, QuorumRule
from .meetings import Meeting, MeetingEvent, MeetingKind, MeetingSeries, new_uid
from .minutes import ActionItem, Decision, Minutes, MinutesVersion, SignOff
from .participation import Attendance, CalendarFeed, Invitation
from .visits import ExchangeVisit, LearningReport

__all__ = [
    "ActionItem",
    "Decision",
    "ExchangeVisit",
    "LearningReport",
    "Minutes",
    "MinutesVersion",
    "SignOff",
    "SUBJECT_FIELDS",
    "AgendaItem",
    "Attendance",
    "Cadence",
    "CalendarFeed",
    "Forum",
    "ForumMember",
    "Invitation",
    "Meeting",
    "MeetingEvent",
    "MeetingKind",
    "MeetingSeries",
    "QuorumRule",
    "new_uid",
]

"""The meeting pages, by area: meetings (list, calendar, schedule, page, edit), participation
(invitations, answers, agenda, attendance, the guest's page) and calendars (feeds, forums)."""

from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "simpul.teams"
    label = "teams"
    verbose_name = _("Cooperation teams")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core import schedule
        from simpul.organizations.links import register_organization_link

        from .models import (
            Competency,
            MemberCompetency,
            SelectionCriterion,
            Team,
            TeamMember,
            Training,
        )

        can_view = "simpul.teams.access.team_object_can_view_history"
        registry.register(Team, can_view=can_view)
        registry.register(TeamMember, can_view=can_view)
        registry.register(MemberCompetency, can_view=can_view)
        registry.register(Training, can_view=can_view)
        registry.register(Competency, can_view=can_view)
        registry.register(SelectionCriterion, can_view=can_view)
        register_agreement_tab(
            "teams:agreement-teams", _("Working teams"), order=77, group="participation"
        )
        register_organization_link("teams:organization-teams", _("Cooperation teams"))
        schedule.daily("simpul.teams.tasks.daily_team_reminders", at=time(6, 30), per_zone=True)

        from . import notification_kinds

        notification_kinds.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "simpul.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from simpul.audit import registry

        from .middleware import mark_session_renewed

        user_logged_in.connect(mark_session_renewed, dispatch_uid="simpul-session-renewed")

        from .models import User

        registry.register(
            User,
            exclude={"password", "last_login"},
            can_view="simpul.accounts.access.user_can_view_history",
        )

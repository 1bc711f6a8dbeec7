"""A second factor for those who hold power: coordinators and staff must set
up an authenticator app (allauth's TOTP) before they go on; members may.

The requirement is a required step (``tandem.accounts.steps``): at their next
sign-in, and on every page until it is done, ``RequiredStepsMiddleware`` sends
a coordinator or staff member without one to allauth's activation page.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from tandem.accounts.models import User
from tandem.accounts.steps import Step
from tandem.http import safe_next


def must_use_second_factor(user: User) -> bool:
    """Whether this person holds power: staff, or a coordinator of a city."""
    return user.is_staff or user.coordinator_roles.exists()


def needs_second_factor(user: User) -> bool:
    """Whether this person holds power (staff, or a coordinator of a city) and
    has no authenticator app yet. One query."""
    return (
        User.objects.filter(pk=user.pk)
        .filter(Q(is_staff=True) | Q(coordinator_roles__isnull=False))
        .exclude(authenticator__type=Authenticator.Type.TOTP)
        .exists()
    )


SECOND_FACTOR_STEP = Step(
    key="accounts.second_factor",
    needed=needs_second_factor,
    url_name="mfa_activate_totp",
    also_allowed=(
        # Setting up asks for the password again when the last one is old.
        "account_reauthenticate",
        "mfa_reauthenticate",
        # The recovery codes shown once the app is set up.
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        # allauth lets only people with verified e-mail addresses add a factor.
        "account_email",
        "account_email_verification_sent",
        "account_confirm_email",
    ),
)


class ActivateTOTPView(totp_views.ActivateTOTPView):  # type: ignore[misc]  # allauth has no type hints
    """allauth's activation, which then shows the recovery codes with the way
    back to the page the person was going to."""

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context: dict[str, object] = super().get_context_data(**kwargs)
        context["second_factor_required"] = needs_second_factor(self.request.user)
        return context

    def get_success_url(self) -> str:
        url = str(super().get_success_url())
        if going := safe_next(self.request):
            return f"{url}?{urlencode({'next': going})}"
        return url


class ViewRecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):  # type: ignore[misc]  # allauth has no type hints
    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context: dict[str, object] = super().get_context_data(**kwargs)
        context["continue_url"] = safe_next(self.request) or reverse("dashboard")
        return context


activate_totp = ActivateTOTPView.as_view()
view_recovery_codes = ViewRecoveryCodesView.as_view()

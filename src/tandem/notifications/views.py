from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.http import handle_form, posted, safe_next
from tandem.notifications import kinds, selectors, services
from tandem.notifications.forms import PreferencesForm
from tandem.notifications.links import localised_path, read_unsubscribe_token


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications = selectors.notifications_of(viewer=request.user)
    page = Paginator(notifications, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    language = get_language()
    items = [
        {
            "notification": n,
            "text": n.text,
            "link": localised_path(n.url, language),
        }
        for n in page
    ]
    return render(
        request, "notifications/notification_list.html", {"page": page, "items": items}
    )


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(
        selectors.notifications_of(viewer=request.user), pk=pk
    )
    services.mark_read(notification=notification, by=request.user)
    return HttpResponseRedirect(safe_next(request, reverse("notifications:list")))


@login_required
@require_POST
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_all_read(by=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.channels_for(user=request.user)
    form = PreferencesForm(posted(request), initial_channels=current)
    return handle_form(
        request,
        form,
        save=lambda: services.set_preferences(by=request.user, channels=form.channels),
        url=reverse("notifications:settings"),
        success=_("Your notification settings are saved."),
        template="notifications/preferences.html",
        context={"groups": [(kind, form[kind.key]) for kind in kinds.registered()]},
    )


# Mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token;
# the signed token is the authorisation, and the worst a forged POST can do is
# switch off one kind of e-mail for the token's owner.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation; POST (also one-click from mail clients)
    unsubscribes.  Works without logging in: the signed token names the user."""
    try:
        user, kind = read_unsubscribe_token(token)
    except ValidationError:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        done = True
    context = {
        "kind": kinds.get(kind),
        "email": user.email,
        "done": done,
        "settings_url": reverse("notifications:settings"),
    }
    return render(request, "notifications/unsubscribe.html", context)

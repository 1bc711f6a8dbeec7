"""Contact pages: requests, conversations, contact card, coordinators' reports.

A request or conversation outside the viewer's organisations is a 404, so its
existence stays hidden; a forbidden action on a visible one is a 403.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.collaboration import permissions, selectors, services
from tandem.collaboration.forms import (
    AnswerForm,
    ContactCardForm,
    ContactRequestForm,
    MessageForm,
    ReportForm,
)
from tandem.collaboration.models import ContactRequest, Conversation, Message
from tandem.directory.selectors import visible_opportunities, visible_organisations
from tandem.errors import PermissionDenied
from tandem.forms import add_service_error
from tandem.http import act, done


def _form_page(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    form = context["form"]
    status = 422 if form.is_bound and form.errors else 200
    if request.htmx:
        template += "#form"
    return render(request, template, context, status=status)


def _page(request: AuthenticatedHttpRequest, items: Any, *, last: bool = False) -> Any:
    paginator = Paginator(items, settings.TANDEM_PAGE_SIZE)
    number = request.GET.get("page") or (paginator.num_pages if last else 1)
    return paginator.get_page(number)


def _contact_request(request: AuthenticatedHttpRequest, pk: int) -> ContactRequest:
    return get_object_or_404(
        selectors.visible_contact_requests(viewer=request.user), pk=pk
    )


def _conversation(request: AuthenticatedHttpRequest, pk: int) -> Conversation:
    return get_object_or_404(
        selectors.visible_conversations(viewer=request.user), pk=pk
    )


# --- Requests ------------------------------------------------------------------


@login_required
def request_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A contact request to an organisation; with ``?opportunity=ID`` an
    expression of interest; ``?sender=SLUG`` preselects the sending organisation."""
    recipient = get_object_or_404(visible_organisations(viewer=request.user), slug=slug)
    opportunity = None
    if opportunity_id := request.GET.get("opportunity", ""):
        if not opportunity_id.isdigit():
            raise Http404
        opportunity = get_object_or_404(
            visible_opportunities(viewer=request.user).filter(organisation=recipient),
            pk=opportunity_id,
        )
    initial = {}
    if sender_slug := request.GET.get("sender", ""):
        initial["sender"] = (
            selectors.acting_organisations(viewer=request.user)
            .filter(slug=sender_slug)
            .values_list("pk", flat=True)
            .first()
        )
    form = ContactRequestForm(
        request.POST or None, user=request.user, recipient=recipient, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.request_contact(
                by=request.user,
                recipient=recipient,
                opportunity=opportunity,
                **form.cleaned_data,
            )
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your contact request is sent."))
            return done(request, contact.get_absolute_url())
    context = {"form": form, "recipient": recipient, "opportunity": opportunity}
    return _form_page(request, "collaboration/request_form.html", context)


@login_required
def request_list(request: AuthenticatedHttpRequest, box: str) -> HttpResponse:
    if box == "received":
        items = selectors.received_contact_requests(viewer=request.user)
    else:
        items = selectors.sent_contact_requests(viewer=request.user)
    context = {"page": _page(request, items), "box": box}
    return render(request, "collaboration/request_list.html", context)


@login_required
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    return _render_detail(request, contact, AnswerForm())


def _render_detail(
    request: AuthenticatedHttpRequest,
    contact: ContactRequest,
    form: AnswerForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "contact": contact,
        "actions": selectors.request_actions(
            viewer=request.user, contact_request=contact
        ),
        "form": form,
        "conversation": getattr(contact, "conversation", None),
        "contacts": selectors.revealed_contacts_for_request(
            viewer=request.user, contact_request=contact
        ),
    }
    return render(request, "collaboration/request_detail.html", context, status=status)


@login_required
@require_POST
def request_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            contact = services.answer_request(
                contact_request=contact,
                by=request.user,
                accept=accept,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            if accept:
                messages.success(
                    request, _("You accepted the request. Your conversation is open.")
                )
                return done(request, contact.conversation.get_absolute_url())
            messages.success(request, _("You declined the request."))
            return done(request, contact.get_absolute_url())
    contact.refresh_from_db()
    return _render_detail(request, contact, form, status=422)


@login_required
@require_POST
def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    try:
        services.withdraw_request(contact_request=contact, by=request.user)
    except ValidationError as exc:  # Django's base class
        form = AnswerForm()
        form.add_error(None, exc)
        contact.refresh_from_db()
        return _render_detail(request, contact, form, status=422)
    messages.success(request, _("You withdrew the request."))
    return done(request, contact.get_absolute_url())


# --- Conversations -------------------------------------------------------------


@login_required
def conversation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = selectors.conversations_for(viewer=request.user)
    return render(
        request,
        "collaboration/conversation_list.html",
        {"page": _page(request, items)},
    )


def _render_conversation(
    request: AuthenticatedHttpRequest,
    conversation: Conversation,
    form: MessageForm,
    status: int = 200,
) -> HttpResponse:
    side = permissions.side_of(request.user, conversation)
    other = (
        conversation.organisation_b
        if side is not None and side.pk == conversation.organisation_a_id
        else conversation.organisation_a
    )
    context = {
        "conversation": conversation,
        "contact": conversation.contact_request,
        "side": side,
        "other": other,
        "page": _page(
            request,
            selectors.conversation_messages(conversation=conversation),
            last=True,
        ),
        "form": form,
        "actions": selectors.conversation_actions(
            viewer=request.user, conversation=conversation, side=side
        ),
        "contacts": selectors.revealed_contacts(
            viewer=request.user, conversation=conversation
        ),
    }
    template = "collaboration/conversation_detail.html"
    if request.htmx and status != 200:
        template += "#form"
    return render(request, template, context, status=status)


@login_required
def conversation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _conversation(request, pk)
    response = _render_conversation(request, conversation, MessageForm())
    # After rendering, so this view still shows what was new.
    services.mark_conversation_read(conversation=conversation, by=request.user)
    return response


@login_required
@require_POST
def message_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _conversation(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_message(
                conversation=conversation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            return done(request, conversation.get_absolute_url() + "#latest")
    return _render_conversation(request, conversation, form, status=422)


@login_required
@require_POST
def conversation_block(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _conversation(request, pk)
    side = permissions.side_of(request.user, conversation)
    if side is None:
        raise PermissionDenied
    other: Any = conversation.other_organisation(side.pk)
    action = request.POST.get("action")
    try:
        if action == "block":
            services.block_organisation(blocker=side, blocked=other, by=request.user)
            messages.success(
                request,
                _("%(org)s is blocked: no requests or messages go through.")
                % {"org": other.name},
            )
        elif action == "unblock":
            services.unblock_organisation(blocker=side, blocked=other, by=request.user)
            messages.success(request, _("%(org)s is unblocked.") % {"org": other.name})
        else:
            return HttpResponse(status=400)
    except ValidationError as exc:  # Django's base class
        form = MessageForm()
        form.add_error(None, exc)
        return _render_conversation(request, conversation, form, status=422)
    return done(request, conversation.get_absolute_url())


@login_required
def message_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(
        Message.objects.select_related(
            "conversation__organisation_a",
            "conversation__organisation_b",
            "sender",
            "author",
        ).filter(conversation__in=selectors.visible_conversations(viewer=request.user)),
        pk=pk,
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_message(
                message=message, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. The coordinators of your city will look at the message."),
            )
            return done(request, message.conversation.get_absolute_url())
    context = {"form": form, "message": message, "conversation": message.conversation}
    return _form_page(request, "collaboration/message_report.html", context)


# --- Contact card and reports --------------------------------------------------


@login_required
def contact_card(request: AuthenticatedHttpRequest) -> HttpResponse:
    card = selectors.contact_card_of(viewer=request.user)
    form = ContactCardForm(request.POST or None, instance=card)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact_card(by=request.user, **form.cleaned_data)
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your contact card is saved."))
            return done(request, reverse("collaboration:contact_card"))
    return _form_page(request, "collaboration/contact_card.html", {"form": form})


@login_required
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_review_reports(request.user):
        raise PermissionDenied
    items = selectors.reports_for_coordinator(viewer=request.user)
    return render(
        request, "collaboration/report_list.html", {"page": _page(request, items)}
    )


@login_required
@require_POST
def report_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        selectors.reports_for_coordinator(viewer=request.user), pk=pk
    )
    return act(
        request,
        reverse("collaboration:report_list"),
        lambda: services.resolve_report(report=report, by=request.user),
        _("The report is marked as resolved."),
    )

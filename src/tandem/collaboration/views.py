"""Contact pages: requests, conversations, contact card, coordinators' reports.

A request or conversation outside the viewer's organisations is a 404, so its
existence stays hidden; a forbidden action on a visible one is a 403.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
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
from tandem.http import act, handle_form, posted


def _page(
    request: AuthenticatedHttpRequest, items: QuerySet[Any], *, last: bool = False
) -> Page[Any]:
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
        posted(request), user=request.user, recipient=recipient, initial=initial
    )
    return handle_form(
        request,
        form,
        save=lambda: services.request_contact(
            by=request.user,
            recipient=recipient,
            opportunity=opportunity,
            **form.cleaned_data,
        ),
        url=lambda contact: contact.get_absolute_url(),
        success=_("Your contact request is sent."),
        template="collaboration/request_form.html",
        context={"recipient": recipient, "opportunity": opportunity},
    )


@login_required
def request_list(request: AuthenticatedHttpRequest, box: str) -> HttpResponse:
    if box == "received":
        items = selectors.received_contact_requests(viewer=request.user)
    else:
        items = selectors.sent_contact_requests(viewer=request.user)
    context = {"page": _page(request, items), "box": box}
    return render(request, "collaboration/request_list.html", context)


def _detail_context(
    request: AuthenticatedHttpRequest, contact: ContactRequest
) -> dict[str, Any]:
    return {
        "contact": contact,
        "actions": selectors.request_actions(
            viewer=request.user, contact_request=contact
        ),
        "conversation": getattr(contact, "conversation", None),
        "contacts": selectors.revealed_contacts_for_request(
            viewer=request.user, contact_request=contact
        ),
    }


@login_required
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    context = _detail_context(request, contact) | {"form": AnswerForm()}
    return render(request, "collaboration/request_detail.html", context)


@login_required
@require_POST
def request_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    form = AnswerForm(request.POST)
    context = _detail_context(request, contact)

    def answer() -> ContactRequest:
        try:
            return services.answer_request(
                contact_request=contact,
                by=request.user,
                accept=form.accepts,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError:
            # The page comes again with the request as it is now: someone
            # may have answered it meanwhile (handle_form renders after this).
            contact.refresh_from_db()
            context.update(_detail_context(request, contact))
            raise

    return handle_form(
        request,
        form,
        save=answer,
        url=lambda answered: (
            answered.conversation.get_absolute_url()
            if form.accepts
            else answered.get_absolute_url()
        ),
        success=lambda _answered: (
            _("You accepted the request. Your conversation is open.")
            if form.accepts
            else _("You declined the request.")
        ),
        template="collaboration/request_detail.html",
        context=context,
    )


@login_required
@require_POST
def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact_request(request, pk)
    return act(
        request,
        contact.get_absolute_url(),
        lambda: services.withdraw_request(contact_request=contact, by=request.user),
        _("You withdrew the request."),
    )


# --- Conversations -------------------------------------------------------------


@login_required
def conversation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = selectors.conversations_for(viewer=request.user)
    return render(
        request,
        "collaboration/conversation_list.html",
        {"page": _page(request, items)},
    )


def _conversation_context(
    request: AuthenticatedHttpRequest, conversation: Conversation
) -> dict[str, Any]:
    side = permissions.side_of(request.user, conversation)
    other = (
        conversation.organisation_b
        if side is not None and side.pk == conversation.organisation_a_id
        else conversation.organisation_a
    )
    return {
        "conversation": conversation,
        "contact": conversation.contact_request,
        "side": side,
        "other": other,
        "page": _page(
            request,
            selectors.conversation_messages(conversation=conversation),
            last=True,
        ),
        "actions": selectors.conversation_actions(
            viewer=request.user, conversation=conversation, side=side
        ),
        "contacts": selectors.revealed_contacts(
            viewer=request.user, conversation=conversation
        ),
    }


@login_required
def conversation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _conversation(request, pk)
    context = _conversation_context(request, conversation) | {"form": MessageForm()}
    response = render(request, "collaboration/conversation_detail.html", context)
    # After rendering, so this view still shows what was new.
    services.mark_conversation_read(conversation=conversation, by=request.user)
    return response


@login_required
@require_POST
def message_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _conversation(request, pk)
    form = MessageForm(request.POST)
    return handle_form(
        request,
        form,
        save=lambda: services.post_message(
            conversation=conversation, by=request.user, **form.cleaned_data
        ),
        url=conversation.get_absolute_url() + "#latest",
        success=None,
        template="collaboration/conversation_detail.html",
        context=lambda: _conversation_context(request, conversation),
    )


@login_required
@require_POST
def conversation_block(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Block (``action=block``) or unblock the other organisation."""
    conversation = _conversation(request, pk)
    side = permissions.side_of(request.user, conversation)
    if side is None:
        raise PermissionDenied
    other = conversation.other_organisation(side.pk)
    url = conversation.get_absolute_url()
    match request.POST.get("action"):
        case "block":
            return act(
                request,
                url,
                lambda: services.block_organisation(
                    blocker=side, blocked=other, by=request.user
                ),
                _("%(org)s is blocked: no requests or messages go through.")
                % {"org": other.name},
            )
        case "unblock":
            return act(
                request,
                url,
                lambda: services.unblock_organisation(
                    blocker=side, blocked=other, by=request.user
                ),
                _("%(org)s is unblocked.") % {"org": other.name},
            )
    return HttpResponse(status=400)


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
    form = ReportForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: services.report_message(
            message=message, by=request.user, **form.cleaned_data
        ),
        url=message.conversation.get_absolute_url(),
        success=_("Thank you. The coordinators of your city will look at the message."),
        template="collaboration/message_report.html",
        context={"message": message, "conversation": message.conversation},
    )


# --- Contact card and reports --------------------------------------------------


@login_required
def contact_card(request: AuthenticatedHttpRequest) -> HttpResponse:
    card = selectors.contact_card_of(viewer=request.user)
    form = ContactCardForm(posted(request), instance=card)
    return handle_form(
        request,
        form,
        save=lambda: services.update_contact_card(by=request.user, **form.cleaned_data),
        url=reverse("collaboration:contact_card"),
        success=_("Your contact card is saved."),
        template="collaboration/contact_card.html",
    )


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

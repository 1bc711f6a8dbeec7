"""The audit trail's page and its spreadsheet: coordinators read their
cities' entries, staff every entry."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.audit.forms import AuditFilterForm
from tandem.audit.models import AuditEntry
from tandem.audit.permissions import can_read_audit_trail
from tandem.audit.selectors import audit_entries, audit_target_types, describe
from tandem.errors import PermissionDenied
from tandem.http import partial_template
from tandem.spreadsheets import writer


def _filtered(
    request: AuthenticatedHttpRequest,
) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    """The filter form and the entries it selects; PermissionDenied for
    anybody but coordinators and staff."""
    if not can_read_audit_trail(request.user):
        raise PermissionDenied
    form = AuditFilterForm(
        request.GET, target_types=audit_target_types(viewer=request.user)
    )
    return form, audit_entries(viewer=request.user, filters=form.filters())


@login_required
def audit_trail(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "rows": describe(page.object_list, viewer=request.user),
    }
    template = partial_template(request, "audit/audit_trail.html", "results")
    return render(request, template, context)


@login_required
def audit_trail_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered entries as a spreadsheet, in the reader's language and
    time zone."""
    _form, entries = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8
    out = writer(response)
    out.writerow(
        [
            _("When"),
            _("Who"),
            _("What"),
            _("Kind of object"),
            _("Object"),
            _("City"),
            _("Before → after"),
            _("Reason"),
        ]
    )
    for row in describe(entries.iterator(), viewer=request.user, with_links=False):
        entry = row.entry
        out.writerow(
            [
                date_format(timezone.localtime(entry.at), "SHORT_DATETIME_FORMAT"),
                row.actor,
                row.action,
                row.kind,
                entry.target_label,
                ", ".join(
                    str(city.name) for city in (entry.city, entry.also_city) if city
                ),
                row.changes_text,
                entry.reason,
            ]
        )
    return response

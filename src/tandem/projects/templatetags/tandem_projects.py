"""Display helpers of the project pages: money and numbers per language, history."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tandem.i18n import current_language
from tandem.projects.models import Indicator, Project, ProjectChange
from tandem.projects.selectors import invitations_for, projects_of_viewer

register = template.Library()

DASHBOARD_LIMIT = 10
NBSP = "\u00a0"


def _number(value: Decimal | int | float) -> str:
    """Grouped per the reader's language; decimals only when there are any."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(
        value, decimal_pos=places, use_l10n=True, force_grouping=True
    )


@register.filter
def number(value: Any) -> str:
    if value is None or value == "":
        return ""
    return _number(value)


@register.filter
def money(amount: Any, currency: str) -> str:
    """1.250.000 € (de), 1.250.000 EUR / 50.000 lei (ro), €1,250,000 (en)."""
    if amount is None:
        return ""
    text = _number(amount)
    language = current_language()
    if language == "en":
        symbol = {"EUR": "€"}.get(currency, currency + NBSP)
        return f"{symbol}{text}"
    symbols = {"de": {"EUR": "€"}, "ro": {"RON": "lei"}}.get(language, {})
    return f"{text}{NBSP}{symbols.get(currency, currency)}"


@register.simple_tag
def project_title(project: Project) -> tuple[str, str]:
    """(text, language) of the title for the reader."""
    return project.title_for_reader()


@register.simple_tag
def project_summary(project: Project) -> tuple[str, str]:
    return project.summary_for_reader()


def _status_label(value: Any) -> str:
    try:
        return str(Project.Status(value).label)
    except ValueError:
        return str(value)


FIELD_LABELS = {
    "title": Project._meta.get_field("title").verbose_name,
    "summary": Project._meta.get_field("summary").verbose_name,
    "start_on": Project._meta.get_field("start_on").verbose_name,
    "end_on": Project._meta.get_field("end_on").verbose_name,
    "funding_source": Project._meta.get_field("funding_source").verbose_name,
    "funding_amount": Project._meta.get_field("funding_amount").verbose_name,
    "currency": Project._meta.get_field("currency").verbose_name,
    "visibility": Project._meta.get_field("visibility").verbose_name,
    "language": Project._meta.get_field("language").verbose_name,
    "areas": Project._meta.get_field("areas").verbose_name,
    "title_translations": Project._meta.get_field("title_translations").verbose_name,
    "summary_translations": Project._meta.get_field(
        "summary_translations"
    ).verbose_name,
}


@register.simple_tag
def change_text(change: ProjectChange) -> str:
    """One sentence for a history entry, in the reader's language."""
    before, after = change.before or {}, change.after or {}
    what = change.what
    if what == "created":
        return _("Created the project.")
    if what == "updated":
        fields = ", ".join(str(FIELD_LABELS.get(f, f)) for f in after)
        return _("Changed: %(fields)s.") % {"fields": fields}
    if what == "status_changed":
        return _("Status changed from “%(old)s” to “%(new)s”.") % {
            "old": _status_label(before.get("status")),
            "new": _status_label(after.get("status")),
        }
    organisation = after.get("organisation", "")
    if what == "partner_invited":
        return _("Invited %(organisation)s.") % {"organisation": organisation}
    if what == "invitation_accepted":
        return _("%(organisation)s accepted the invitation.") % {
            "organisation": organisation
        }
    if what == "invitation_declined":
        return _("%(organisation)s declined the invitation.") % {
            "organisation": organisation
        }
    if what == "invitation_withdrawn":
        return _("Withdrew the invitation to %(organisation)s.") % {
            "organisation": organisation
        }
    if what == "partner_left":
        return _("%(organisation)s left the project.") % {"organisation": organisation}
    if what == "milestone_added":
        return _("Added the milestone “%(title)s”.") % {"title": after.get("title", "")}
    if what == "milestone_deleted":
        return _("Removed the milestone “%(title)s”.") % {
            "title": before.get("title", "")
        }
    if what == "milestone_updated":
        if after.get("done_on") and "done_on" in before and not before["done_on"]:
            return _("Marked the milestone “%(title)s” as done.") % {
                "title": after.get("title", "")
            }
        return _("Changed the milestone “%(title)s”.") % {
            "title": after.get("title", "")
        }
    if what in {"outcome_added", "outcome_updated", "outcome_deleted"}:
        # A deleted outcome has only the values before.
        values = before if what == "outcome_deleted" else after
        try:
            indicator = str(Indicator(str(values.get("indicator"))).label)
        except ValueError:
            indicator = str(values.get("indicator", ""))
        if what == "outcome_added":
            return _("Added the outcome “%(indicator)s”.") % {"indicator": indicator}
        if what == "outcome_deleted":
            return _("Removed the outcome “%(indicator)s”.") % {"indicator": indicator}
        return _("Changed the outcome “%(indicator)s”.") % {"indicator": indicator}
    return pgettext("project history", "Changed.")


@register.inclusion_tag("projects/dashboard_panel_content.html", takes_context=True)
def projects_panel(context: dict[str, Any]) -> dict[str, Any]:
    """The projects panel of the dashboard: the viewer's projects and invitations."""
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "projects": list(projects_of_viewer(viewer=user)[:DASHBOARD_LIMIT]),
        "invitations": list(invitations_for(viewer=user)[:DASHBOARD_LIMIT]),
        "user": user,
    }

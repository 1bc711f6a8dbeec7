"""Forms of the contact pages; field names are the services' keyword names."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Viewer
from tandem.collaboration.models import ContactCard
from tandem.collaboration.selectors import acting_organisations
from tandem.directory.forms import OrganisationChoiceField
from tandem.directory.models import Organisation


class ContactRequestForm(forms.Form):
    sender = OrganisationChoiceField(
        label=_("Send on behalf of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    message = forms.CharField(
        label=_("Your message"),
        help_text=_(
            "Say who you are and what you propose. Write in the language you "
            "prefer; the other side sees in which language you wrote."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(
        self, *args: Any, user: Viewer, recipient: Organisation, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sender"]
        assert isinstance(field, forms.ModelChoiceField)
        # Only organisations of other cities can write to the recipient.
        field.queryset = acting_organisations(viewer=user).exclude(
            city_id=recipient.city_id
        )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(
        label=_("Reason for declining (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def accepts(self) -> bool:
        return bool(self.cleaned_data["decision"] == "accept")


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        help_text=_("The coordinators of your city read your report."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ContactCardForm(forms.ModelForm[ContactCard]):
    class Meta:
        model = ContactCard
        fields = ["phone", "share_email", "share_phone"]
        help_texts = {
            "phone": _("For example +49 231 1234567."),
        }

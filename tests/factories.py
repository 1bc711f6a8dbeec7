"""Plain factory_boy factories for Tandem's models."""

import datetime
import time
from decimal import Decimal

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.collaboration.models import ContactRequest, Conversation, Message
from tandem.directory.models import Opportunity, Organisation
from tandem.notifications.models import Notification
from tandem.partnerships.models import Area, City, Partnership
from tandem.projects.models import Milestone, Outcome, Project, ProjectPartner


def give_second_factor(user: User) -> None:
    """An authenticator app (TOTP) for ``user``, unless they have one;
    ``totp_code`` gives its codes."""
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, generate_totp_secret())


def totp_code(user: User, *, periods_ahead: int = 0) -> str:
    """The code ``user``'s authenticator app shows now (or that many periods
    later: a code is taken only once)."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return code_for_secret(
        decrypt(authenticator.data["secret"]), periods_ahead=periods_ahead
    )


def code_for_secret(secret: str, *, periods_ahead: int = 0) -> str:
    counter = int(time.time()) // 30 + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        # Staff have an authenticator app, as Tandem requires; pass
        # second_factor=False for one who has not set it up yet.
        if create and obj.is_staff and extracted is not False:
            give_second_factor(obj)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_translations = factory.LazyAttribute(
        lambda o: dict.fromkeys(("de", "ro", "en"), o.slug.title())
    )
    country = "DE"
    languages = factory.LazyFunction(lambda: ["de"])
    time_zone = "Europe/Berlin"


def dortmund() -> City:
    return CityFactory(
        slug="dortmund",
        name_translations={"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
        country="DE",
        languages=["de"],
        time_zone="Europe/Berlin",
    )


def cluj() -> City:
    return CityFactory(
        slug="cluj-napoca",
        name_translations={
            "de": "Klausenburg",
            "ro": "Cluj-Napoca",
            "en": "Cluj-Napoca",
        },
        country="RO",
        languages=["ro"],
        time_zone="Europe/Bucharest",
    )


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    city_a = factory.LazyFunction(dortmund)
    city_b = factory.LazyFunction(cluj)
    kind = Partnership.Kind.PROJECT
    signed_on = factory.Faker("date_object")
    signing_method = Partnership.SigningMethod.VIDEO_CONFERENCE
    agreement_summary_translations = factory.LazyFunction(
        lambda: {
            "en": "Partnerships between the two ecosystems.",
            "de": "Partnerschaften zwischen beiden Ökosystemen.",
            "ro": "Parteneriate între cele două ecosisteme.",
        }
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "startup"
    city = factory.LazyFunction(dortmund)
    description = "Wir entwickeln Sensoren für die Landwirtschaft."
    language = "de"
    verification = Organisation.Verification.VERIFIED
    visibility = Organisation.Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OWNER
    state = Membership.State.ACTIVE


class CoordinatorRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorRole
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    city = factory.LazyFunction(dortmund)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        # Coordinators have an authenticator app, as Tandem requires; pass
        # second_factor=False for one who has not set it up yet.
        if create and extracted is not False:
            give_second_factor(obj.user)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "technology_offer"
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = "Sensoren für Bodenfeuchte."
    description = "Wir bieten Sensoren für Bodenfeuchte und suchen Pilotbetriebe."
    language = "de"
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=365)
    )


# --- events ---
# Rows as the events services leave them, without their checks or
# notifications: for tests that need many rows quickly (query counts).


class EventFactory(factory.django.DjangoModelFactory):
    """A published, self-booking event in Dortmund, registration open."""

    class Meta:
        model = "events.Event"

    # Dortmund and Cluj-Napoca have one partnership.
    partnership = factory.LazyFunction(
        lambda: (
            Partnership.objects.filter(city_a__slug="dortmund").first()
            or PartnershipFactory()
        )
    )
    city = factory.LazyAttribute(lambda o: o.partnership.city_a)
    title = factory.Sequence(lambda n: f"Matchmaking day {n}")
    language = "en"
    time_zone = "Europe/Berlin"
    starts_on = datetime.date(2030, 5, 14)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    status = "published"


class SessionFactory(factory.django.DjangoModelFactory):
    """A session of ``slot_count`` 20-minute slots from 10:00 UTC, with its slots."""

    class Meta:
        model = "events.Session"
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = "Morning"
    date = factory.LazyAttribute(lambda o: o.event.starts_on)
    start_time = datetime.time(10)
    slot_minutes = 20
    break_minutes = 0
    slot_count = 3
    tables = 10

    @factory.post_generation
    def slots(obj, create, extracted, **kwargs):
        from tandem.events.models import Slot  # the block stays self-contained

        start = datetime.datetime.combine(obj.date, obj.start_time, tzinfo=datetime.UTC)
        step = datetime.timedelta(minutes=obj.slot_minutes + obj.break_minutes)
        Slot.objects.bulk_create(
            Slot(
                session=obj,
                starts_at=start + i * step,
                ends_at=start + i * step + datetime.timedelta(minutes=obj.slot_minutes),
            )
            for i in range(obj.slot_count)
        )


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An approved participant, an active member of their organisation."""

    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, city=factory.SelfAttribute("..event.partnership.city_b")
    )
    user = factory.LazyAttribute(
        lambda o: MembershipFactory(organisation=o.organisation, role="viewer").user
    )
    offer = "Sensors for soil moisture."
    languages = factory.LazyFunction(lambda: ["en"])
    state = "approved"


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """An accepted request between two participants of one event."""

    class Meta:
        model = "events.MeetingRequest"

    requester = factory.SubFactory(RegistrationFactory)
    invitee = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..requester.event")
    )
    event = factory.SelfAttribute("requester.event")
    state = "accepted"
    answered_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A scheduled meeting at a table of the first slot of a new session."""

    class Meta:
        model = "events.Meeting"

    request = factory.SubFactory(MeetingRequestFactory)
    event = factory.SelfAttribute("request.event")
    slot = factory.LazyAttribute(
        lambda o: SessionFactory(event=o.event).slots.order_by("starts_at").first()
    )
    table = factory.Sequence(lambda n: n % 10 + 1)
    state = "scheduled"


class AllowedOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.AllowedOrganiser"

    organisation = factory.SubFactory(OrganisationFactory)


# --- matching ---


class SuggestionFeedbackFactory(factory.django.DjangoModelFactory):
    """A Dortmund organisation's word on a Cluj-Napoca organisation."""

    class Meta:
        model = "matching.SuggestionFeedback"

    organisation = factory.SubFactory(OrganisationFactory)
    target_organisation = factory.SubFactory(
        OrganisationFactory, city=factory.LazyFunction(cluj)
    )
    value = "interested"


# --- collaboration ---


class ContactRequestFactory(factory.django.DjangoModelFactory):
    """A pending request from a Dortmund organisation to one in Cluj-Napoca."""

    class Meta:
        model = ContactRequest

    sender = factory.SubFactory(OrganisationFactory)
    recipient = factory.SubFactory(
        OrganisationFactory, city=factory.LazyFunction(cluj), language="ro"
    )
    message = "Wir suchen Pilotbetriebe."
    language = "de"
    created_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=30)
    )


class ConversationFactory(factory.django.DjangoModelFactory):
    """The conversation of an accepted request."""

    class Meta:
        model = Conversation

    contact_request = factory.SubFactory(
        ContactRequestFactory,
        state=ContactRequest.State.ACCEPTED,
        answered_at=factory.LazyFunction(timezone.now),
    )
    organisation_a = factory.SelfAttribute("contact_request.sender")
    organisation_b = factory.SelfAttribute("contact_request.recipient")


class MessageFactory(factory.django.DjangoModelFactory):
    """A message of the conversation's first organisation."""

    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    sender = factory.SelfAttribute("conversation.organisation_a")
    author = factory.SubFactory(UserFactory)
    body = "Guten Tag."
    language = "de"


# --- projects ---


def _partnership() -> Partnership:
    """The oldest partnership, or a new one between Dortmund and Cluj-Napoca."""
    return Partnership.objects.order_by("pk").first() or PartnershipFactory()


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    """An active partner; its name and city are the organisation's."""

    class Meta:
        model = ProjectPartner

    project = factory.SubFactory("tests.factories.ProjectFactory")
    organisation = factory.SubFactory(
        OrganisationFactory, city=factory.LazyFunction(cluj)
    )
    organisation_name = factory.SelfAttribute("organisation.name")
    organisation_city = factory.SelfAttribute("organisation.city")
    role = ProjectPartner.Role.PARTNER
    state = ProjectPartner.State.ACTIVE


class ProjectFactory(factory.django.DjangoModelFactory):
    """A public idea with an active lead from Dortmund (``lead__organisation``)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    partnership = factory.LazyFunction(_partnership)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Pilots of soil moisture sensors."
    language = "en"
    lead = factory.RelatedFactory(
        ProjectPartnerFactory,
        "project",
        role=ProjectPartner.Role.LEAD,
        organisation__city=factory.LazyFunction(dortmund),
    )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = datetime.date(2026, 9, 1)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    project = factory.SubFactory(ProjectFactory)
    indicator = "events_held"
    number = Decimal("2")


# --- notifications ---


class NotificationFactory(factory.django.DjangoModelFactory):
    """A contact request received, shown on Tandem only."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "contact_request_received"
    params = factory.LazyFunction(
        lambda: {"sender": "Agro Cluj", "recipient": "Sensorik GmbH", "opportunity": ""}
    )
    url = "/en/contacts/requests/1/"


# --- directory ---


class AreaFactory(factory.django.DjangoModelFactory):
    """An area of cooperation beside those the migrations seed."""

    class Meta:
        model = Area

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_translations = factory.LazyAttribute(
        lambda o: dict.fromkeys(("de", "ro", "en"), o.slug.title())
    )

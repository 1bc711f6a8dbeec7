import pytest

from tandem.audit import actions
from tandem.audit.models import AppendOnly, AuditEntry
from tandem.audit.services import record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _action():
    actions.register(actions.Action("tests.poked", "poked"))


def test_an_entry_names_who_did_what_to_which_object():
    staff = UserFactory(first_name="Ana", last_name="Pop")
    target = UserFactory(first_name="Jan", last_name="Berg")
    entry = record(
        action="tests.poked", actor=staff, target=target, changes={"x": (1, 2)}
    )
    entry.refresh_from_db()
    assert entry.actor == staff
    assert entry.target_type == "accounts.user"
    assert entry.target_id == str(target.pk)
    assert entry.target_label == "Jan Berg"
    assert entry.changes == {"x": [1, 2]}
    assert not entry.by_system


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        record(action="tests.unknown", actor=None, target=UserFactory())


def test_an_entry_can_be_neither_changed_nor_deleted():
    entry = record(action="tests.poked", actor=None, target=UserFactory())
    assert entry.by_system
    entry.reason = "edited"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(reason="edited")
    assert AuditEntry.objects.get().reason == ""


def test_an_entry_outlives_its_actor():
    actor = UserFactory()
    entry = record(action="tests.poked", actor=actor, target=UserFactory())
    actor.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert not entry.by_system

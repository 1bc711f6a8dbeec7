"""On PostgreSQL the database refuses to change or delete an entry, even
for a program that bypasses Tandem; deleting the person still works."""

import pytest
from django.db import DatabaseError, connection, transaction

from tandem.audit import actions
from tandem.audit.services import record
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
    ),
]


@pytest.fixture(autouse=True)
def _action():
    actions.register(actions.Action("tests.poked", "poked"))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET reason = 'edited'",
        "UPDATE audit_auditentry SET actor_id = NULL, reason = 'edited'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_entry(sql):
    entry = record(action="tests.poked", actor=UserFactory(), target=UserFactory())
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    entry.refresh_from_db()
    assert entry.reason == ""
    assert entry.actor is not None


def test_deleting_the_person_keeps_the_entry_as_a_former_members():
    actor = UserFactory()
    entry = record(action="tests.poked", actor=actor, target=UserFactory())
    actor.delete()
    entry.refresh_from_db()
    assert entry.actor is None

"""On PostgreSQL the database itself refuses to change or delete an audit
entry, whatever program connects to it.

The one change it allows is the one Django makes when a person or a city is
deleted: a reference set to NULL (the entry then reads "a former member").
TRUNCATE, which row triggers do not see, stays possible for whoever owns the
tables (a test run's flush). A migration that adds a column to the table adds
it to the trigger's list too.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Audit entries cannot be deleted.';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id
        OR NEW.at IS DISTINCT FROM OLD.at
        OR NEW.by_system IS DISTINCT FROM OLD.by_system
        OR NEW.action IS DISTINCT FROM OLD.action
        OR NEW.target_type IS DISTINCT FROM OLD.target_type
        OR NEW.target_id IS DISTINCT FROM OLD.target_id
        OR NEW.target_label IS DISTINCT FROM OLD.target_label
        OR NEW.changes IS DISTINCT FROM OLD.changes
        OR NEW.reason IS DISTINCT FROM OLD.reason
        OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL)
        OR (NEW.city_id IS DISTINCT FROM OLD.city_id AND NEW.city_id IS NOT NULL)
        OR (NEW.also_city_id IS DISTINCT FROM OLD.also_city_id
            AND NEW.also_city_id IS NOT NULL)
    THEN
        RAISE EXCEPTION 'Audit entries cannot be changed.';
    END IF;
    RETURN NEW;
END;
$$
"""
TRIGGER = """
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()
"""
CREATE = [FUNCTION, TRIGGER]
DROP = [
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    _run(schema_editor, CREATE)


def drop(apps, schema_editor):
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_entry_also_city")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

"""Tokens made before tokens expired get a year, and keep writing."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0002_initial")]
AFTER = [("accounts", "0003_api_token_expiry_scope")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_expire_a_year_after_the_migration_and_may_write():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    user = old_apps.get_model("accounts", "User").objects.create(
        email="ana@example.org", password="!"
    )
    old_apps.get_model("accounts", "ApiToken").objects.create(
        user=user, name="Sync", prefix="abcdefgh", key_hash="0" * 64
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    new_apps = executor.loader.project_state(AFTER).apps
    token = new_apps.get_model("accounts", "ApiToken").objects.get()
    days_left = (token.expires_at - timezone.now()) / datetime.timedelta(days=1)
    assert (token.scope, round(days_left), token.revoked_because) == (
        "read_write",
        365,
        "",
    )

"""Background work of matching: encoding profiles and keeping the indexes.

Tasks take ids and call a service, so a task run twice does no harm (an
unchanged text is not encoded again).  ``encode_changed_profile``
receives the directory's ``profile_changed`` signal and queues the task once
the transaction commits.
"""

from typing import Any, Literal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django_tasks import task

from tandem.matching import indexing, services


@task()
def encode_organisation(organisation_id: int) -> bool:
    return services.encode_organisation(organisation_id=organisation_id)


@task()
def encode_opportunity(opportunity_id: int) -> bool:
    return services.encode_opportunity(opportunity_id=opportunity_id)


@task()
def rebuild_index(encode: bool = True) -> int:
    """Encode what is missing (unless ``encode`` is False), then rebuild the indexes."""
    if encode:
        return services.encode_missing()
    return sum(services.rebuild_index().values())


def enqueue_encoding(kind: Literal["organisation", "opportunity"], pk: int) -> None:
    """Queue the encoding of a profile after the current transaction commits."""
    job = encode_organisation if kind == "organisation" else encode_opportunity
    transaction.on_commit(lambda: job.enqueue(pk))


def encode_changed_profile(sender: type[Model], *, pk: int, **kwargs: Any) -> None:
    """Receives the directory's ``profile_changed``: encode the new text."""
    enqueue_encoding(
        "organisation" if sender._meta.model_name == "organisation" else "opportunity",
        pk,
    )


def enqueue_encoding_once(
    kind: Literal["organisation", "opportunity"], pk: int
) -> None:
    """Queue the encoding asked for by a page view, at most every five minutes,
    so visits to a profile waiting for the worker do not fill the queue."""
    key = f"matching:enqueued:{indexing.encoder_spec()}:{kind}:{pk}"
    if cache.add(key, 1, timeout=300):
        enqueue_encoding(kind, pk)

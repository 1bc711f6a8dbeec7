"""Links from an audit entry to its object, where the object still exists
and the reader may see it.

The audit trail knows no app above it: each app that has pages for its
objects registers, in its ``AppConfig.ready()``, a function that takes the
reader and the primary keys of entries' objects of one model and answers the
address of each one the reader may see, by primary key (one query for a whole
page of entries).
"""

from collections.abc import Callable, Collection, Mapping

from tandem.accounts.models import Viewer

Resolver = Callable[[Viewer, Collection[int]], Mapping[int, str]]

_RESOLVERS: dict[str, Resolver] = {}


def register(target_type: str, resolve: Resolver) -> None:
    """``target_type``: the model's ``label_lower``, e.g. ``directory.organisation``."""
    _RESOLVERS[target_type] = resolve


def resolve(
    viewer: Viewer, targets: Collection[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """(target_type, target_id) → address, for the targets the reader may see."""
    by_type: dict[str, set[int]] = {}
    for target_type, target_id in targets:
        # Entries keep ids as text; every object with pages has a number.
        if target_type in _RESOLVERS and target_id.isdigit():
            by_type.setdefault(target_type, set()).add(int(target_id))
    found: dict[tuple[str, str], str] = {}
    for target_type, pks in by_type.items():
        for pk, url in _RESOLVERS[target_type](viewer, pks).items():
            found[(target_type, str(pk))] = url
    return found

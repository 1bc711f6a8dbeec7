"""Who may do what in matching, built from ``tandem.accounts.permissions``."""

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import is_member
from tandem.directory.models import Organisation


def can_give_feedback(user: Viewer | None, organisation: Organisation) -> bool:
    """Any active member of the organisation, viewers included, may tell which
    of its suggestions interest it."""
    return is_member(user, organisation)

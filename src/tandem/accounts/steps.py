"""Steps a signed-in person must take before using Tandem further.

Some things cannot wait for a person to find a settings page: a name to be
shown by, consent to a new privacy notice, a second factor for those who hold
power. An app declares such a step (what is needed, and the page where the
person completes it) and registers it in its ``AppConfig.ready()``;
``RequiredStepsMiddleware`` sends a person with a pending step to its page,
whatever page they asked for, and back to where they were going afterwards
(the step's page redirects to ``next``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from tandem.accounts.models import User


@dataclass(frozen=True)
class Step:
    key: str
    # Whether this person still has to take the step; runs on every page a
    # signed-in person opens, so keep it to fields or one cheap query.
    needed: Callable[[User], bool]
    # The page where the step is taken (a URL name, with its namespace).
    url_name: str
    # Other pages the person may open meanwhile (URL names), e.g. the
    # privacy notice they are asked to accept.
    also_allowed: tuple[str, ...] = ()


_STEPS: dict[str, Step] = {}


def register(*steps: Step) -> None:
    """Add steps, asked in the order registered.

    Raises ValueError when another step already has the key.
    """
    for step in steps:
        if _STEPS.get(step.key, step) != step:
            raise ValueError(f"Two required steps are called {step.key!r}")
        _STEPS[step.key] = step


def registered() -> list[Step]:
    return list(_STEPS.values())


def pending(user: User) -> Step | None:
    """The first step this person still has to take, if any."""
    for step in _STEPS.values():
        if step.needed(user):
            return step
    return None

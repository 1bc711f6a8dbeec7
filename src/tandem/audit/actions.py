"""The registry of audited actions.

Each app declares the privileged acts that happen in it
(``<app>/audit_actions.py``: key and label) and registers them in its
``AppConfig.ready()``, as it does its notification kinds. Labels are lazy, so
an entry reads in the language of whoever looks at it.
"""

from dataclasses import dataclass

from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Action:
    key: str  # "<app>.<what>", e.g. "directory.organisation_verified"
    label: StrPromise  # lazy: shown in the reader's language


_ACTIONS: dict[str, Action] = {}


def register(*actions: Action) -> None:
    """Add actions to the registry.

    Raises ValueError when another action already has the key.
    """
    for action in actions:
        if _ACTIONS.get(action.key, action) != action:
            raise ValueError(f"Two audited actions are called {action.key!r}")
        _ACTIONS[action.key] = action


def registered() -> list[Action]:
    return list(_ACTIONS.values())


def is_action(key: str) -> bool:
    return key in _ACTIONS


def label(key: str) -> str:
    """The action's label in the active language; the key for one no app
    registers any more."""
    action = _ACTIONS.get(key)
    return str(action.label) if action else key

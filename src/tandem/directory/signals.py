"""What the directory tells the apps above it, which it does not know.

Apps above the directory (matching) connect receivers in their ``ready()``;
the directory's services send the signals inside their transaction, and a
receiver that starts background work does so on commit.
"""

from django.dispatch import Signal

# An organisation's or opportunity's profile was created or changed:
# sender is the model class, ``pk`` the row's id.
profile_changed = Signal()

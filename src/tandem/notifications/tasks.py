"""Background work of notifications: the immediate e-mail.

The task takes an id and sends only while the notification is unsent, so a
task run twice sends one e-mail.
"""

from django_tasks import task

from tandem.notifications import emails


@task()
def send_notification_email(notification_id: int) -> bool:
    return emails.send_notification_email(notification_id=notification_id)

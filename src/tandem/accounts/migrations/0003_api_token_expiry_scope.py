import datetime

from django.db import migrations, models
from django.utils import timezone


def one_year_from_now() -> datetime.datetime:
    # Tokens made before tokens expired get a year from this migration.
    return timezone.now() + datetime.timedelta(days=365)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=one_year_from_now, verbose_name="expires at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            # Tokens made before scopes could write: they keep doing so.
            field=models.CharField(
                choices=[("read", "Read only"), ("read_write", "Read and write")],
                default="read_write",
                max_length=10,
                verbose_name="access",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_because",
            field=models.CharField(
                blank=True,
                choices=[
                    ("owner", "Revoked by its owner"),
                    ("password_changed", "Revoked when the password changed"),
                ],
                max_length=20,
                verbose_name="revoked because",
            ),
        ),
    ]

"""Background work of people's own data: building the archive."""

from django_tasks import task

from tandem.privacy import services


@task()
def build_data_export(export_id: int) -> bool:
    """Build the archive; False when it is gone (the person left meanwhile)."""
    return services.build_data_export(export_id=export_id) is not None

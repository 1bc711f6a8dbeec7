"""Background work of events: scheduler runs."""

from django_tasks import task

from tandem.events import planning


@task()
def run_scheduler(run_id: int) -> str:
    """Solve a queued run; returns its state."""
    return str(planning.execute_run(run_id).state)

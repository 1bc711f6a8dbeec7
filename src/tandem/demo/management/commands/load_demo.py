from typing import Any

from django.core.management.base import BaseCommand

from tandem.demo.loader import load_demo
from tandem.directory.models import Opportunity, Organisation


class Command(BaseCommand):
    help = (
        "Load the Cluj-Napoca ↔ Dortmund demo data (once: running it again adds only "
        "what is missing) and print the demo accounts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo()
        created = summary.created
        if any(created.values()):
            self.stdout.write(
                f"Demo data loaded: {created['organisations']} organisations, "
                f"{created['opportunities']} opportunities, {created['accounts']} "
                "accounts created."
            )
        else:
            self.stdout.write("Demo data already loaded; nothing to add.")
        published = Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        self.stdout.write(
            f"In the database: {Organisation.objects.count()} organisations, "
            f"{published.count()} published opportunities."
        )
        rows = [("Role", "E-mail", "Password", "Language")]
        rows += [(a.role, a.email, a.password, a.language) for a in summary.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        self.stdout.write("\nDemo accounts (log in with the e-mail address):")
        for line in lines:
            self.stdout.write(line.rstrip())

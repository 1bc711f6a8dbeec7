"""The administrative export says it is for programs, not spreadsheets."""

from django.core.management import load_command_class


def test_export_help_warns_that_cells_are_not_neutralised():
    command = load_command_class("tandem.directory", "export_records")

    assert "not neutralised" in command.help

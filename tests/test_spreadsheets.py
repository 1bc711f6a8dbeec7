import csv
import io

import pytest

from tandem.spreadsheets import neutralise, writer


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_that_would_start_a_formula_is_shown_as_text(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana Pop", "", "a=b", 42, -3, None])
def test_other_cells_are_kept(value):
    assert neutralise(value) == value


def test_the_writer_neutralises_every_cell():
    out = io.StringIO()
    writer(out).writerows([["name", "=1+1"], ["@x", 5]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "'=1+1"],
        ["'@x", "5"],
    ]

"""Reads of matching, by concern: ``suggestions`` (suggested partners and
their reasons), ``search`` (search by meaning), ``feedback`` (members' word on
suggestions) and ``profiles`` (engine input from the directory's rows).

Other apps import the reads they use from here.
"""

from tandem.matching.selectors.search import (
    SearchHit,
    organisations_by_meaning,
    semantic_search,
)
from tandem.matching.selectors.suggestions import (
    MAX_TOP,
    ShownSuggestion,
    Suggestions,
    suggestions_for_opportunity,
    suggestions_for_organisation,
)

__all__ = [
    "MAX_TOP",
    "SearchHit",
    "ShownSuggestion",
    "Suggestions",
    "organisations_by_meaning",
    "semantic_search",
    "suggestions_for_opportunity",
    "suggestions_for_organisation",
]

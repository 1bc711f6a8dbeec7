from typing import Any

from django.http import HttpRequest

from tandem.partnerships.selectors import main_partnership


def tandem(request: HttpRequest) -> dict[str, Any]:
    """The partnership whose two cities every page names side by side."""
    return {"partnership": main_partnership()}

import pytest


@pytest.mark.django_db
def test_home_page_names_both_cities(client, partnership):
    response = client.get("/de/")
    assert response.status_code == 200
    assert "Dortmund" in response.text
    assert "Klausenburg" in response.text

"""The platform's icon: named by every page and answered at /favicon.ico (browsers ask for it where
a page names none: the admin, a PDF), for anyone, logged in or not. Served in a browser:
tests/browser/test_favicon.py."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

ICON = "img/favicon.svg"
SVG = "{http://www.w3.org/2000/svg}"


def test_the_icon_is_a_square_svg_in_the_platforms_blue():
    root = ET.parse(finders.find(ICON)).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 32 32"
    assert root.find(f"{SVG}rect").get("fill") == "#1d3f8f"  # --mentorat-blue of static/css/mentorat.css


@pytest.mark.parametrize("logged_in", [False, True])
def test_favicon_ico_leads_to_the_icon_for_anyone(client, mentee, logged_in):
    if logged_in:
        client.force_login(mentee)
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == static(ICON)


def test_every_page_names_the_icon(client, mentee):
    for page in ("/", "/comptes/login/", "/cette-page-n-existe-pas/"):
        links = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', client.get(page).content.decode())
        assert links == [static(ICON)], page
    client.force_login(mentee)
    assert static(ICON) in client.get("/tableau-de-bord/", follow=True).content.decode()

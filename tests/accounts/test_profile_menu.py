"""The account menu in the header, the profile page and the rules on names and phone numbers."""

import pytest
from django.urls import reverse

from mentorat.accounts.forms import ProfileForm
from mentorat.accounts.models import User

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
MENU_LINKS = ["accounts:profile", "account_email", "account_change_password", "mfa_index",
              "notifications:preferences", "privacy:my_data"]  # fmt: skip


@pytest.mark.parametrize("who", ["mentee", "mentor", "hr_referent", "engineer", "nobody"])
def test_every_logged_in_person_has_the_account_menu(client, request, who):
    person = request.getfixturevalue(who)
    client.force_login(person)
    page = client.get(reverse("core:dashboard"), follow=True).content.decode()
    menu = page[page.index('id="menu-compte"') :]
    for name in MENU_LINKS:
        assert f'href="{reverse(name)}"' in menu, name
    assert f'action="{reverse("account_logout")}"' in menu
    assert f'href="{reverse("admin:index")}"' not in page


def test_the_site_admin_is_shown_the_administration(client, staff):
    client.force_login(staff)
    page = client.get(reverse("core:dashboard"), follow=True).content.decode()
    assert page.count(f'href="{reverse("admin:index")}"') == 2  # the menu and the welcome page


def test_a_person_edits_their_profile(client, mentee):
    client.force_login(mentee)
    response = client.post(
        PROFILE,
        {"first_name": " Marie-Hélène ", "last_name": "N’Diaye", "job_title": "Manager", "phone": "+33 6 12 34 56 78"},
    )
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert (mentee.first_name, mentee.last_name, mentee.phone) == ("Marie-Hélène", "N’Diaye", "06 12 34 56 78")


@pytest.mark.parametrize(
    "name", ["Anne", "Marie-Hélène", "N'Diaye", "O’Brien", "de la Tour", "J.-P.", "Zoë", "Łukasz", "Ngọc Anh"]
)
def test_real_names_are_accepted(name):
    form = ProfileForm({"first_name": name, "last_name": "Martin"}, instance=User(email="x@y.fr"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "name", ["<b>Jean</b>", '=HYPERLINK("x")', "Jean2", "Jean  Paul", "-Jean", "Jean_Paul", "A" * 101, "@jean"]
)
def test_markup_formulas_and_symbols_are_refused_next_to_the_field(client, mentee, name):
    client.force_login(mentee)
    before = (mentee.first_name, mentee.last_name)
    response = client.post(PROFILE, {"first_name": name, "last_name": "Martin", "phone": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]
    mentee.refresh_from_db()
    assert (mentee.first_name, mentee.last_name) == before


@pytest.mark.parametrize("phone", ["12", "06 12 34 56", "appelez-moi", "+33 6 12 34 56 78 99 99 99"])
def test_a_wrong_phone_number_is_refused(phone):
    form = ProfileForm({"first_name": "Anne", "last_name": "Martin", "phone": phone}, instance=User(email="x@y.fr"))
    assert not form.is_valid() and "phone" in form.errors


def test_signup_refuses_markup_in_names(client, db):
    response = client.post(
        reverse("account_signup"),
        {"first_name": "<script>", "last_name": "Martin", "email": "anne.martin@assurance-maladie.fr",
         "password1": "Un-mot-de-passe-2026!", "password2": "Un-mot-de-passe-2026!"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert not User.objects.filter(email="anne.martin@assurance-maladie.fr").exists()

"""allauth's forms in the site's words: one name for the email field and no placeholder standing in
for a label. LoginForm, ResetPasswordForm and AddEmailForm take effect once ACCOUNT_FORMS names them."""

import pytest

from mentorat.accounts.forms import AddEmailForm, LoginForm, ResetPasswordForm, SignupForm
from tests.factories import UserFactory


def _placeholders(form):
    return {name: f.widget.attrs["placeholder"] for name, f in form.fields.items() if "placeholder" in f.widget.attrs}


@pytest.mark.parametrize(
    ("form", "field", "autocomplete"),
    [
        (lambda: LoginForm(), "login", "email"),
        (lambda: ResetPasswordForm(), "email", "email"),
    ],
)
def test_email_field_is_named_adresse_e_mail_and_keeps_its_autocomplete(db, form, field, autocomplete):
    form = form()
    assert form.fields[field].label == "Adresse e-mail"
    assert form.fields[field].widget.attrs["autocomplete"] == autocomplete
    assert _placeholders(form) == {}


def test_add_email_form_uses_the_same_words(db):
    form = AddEmailForm(user=UserFactory())
    assert form.fields["email"].label == "Adresse e-mail"
    assert _placeholders(form) == {}


def test_login_form_keeps_the_current_password_autocomplete(db):
    assert LoginForm().fields["password"].widget.attrs["autocomplete"] == "current-password"


def test_signup_form_asks_for_a_professional_address_without_placeholders(db):
    form = SignupForm()
    assert form.fields["email"].label == "Adresse e-mail professionnelle"
    assert _placeholders(form) == {}

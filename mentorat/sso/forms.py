from django import forms
from django.utils.translation import gettext_lazy as _


class OrganisationLoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse électronique professionnelle"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @staticmethod
    def no_provider_error():
        return _(
            "Votre organisme ne propose pas encore la connexion avec son compte. "
            "Connectez-vous avec votre mot de passe."
        )

    @staticmethod
    def provider_down_error():
        return _(
            "Le service de connexion de votre organisme ne répond pas. "
            "Réessayez dans quelques minutes ou connectez-vous avec votre mot de passe."
        )

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorat.core.models import Organisation


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisme employeur"),
        queryset=Organisation.objects.filter(is_active=True).select_related("branch"),
        required=False,
        empty_label=_("— Choisir votre organisme —"),
    )
    job_title = forms.CharField(label=_("Emploi occupé"), max_length=200, required=False)

    field_order = ["first_name", "last_name", "email", "organisation", "job_title", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.organisation = self.cleaned_data.get("organisation")
        user.job_title = self.cleaned_data.get("job_title", "").strip()
        user.save(update_fields=["first_name", "last_name", "organisation", "job_title"])
        return user

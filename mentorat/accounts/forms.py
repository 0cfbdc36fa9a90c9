from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from candidatures.relay import SESSION_RELAY_ORGANISATION
from mentorat.accounts.adapter import email_domain_allowed, email_domains_display
from mentorat.core.fields import NamedModelChoiceField
from mentorat.core.models import Organisation

from .models import User
from .validators import NAME_MAX_LENGTH, normalise_phone, validate_person_name


class SiteWordingMixin:
    """allauth's forms in the site's words. Django's catalogue calls allauth's email field "Courriel"
    while allauth's placeholder says "Adresse e-mail"; and a placeholder that repeats the label looks
    like text already typed in, then vanishes on input. Our labels are always visible: no placeholders."""

    email_label = _("Adresse e-mail")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in {"login", "email"}:
                field.label = self.email_label


class AllowedDomainMixin:
    """Only Social Security addresses may be registered (SIGNUP_EMAIL_DOMAINS). Checked on the forms
    that register an address, not in the adapter: a reset or a login must keep working for
    accounts created before the list changed."""

    def clean_email(self):
        email = super().clean_email()
        if not email_domain_allowed(email):
            raise forms.ValidationError(
                _("Seules les adresses professionnelles de la Sécurité sociale sont acceptées (%(domains)s).")
                % {"domains": email_domains_display()}
            )
        return email


class LoginForm(SiteWordingMixin, AllauthLoginForm):
    pass


class ResetPasswordForm(SiteWordingMixin, AllauthResetPasswordForm):
    pass


class AddEmailForm(SiteWordingMixin, AllowedDomainMixin, AllauthAddEmailForm):
    pass


class SignupForm(SiteWordingMixin, AllowedDomainMixin, AllauthSignupForm):
    # autocomplete tokens let browsers fill in personal data (RGAA 11.13).
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=NAME_MAX_LENGTH,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=NAME_MAX_LENGTH,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation = NamedModelChoiceField(
        label=_("Organisme employeur"),
        queryset=Organisation.objects.filter(is_active=True).select_related("branch"),
        required=False,
        empty_label=_("— Choisir votre organisme —"),
    )
    job_title = forms.CharField(
        label=_("Emploi occupé"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    email_label = _("Adresse e-mail professionnelle")
    field_order = ["first_name", "last_name", "email", "organisation", "job_title", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Say which addresses are accepted before the person types one, not only in the error.
        if settings.SIGNUP_EMAIL_DOMAINS:
            self.fields["email"].help_text = _("Adresses acceptées : %(domains)s.") % {
                "domains": email_domains_display()
            }
        # Someone who arrives through an HR referent's link finds that link's organisation preset.
        request = context.request
        if request is not None and "organisation" not in self.initial:
            organisation_id = request.session.get(SESSION_RELAY_ORGANISATION)
            if organisation_id:
                self.initial["organisation"] = organisation_id

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.organisation = self.cleaned_data.get("organisation")
        user.job_title = self.cleaned_data.get("job_title", "").strip()
        user.save(update_fields=["first_name", "last_name", "organisation", "job_title"])
        return user


class PersonRolesForm(forms.Form):
    """The roles a programme engineer gives someone on the platform (mentorat.accounts.services)."""

    is_engineer = forms.BooleanField(
        label=_("Ingénieur·e en mentorat"),
        required=False,
        help_text=_("Pilote le programme : mise en relation, supervision, évaluation, exports."),
    )
    hr_organisations = forms.ModelMultipleChoiceField(
        label=_("Référent RH des organismes"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "Aucun organisme : la personne n'est pas référente RH. Ctrl ou Cmd + clic pour en choisir plusieurs."
        ),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        held = person.hr_organisations.values_list("pk", flat=True)
        # Closed organisations stay listed while the person still holds them, so that they can be removed.
        self.fields["hr_organisations"].queryset = Organisation.objects.filter(
            models.Q(is_active=True) | models.Q(pk__in=list(held))
        ).order_by("name")


class ProfileForm(forms.ModelForm):
    """What a person says about themselves: civility if they wish (for the wording), name, job, and a
    phone number if they wish to give one (only their pair partner sees it)."""

    class Meta:
        model = User
        fields = ["civility", "first_name", "last_name", "job_title", "phone"]
        widgets = {
            "civility": forms.RadioSelect,
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "civility": _(
                "Facultatif. Elle permet d'accorder les textes qui vous concernent (« une mentorée », « un mentor ») ; "
                "sans elle, ils restent neutres."
            ),
            "phone": _("Facultatif. Seul·e votre binôme le voit, pour vous joindre."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
            self.fields[name].max_length = NAME_MAX_LENGTH
            self.fields[name].widget.attrs["maxlength"] = NAME_MAX_LENGTH

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"].strip())

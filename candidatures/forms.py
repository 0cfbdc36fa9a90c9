import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import NamedModelChoiceField, ThemesField
from mentorat.core.models import Organisation, Programme, Theme

from .enums import AVAILABILITY_SLOTS, ApplicationRole, ApplicationStatus
from .models import TEXT_MAX_LENGTH, Application
from .relay import MAX_INVITATIONS_PER_BATCH
from .services import ACK_FIELDS, application_missing_fields


class MonthField(forms.DateField):
    """A month written YYYY-MM (HTML <input type=month>), stored as the first day of that month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Indiquez un mois au format AAAA-MM, par exemple 2025-03.")}

    def to_python(self, value):
        date = super().to_python(value)
        return date.replace(day=1) if date else date


# What a new application takes from the person's application to an earlier edition: the situation
# holds for either role; what one offers or wants only for the same role. Commitments and consent are
# never carried over: they are given again for each edition.
CARRIED_OVER_FIELDS = [
    "organisation",
    "job_title",
    "is_manager",
    "manager_since",
    "years_experience",
    "line_manager_email",
    "availability",
]
CARRIED_OVER_SAME_ROLE_FIELDS = ["objectives", "presentation", "capacity", "prefers_other_branch"]


def initial_from_previous(previous, *, role, programme):
    """Initial values of a new application to `programme` from `previous`, an earlier edition's
    application of the same person (years of experience are kept as written: the person updates them)."""
    fields = list(CARRIED_OVER_FIELDS)
    initial = {}
    if previous.role == role:
        fields += CARRIED_OVER_SAME_ROLE_FIELDS
        track = programme.tracks.filter(code=previous.track.code).first()
        if track is not None:
            initial["track"] = track.pk
    initial.update({field: getattr(previous, field) for field in fields})
    initial["organisation"] = previous.organisation_id
    initial["themes"] = [theme.pk for theme in previous.themes.all()]
    return initial


class ApplicationForm(forms.ModelForm):
    """The application of one person for one role. Saving as draft checks only what is written;
    submitting also requires every field matching needs (errors next to each field)."""

    track = forms.ModelChoiceField(
        label=_("Parcours"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choisissez un parcours, même pour un brouillon.")},
    )
    organisation = NamedModelChoiceField(
        label=_("Organisme employeur"),
        queryset=Organisation.objects.filter(is_active=True).select_related("branch").order_by("name"),
        help_text=_("La branche est déduite de l'organisme."),
        error_messages={"required": _("Choisissez votre organisme, même pour un brouillon.")},
    )
    manager_since = MonthField(label=_("Fonctions managériales depuis (mois)"), required=False)
    years_experience = forms.IntegerField(
        label=_("Années d'expérience professionnelle"), min_value=0, max_value=50, required=False
    )
    themes = ThemesField(
        label=_("Thèmes"),
        queryset=Theme.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("Disponibilités (demi-journées)"),
        choices=AVAILABILITY_SLOTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.TypedChoiceField(
        label=_("Nombre de mentorés que vous pouvez accompagner"),
        choices=[(1, _("1 mentoré")), (2, _("2 mentorés"))],
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    objectives = forms.CharField(
        label=_("Objectifs"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX_LENGTH, required=False
    )
    presentation = forms.CharField(
        label=_("Présentation montrée aux mentorés"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    data_consent = forms.BooleanField(
        label=_(
            "J'accepte que mes données soient traitées pour l'organisation du programme de mentorat (voir la page Données personnelles)."
        ),
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "track",
            "organisation",
            "job_title",
            "is_manager",
            "manager_since",
            "years_experience",
            "themes",
            "objectives",
            "presentation",
            "availability",
            "capacity",
            "line_manager_email",
            "prefers_other_branch",
            *ACK_FIELDS,
        ]
        widgets = {"job_title": forms.TextInput(attrs={"autocomplete": "organization-title"})}

    def __init__(self, *args, programme, role, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.role = role
        self.submitting = submitting
        self.fields["track"].queryset = programme.tracks.order_by("code")
        self.fields["track"].label_from_instance = lambda track: f"{track.get_code_display()}"
        if role == ApplicationRole.MENTEE:
            del self.fields["capacity"]
            del self.fields["presentation"]
            self.fields["themes"].label = _("Thèmes sur lesquels vous souhaitez être accompagné·e")
            self.fields["objectives"].label = _("Vos objectifs pour ces 7 mois")
        else:
            del self.fields["prefers_other_branch"]
            self.fields["themes"].label = _("Thèmes sur lesquels vous pouvez accompagner")
            self.fields["objectives"].label = _("Ce que vous pouvez apporter")
        self.fields["line_manager_email"].help_text = _(
            "Pour ne jamais vous proposer votre propre responsable, ni l'inverse."
        )
        if self.instance.pk and self.instance.data_consent_at:
            self.fields["data_consent"].initial = True

    def clean_manager_since(self):
        value = self.cleaned_data.get("manager_since")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Cette date est dans le futur."))
        if value and value < datetime.date(1970, 1, 1):
            raise forms.ValidationError(_("Cette date n'est pas plausible."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_manager"):
            cleaned["manager_since"] = None
        if self.submitting:
            for field, message in application_missing_fields(cleaned, role=self.role).items():
                if field in self.fields and field not in self._errors:
                    self.add_error(field, message)
        return cleaned

    def service_data(self):
        data = {key: value for key, value in self.cleaned_data.items() if key != "themes"}
        data["availability"] = list(data.get("availability") or [])
        return data


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je confirme vouloir retirer ma candidature."),
        error_messages={"required": _("Cochez la case pour confirmer le retrait.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("validate", _("Valider la candidature")), ("decline", _("Ne pas retenir la candidature"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif communiqué à la personne"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Obligatoire si la candidature n'est pas retenue."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif : il sera communiqué à la personne."))
        return cleaned


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label=_("Adresses électroniques à inviter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_INVITATIONS_PER_BATCH * 260,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addresses"].help_text = _(
            "Une adresse par ligne, ou séparées par des virgules ou points-virgules ; %(batch)d au plus à la fois, "
            "%(hour)d par heure et %(day)d par jour."
        ) % {
            "batch": MAX_INVITATIONS_PER_BATCH,
            "hour": settings.INVITATIONS_PER_HOUR,
            "day": settings.INVITATIONS_PER_DAY,
        }


class CallWindowForm(forms.ModelForm):
    """The engineer's settings of the call: window (Europe/Paris) and eligibility thresholds."""

    class Meta:
        model = Programme
        fields = [
            "call_opens_at",
            "call_closes_at",
            "p1_mentee_max_manager_months",
            "p1_mentor_min_manager_years",
            "p2_mentor_min_experience_years",
        ]
        widgets = {
            "call_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "call_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["call_opens_at", "call_closes_at"]:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"]
            self.fields[name].help_text = _("Heure de Paris.")


class ApplicationFilterForm(forms.Form):
    track = forms.ChoiceField(label=_("Parcours"), required=False)
    role = forms.ChoiceField(label=_("Rôle"), required=False, choices=[("", _("Tous"))] + ApplicationRole.choices)
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous"))] + ApplicationStatus.choices)
    organisation = NamedModelChoiceField(
        label=_("Organisme"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Tous"),
        to_field_name="code",
    )
    branch = forms.ChoiceField(label=_("Branche"), required=False)
    q = forms.CharField(label=_("Nom ou adresse"), required=False, max_length=100)

    def __init__(self, *args, programme, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Tous"))] + [(t.code, t.code) for t in programme.tracks.order_by("code")]
        self.fields["branch"].choices = [("", _("Toutes"))] + [(b.code, b.name) for b in branches]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"), help_text=_("UTF-8, séparateur virgule ou point-virgule, 5 Mo au plus.")
    )
    dry_run = forms.BooleanField(
        label=_("Simulation : vérifier le fichier sans rien enregistrer"), required=False, initial=True
    )
    validate = forms.BooleanField(label=_("Marquer les candidatures importées comme validées"), required=False)
    send_activation = forms.BooleanField(
        label=_("Envoyer aux nouvelles personnes un courriel pour activer leur compte"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo."))
        return upload

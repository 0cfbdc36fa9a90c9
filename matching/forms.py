"""The programme engineer's forms: matching settings, hand corrections of a draft, publication,
ending a pair. The mentee's and mentor's forms live in participant_forms.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.core.models import Programme

from . import selectors
from .models import MatchingSettings

REASON_MAX_LENGTH = 500


class MatchingSettingsForm(forms.ModelForm):
    """The weights of the score's criteria and the exposure factor (MatchingSettings)."""

    class Meta:
        model = MatchingSettings
        fields = [
            "weight_themes",
            "weight_objectives",
            "weight_branch",
            "weight_experience",
            "weight_availability",
            "weight_preferences",
            "exposure_factor",
        ]
        widgets = {
            **{name: forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "10"}) for name in fields[:-1]},
            "exposure_factor": forms.NumberInput(attrs={"step": "0.1", "min": "1", "max": "5"}),
        }


class QuestionsSettingsForm(forms.ModelForm):
    """Whether mentees may ask a proposed mentor one question before choosing (matching/questions)."""

    class Meta:
        model = MatchingSettings
        fields = ["questions_enabled"]


class ProgrammeMatchingForm(forms.ModelForm):
    """The settings of matching and choice that live on the programme."""

    class Meta:
        model = Programme
        fields = ["proposals_per_mentee", "mentor_confirmation_required", "mentor_confirmation_days"]
        widgets = {
            "proposals_per_mentee": forms.NumberInput(attrs={"min": "3", "max": "5"}),
            "mentor_confirmation_days": forms.NumberInput(attrs={"min": "1", "max": "30"}),
        }
        help_texts = {
            "proposals_per_mentee": _("De 3 à 5 : moins seulement quand il n'y a pas assez de mentors possibles."),
            "mentor_confirmation_days": _("Passé ce délai sans réponse, le mentoré choisit à nouveau."),
        }


class _MenteeMentorForm(forms.Form):
    """A mentee of the run (hidden field) and a validated mentor of the run's track, given by email."""

    mentee = forms.ModelChoiceField(queryset=Application.objects.none(), widget=forms.HiddenInput)
    mentor_email = forms.EmailField(
        label=_("Adresse électronique du mentor"),
        help_text=_("Un mentor validé de ce parcours."),
        error_messages={"required": _("Indiquez l'adresse électronique du mentor.")},
    )

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.run = run
        self.fields["mentee"].queryset = Application.objects.filter(
            track=run.track, role=ApplicationRole.MENTEE, status=ApplicationStatus.VALIDATED
        ).select_related("user", "organisation", "programme", "track")
        self.fields["mentee"].error_messages["invalid_choice"] = _("Ce mentoré ne fait pas partie de ce parcours.")

    def clean_mentor_email(self):
        email = self.cleaned_data["mentor_email"].strip()
        mentor = (
            selectors.validated_mentors(self.run.track)
            .filter(user__email__iexact=email)
            .select_related("user", "organisation", "programme", "track")
            .first()
        )
        if mentor is None:
            raise forms.ValidationError(_("Aucun mentor validé de ce parcours n'a cette adresse."))
        self.cleaned_data["mentor"] = mentor
        return email


class ProposalAddForm(_MenteeMentorForm):
    pass


class ExclusionForm(_MenteeMentorForm):
    reason = forms.CharField(
        label=_("Motif de l'exclusion"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Par exemple : lien hiérarchique non déclaré. Lu par l'équipe du programme seulement."),
        error_messages={"required": _("Indiquez le motif de l'exclusion.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Indiquez le motif de l'exclusion."))
        return reason


class FormerMentorAllowanceForm(forms.Form):
    """« Autoriser un ancien mentor » for one mentee of the run (hidden field)."""

    mentee = forms.ModelChoiceField(queryset=Application.objects.none(), widget=forms.HiddenInput)
    allowed = forms.BooleanField(label=_("Autoriser un ancien mentor"), required=False)

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = Application.objects.filter(
            track=run.track, role=ApplicationRole.MENTEE, status=ApplicationStatus.VALIDATED
        ).select_related("user", "programme")
        self.fields["mentee"].error_messages["invalid_choice"] = _("Ce mentoré ne fait pas partie de ce parcours.")


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("J'ai relu les propositions : les publier et prévenir les mentorés par courriel."),
        error_messages={"required": _("Cochez la case pour confirmer la publication.")},
    )


class PairEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'arrêt"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lu par l'équipe du programme seulement. Le mentor est informé sans ce motif."),
        error_messages={"required": _("Indiquez le motif, il ne sera lu que par l'équipe du programme.")},
    )

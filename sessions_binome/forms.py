"""Forms about the pair as a whole: the mentee's final assessment, the follow-up lists and the
engineer's message to a pair."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import NamedModelChoiceField
from mentorat.core.models import Branch, Organisation
from mentorat.core.widgets import LongSelect

from .enums import PairStatus

ASSESSMENT_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class FinalAssessmentForm(forms.Form):
    """One 1-5 choice per objective of the pair."""

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for objective in objectives:
            self.fields[f"objective_{objective.pk}"] = forms.ChoiceField(
                label=objective.text,
                choices=ASSESSMENT_CHOICES,
                widget=forms.RadioSelect,
                initial=str(objective.final_assessment) if objective.final_assessment else None,
                help_text=_("Au départ : %(n)d sur 5. 1 = pas du tout atteint, 5 = pleinement atteint.")
                % {"n": objective.start_assessment},
                error_messages={"required": _("Choisissez une note de 1 à 5.")},
            )

    def assessments(self):
        return {objective.pk: int(self.cleaned_data[f"objective_{objective.pk}"]) for objective in self.objectives}


class PairMessageForm(forms.Form):
    subject = forms.CharField(label=_("Objet"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class FollowUpFilterForm(forms.Form):
    track = forms.ChoiceField(label=_("Parcours"), required=False, widget=LongSelect)
    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=[("", _("Tous"))] + PairStatus.choices, widget=LongSelect
    )
    alert = forms.ChoiceField(
        label=_("Alerte"),
        required=False,
        widget=LongSelect,
        choices=[
            ("", _("Toutes")),
            ("any", _("Avec une alerte")),
            ("inactive", _("Sans séance depuis 45 jours")),
            ("unsigned", _("Charte non signée")),
        ],
    )
    organisation = NamedModelChoiceField(
        label=_("Organisme"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Tous"),
        to_field_name="code",
    )
    branch = forms.ChoiceField(label=_("Branche"), required=False, widget=LongSelect)
    q = forms.CharField(label=_("Nom"), required=False, max_length=100)

    def __init__(self, *args, programme, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Tous"))] + [(t.code, t.code) for t in programme.tracks.order_by("code")]
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.order_by("name")
        )
        self.fields["branch"].choices = [("", _("Toutes"))] + [(b.code, b.name) for b in Branch.objects.all()]


class EngineerFollowUpFilterForm(FollowUpFilterForm):
    """The engineer's list also filters on the pair's health (never offered to HR referents)."""

    health = forms.ChoiceField(label=_("Santé"), required=False, widget=LongSelect)

    def __init__(self, *args, **kwargs):
        from .health.selectors import Health

        super().__init__(*args, **kwargs)
        self.fields["health"].choices = [("", _("Toutes"))] + Health.choices

"""Forms about the pair as a whole: the mentee's final assessment, the follow-up lists and the
engineer's message to a pair."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import NamedModelChoiceField
from mentorat.core.models import Branch, Organisation
from mentorat.core.widgets import LongSelect

from .enums import PairStatus

ASSESSMENT_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class ObjectiveAssessmentForm(forms.Form):
    """One 1-5 choice per objective of the pair, at mid-term (`stage="mid"`) or at the end; each
    field recalls the earlier assessments, so that the mentee looks back before answering."""

    def __init__(self, *args, objectives, stage="final", **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for objective in objectives:
            current = getattr(objective, f"{stage}_assessment")
            self.fields[f"objective_{objective.pk}"] = forms.ChoiceField(
                label=objective.text,
                choices=ASSESSMENT_CHOICES,
                widget=forms.RadioSelect,
                initial=str(current) if current else None,
                help_text=_earlier(objective, stage),
                error_messages={"required": _("Choisissez une note de 1 à 5.")},
            )

    def assessments(self):
        return {objective.pk: int(self.cleaned_data[f"objective_{objective.pk}"]) for objective in self.objectives}


def _earlier(objective, stage):
    if stage == "final" and objective.mid_assessment:
        said = _("Au départ : %(start)d sur 5 ; à mi-parcours : %(mid)d sur 5.") % {
            "start": objective.start_assessment,
            "mid": objective.mid_assessment,
        }
    else:
        said = _("Au départ : %(start)d sur 5.") % {"start": objective.start_assessment}
    return f"{said} {_('1 = pas du tout atteint, 5 = pleinement atteint.')}"


class FinalAssessmentForm(ObjectiveAssessmentForm):
    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, objectives=objectives, stage="final", **kwargs)


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

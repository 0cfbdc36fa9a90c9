"""Forms of the sessions: plan or move, log, personal notes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import ThemesField
from mentorat.core.models import Theme

from ..enums import SessionStatus
from ..models import MentoringSession
from .services import check_upcoming, check_video_link

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class SessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date et heure (heure de Paris)"),
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    video_link = forms.URLField(
        label=_("Lien de visioconférence"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Adresse https de la visioconférence (Teams, Webex, Tixeo…)."),
    )

    class Meta:
        model = MentoringSession
        fields = ["starts_at", "duration_minutes", "video_link", "agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"agenda": _("Visible par vous deux seulement.")}

    # The services' own rules, asked here too so that every error shows at once, next to its field.
    def clean_starts_at(self):
        return _by_rule(check_upcoming, self.cleaned_data["starts_at"], "starts_at")

    def clean_video_link(self):
        return _by_rule(check_video_link, self.cleaned_data.get("video_link", ""), "video_link")


def _by_rule(rule, value, field):
    """`value` if `rule(value)` accepts it, else the rule's message as the field's error."""
    try:
        rule(value)
    except ValidationError as error:
        raise forms.ValidationError(error.message_dict[field]) from None
    return value


class SessionLogForm(forms.Form):
    status = forms.ChoiceField(
        label=_("La séance a été"),
        choices=[
            (SessionStatus.HELD, _("tenue")),
            (SessionStatus.CANCELLED, _("annulée")),
            (SessionStatus.MISSED, _("manquée")),
        ],
        widget=forms.RadioSelect,
    )
    actual_duration_minutes = forms.IntegerField(
        label=_("Durée réelle (minutes)"), min_value=1, max_value=480, required=False
    )
    themes = ThemesField(
        label=_("Thèmes abordés"),
        queryset=Theme.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shared_notes = forms.CharField(
        label=_("Notes partagées avec votre mentoré"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    private_notes = forms.CharField(
        label=_("Notes personnelles (vous seul les lirez)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == SessionStatus.HELD and not cleaned.get("actual_duration_minutes"):
            self.add_error("actual_duration_minutes", _("Indiquez la durée réelle de la séance."))
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000, required=False)

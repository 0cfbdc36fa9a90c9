from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import NamedModelChoiceField
from mentorat.core.models import Branch, Organisation
from mentorat.core.widgets import LongSelect

from .enums import CHOICE_KINDS, Indicator, QuestionKind
from .models import Question, Survey

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
_CHECK = {"class": "form-check-input"}


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Heure de Paris."),
    )


class SurveyForm(forms.ModelForm):
    opens_at = _datetime_field(_("Ouverture"))
    closes_at = _datetime_field(_("Clôture"))

    class Meta:
        model = Survey
        fields = ["title", "introduction", "opens_at", "closes_at"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"introduction": _("Affiché en haut du questionnaire : durée, confidentialité des réponses.")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at") and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", _("La clôture doit suivre l'ouverture."))
        return cleaned


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Options ou libellés de l'échelle"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Une par ligne. Choix unique ou multiple : au moins deux options. Échelle de 1 à 5 : cinq libellés, "
            "de 1 à 5 (laissez vide pour « Pas du tout d'accord » … « Tout à fait d'accord »)."
        ),
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "help_text", "required", "indicator"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "indicator": _(
                "Ce que la question mesure dans les indicateurs : satisfaction, objectifs et bénéfices sur une échelle "
                "de 1 à 5, recommandation sur une échelle de 0 à 10. Un indicateur par questionnaire."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = Indicator.choices
        self.fields["kind"].choices = QuestionKind.choices
        if self.instance.pk and self.instance.choices:
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line.strip() for line in (cleaned.get("choices_text") or "").splitlines() if line.strip()]
        if kind == QuestionKind.LIKERT and not lines:
            from .enums import AGREEMENT_LABELS

            lines = [str(label) for label in AGREEMENT_LABELS]
        if kind not in CHOICE_KINDS and kind != QuestionKind.LIKERT:
            lines = []
        cleaned["choices"] = lines
        return cleaned

    def service_values(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data.get("help_text", ""),
            "required": data.get("required", False),
            "choices": data["choices"],
            "indicator": data.get("indicator", ""),
        }

    def add_service_errors(self, error):
        for field, messages in error.message_dict.items():
            target = "choices_text" if field == "choices" else field
            for message in messages:
                self.add_error(target if target in self.fields else None, message)


class ResponseForm(forms.Form):
    """One field per question (`q<id>`); nothing is required here: a draft may be partial. The
    service checks required questions when the response is sent."""

    def __init__(self, *args, questions, answers=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        answers = answers or {}
        for question in questions:
            field = self._field(question)
            field.disabled = disabled
            answer = answers.get(question.pk)
            if answer is not None:
                field.initial = self._initial(question, answer)
            self.fields[f"q{question.pk}"] = field

    @staticmethod
    def _field(question):
        label = question.text
        common = {"label": label, "required": False, "help_text": question.help_text}
        if question.kind == QuestionKind.LIKERT:
            choices = [(str(value), f"{value} — {text}" if text else str(value)) for value, text in question.scale]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs=_CHECK), **common)
        if question.kind == QuestionKind.NPS:
            choices = [(str(value), str(value)) for value in range(11)]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs=_CHECK), **common)
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.RadioSelect(attrs=_CHECK), **common
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.CheckboxSelectMultiple(attrs=_CHECK), **common
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}), max_length=4000, **common
        )

    @staticmethod
    def _initial(question, answer):
        if question.kind in (QuestionKind.LIKERT, QuestionKind.NPS):
            return None if answer.value is None else str(answer.value)
        if question.kind == QuestionKind.SINGLE:
            return answer.selected[0] if answer.selected else None
        if question.kind == QuestionKind.MULTIPLE:
            return list(answer.selected)
        return answer.text

    def answers(self):
        """{question id: value} for the service."""
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}

    def add_service_errors(self, error: ValidationError):
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def rows(self):
        """(question, bound field) in order, for the template."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]


class IndicatorFilterForm(forms.Form):
    track = forms.ChoiceField(label=_("Parcours"), required=False, widget=LongSelect)
    # Options read as values: a ModelChoiceField iterates a server-side cursor on PostgreSQL
    # (DECLARE, FETCH, CLOSE) for six branches.
    branch = NamedModelChoiceField(
        label=_("Branche"),
        queryset=Branch.objects.none(),
        required=False,
        empty_label=_("Toutes"),
        to_field_name="code",
    )
    organisation = NamedModelChoiceField(
        label=_("Organisme"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Tous"),
        to_field_name="code",
    )

    def __init__(self, *args, programme, organisation_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The edition comes from the page's selector (`edition_for_page`); the filters keep it in
        # a hidden field (templates/evaluation/_filters.html).
        self.tracks = {t.code: t for t in programme.tracks.order_by("code")}
        self.fields["track"].choices = [("", _("Tous"))] + [
            (code, f"{code} · {t.name}") for code, t in self.tracks.items()
        ]
        organisations = Organisation.objects.order_by("name")
        branches = Branch.objects.order_by("position", "name")
        if organisation_ids is not None:
            organisations = organisations.filter(pk__in=organisation_ids)
            branches = branches.filter(organisations__pk__in=organisation_ids).distinct()
        self.fields["organisation"].queryset = organisations
        self.fields["branch"].queryset = branches

    def scope_values(self):
        """{track, branch, organisation} as objects (None when not filtered); {} when invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "track": self.tracks.get(data.get("track") or ""),
            "branch": data.get("branch"),
            "organisation": data.get("organisation"),
        }


class ReportRequestForm(forms.Form):
    include_free_text = forms.BooleanField(
        label=_("Inclure les réponses libres, sans identité, dans le fichier XLSX"),
        required=False,
        help_text=_(
            "Les réponses libres sont séparées des autres réponses et triées par question : elles ne peuvent pas être reliées à un pseudonyme."
        ),
    )

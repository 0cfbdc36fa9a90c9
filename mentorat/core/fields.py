"""Form fields."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .widgets import LongSelect


class _ValuesIterator(ModelChoiceIterator):
    """The choices as (key, label) read with `values_list`: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", self.field.label_field)


class NamedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over hundreds of rows (the organisations) whose options show one column
    (`label_field`, e.g. "name", the same text as the model's __str__): the options are read as
    values and written by LongSelect. A page with the organisation filter spends about 1 ms on it
    rather than 10 to 40 ms (benchmarks/README.md). Validation and cleaned values are Django's."""

    iterator = _ValuesIterator
    widget = LongSelect

    def __init__(self, queryset, *, label_field="name", **kwargs):
        self.label_field = label_field
        super().__init__(queryset, **kwargs)


class ThemesField(forms.ModelMultipleChoiceField):
    """Refuses ids the database cannot hold (e.g. beyond 64 bits: SQLite raises OverflowError) as
    invalid choices, not a 500."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(value)[:30]}
            ) from None

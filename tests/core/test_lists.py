"""Helpers of long lists: the Python-written <select>, the filter fields and the pages that load only
their rows."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorat.core.fields import NamedModelChoiceField
from mentorat.core.models import Organisation
from mentorat.core.pagination import page_of
from mentorat.core.widgets import LongSelect
from tests.factories import OrganisationFactory


def _form(widget, field_class=forms.ModelChoiceField):
    class Form(forms.Form):
        organisation = field_class(
            queryset=Organisation.objects.order_by("name"),
            to_field_name="code",
            empty_label="Tous",
            widget=widget,
            required=False,
        )
        grouped = forms.ChoiceField(
            choices=[("Branche", [("a", "A & <b>"), ("b", "B")]), ("c", "C d'été")], widget=widget
        )

    return Form


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [None, {"organisation": "CAF-59", "grouped": "b"}, {"organisation": "nope", "grouped": "c"}]
)
def test_long_select_writes_the_html_of_django_select(data):
    OrganisationFactory(code="CAF-59", name="CAF du Nord")
    OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde & <Landes>")
    fast, django = _form(LongSelect, NamedModelChoiceField)(data), _form(forms.Select)(data)
    for name in ("organisation", "grouped"):
        expected = "".join(line.strip() for line in str(django[name]).splitlines())
        assert str(fast[name]) == expected
    if data and data["organisation"] == "CAF-59":
        assert '<option value="CAF-59" selected>CAF du Nord</option>' in str(fast["organisation"])
    if data:
        assert fast.is_valid() == django.is_valid()
        assert fast.errors == django.errors
        if fast.is_valid():
            assert fast.cleaned_data["organisation"] == Organisation.objects.get(code="CAF-59")


@pytest.mark.django_db
def test_page_of_keeps_the_order_and_loads_only_the_page():
    for index in range(7):
        OrganisationFactory(code=f"ORG-{index}", name=f"Organisme {6 - index}")
    queryset = Organisation.objects.filter(code__startswith="ORG-").select_related("branch").order_by("name")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(queryset, 2, 3)
        names = [organisation.name for organisation in page]
        branches = [organisation.branch.name for organisation in page]
    assert names == ["Organisme 3", "Organisme 4", "Organisme 5"]
    assert len(branches) == 3 and page.paginator.count == 7 and page.has_next()
    assert len(queries) == 3  # the total, the page's keys, its rows (with their branch)
    count, keys, _rows = (query["sql"] for query in queries)
    assert "COUNT(*)" in count and "ORDER BY" not in count  # counted without sorting
    assert "LIMIT 3 OFFSET 3" in keys
    assert [o.name for o in page_of(queryset, 99, 3)] == ["Organisme 6"]  # past the end: the last page
    assert [o.name for o in page_of(queryset, "x", 3)] == ["Organisme 0", "Organisme 1", "Organisme 2"]
    empty = page_of(queryset.none(), 1, 3)
    assert list(empty) == [] and empty.paginator.count == 0 and empty.paginator.num_pages == 1


class _Filters(forms.Form):
    track = forms.ChoiceField(label="Parcours", choices=[("", "Tous"), ("P1", "P1 · Primo-managers")], required=False)
    q = forms.CharField(label="Nom", required=False, max_length=100, help_text="Nom ou adresse")


@pytest.mark.parametrize("data", [None, {"track": "P1", "q": "Durand"}, {"track": "zz", "q": "x" * 101}])
def test_filter_field_writes_what_crispy_writes(data):
    from django.template import engines

    def render(source):
        html = engines["django"].from_string(source).render({"form": _Filters(data)})
        # Whitespace between words is kept, next to tags it is not what is compared.
        return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html))

    fast = render("{% load mentorat_tags %}{% for field in form %}{% filter_field field %}{% endfor %}")
    crispy = render("{% load crispy_forms_tags %}{% for field in form %}{{ field|as_crispy_field }}{% endfor %}")
    assert fast == crispy
    if data and data["track"] == "zz":
        assert "is-invalid" in fast and 'id="id_track_error"' in fast

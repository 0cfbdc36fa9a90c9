"""Lists sorted by their column headers (mentorat/core/sorting.py): only the declared columns reach
order_by, the headers keep the page's other parameters and say the order with aria-sort."""

import pytest
from django.http import QueryDict
from django.template import Context, Template

from mentorat.core.models import Organisation
from mentorat.core.sorting import SortColumn, Sorting
from tests.factories import BranchFactory, OrganisationFactory

COLUMNS = {
    "nom": SortColumn("Nom", ("name",)),
    "code": SortColumn("Code", ("code",), descending_first=True),
    "branche": SortColumn("Branche", ("branch__name", "-name")),
}


def sorting(query, **kwargs):
    return Sorting(QueryDict(query), COLUMNS, default="nom", **kwargs)


@pytest.fixture
def organisations(db):
    famille, maladie = BranchFactory(code="famille", name="Famille"), BranchFactory(code="maladie", name="Maladie")
    return [
        OrganisationFactory(code="B-2", name="Bravo", branch=maladie),
        OrganisationFactory(code="A-1", name="Alpha", branch=famille),
        OrganisationFactory(code="C-3", name="Charlie", branch=famille),
    ]


def names(queryset):
    return [organisation.name for organisation in queryset]


def test_a_list_is_sorted_on_the_chosen_column_in_either_direction(organisations):
    assert names(sorting("tri=nom").apply(Organisation.objects.all())) == ["Alpha", "Bravo", "Charlie"]
    assert names(sorting("tri=-nom").apply(Organisation.objects.all())) == ["Charlie", "Bravo", "Alpha"]
    assert names(sorting("tri=-code").apply(Organisation.objects.all())) == ["Charlie", "Bravo", "Alpha"]


def test_a_field_written_with_a_minus_goes_the_other_way_from_its_column(organisations):
    assert names(sorting("tri=branche").apply(Organisation.objects.all())) == ["Charlie", "Alpha", "Bravo"]
    assert names(sorting("tri=-branche").apply(Organisation.objects.all())) == ["Bravo", "Alpha", "Charlie"]


@pytest.mark.parametrize("value", ["password", "-user__password", "name", "nom;drop", ""])
def test_anything_but_a_declared_column_gives_the_default_order(organisations, value):
    chosen = sorting(f"tri={value}")
    assert (chosen.key, chosen.descending) == ("nom", False)
    assert names(chosen.apply(Organisation.objects.all())) == ["Alpha", "Bravo", "Charlie"]


def test_headers_keep_the_filters_pin_the_edition_and_restart_at_page_one():
    chosen = sorting("q=caf&page=3&export=csv&edition=2025-2026&tri=nom", keep={"edition": "2026-2027"})
    header = chosen.header("nom")
    assert header.aria_sort == "ascending"
    assert QueryDict(header.url.removeprefix("?")).dict() == {"q": "caf", "edition": "2026-2027", "tri": "-nom"}
    other = chosen.header("code")
    assert other.aria_sort == ""
    # The latest or the largest first on the first click of such a column.
    assert QueryDict(other.url.removeprefix("?"))["tri"] == "-code"


def test_the_header_tag_writes_a_link_and_aria_sort_on_the_sorted_column_only():
    html = Template('{% load mentorat_tags %}{% sort_header s "nom" %}{% sort_header s "code" "text-end" %}').render(
        Context({"s": sorting("tri=-nom&q=<b>")})
    )
    assert '<th scope="col" aria-sort="descending"><a class="sort-link" href="?tri=nom&amp;q=%3Cb%3E">Nom' in html
    assert '<th scope="col" class="text-end"><a class="sort-link" href="?tri=-code&amp;q=%3Cb%3E">Code' in html
    assert html.count("aria-sort") == 1
    assert "(trier par ordre croissant)" in html and "(trier par ordre décroissant)" in html

"""Lists sorted by their column headers: `?tri=nom` ascending, `?tri=-nom` descending.

Each list declares the columns people sort by (`SortColumn`: a French label and the fields, or
expressions, to order on); anything else in `?tri=` falls back to the list's default, so the address
never reaches `order_by` unchecked. The headers (`{% sort_header sorting "nom" %}`, mentorat_tags) are
links that keep the page's other parameters — filters, the edition shown — start again at page 1, and
say the current order to assistive technologies with `aria-sort`. Dates sort with the empty ones last
whichever the direction, and the primary key breaks ties so that pages never share or skip a row.
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Value, When

SORT_PARAM = "tri"
PAGE_PARAM = "page"


def in_choices_order(field_name, choices):
    """An expression that sorts `field_name` in the order of its `choices` (TextChoices): a status in
    the order of the workflow (draft, submitted, validated…), not of its stored code."""
    return Case(
        *(When(**{field_name: value}, then=Value(position)) for position, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class SortColumn:
    label: str
    fields: tuple
    # Annotations that only this sort needs, added to the queryset when it is chosen: the lists'
    # narrow keys query stays narrow for the other orders (mentorat/core/pagination.py).
    annotations: dict = field(default_factory=dict)
    # The first click sorts the other way for columns where the latest or the largest matters first.
    descending_first: bool = False


@dataclass(frozen=True)
class SortHeader:
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted on this column
    next_direction: str


class Sorting:
    """The order chosen in `params` (a QueryDict, `request.GET`) among `columns` {key: SortColumn}."""

    def __init__(self, params, columns, *, default, param=SORT_PARAM, page_param=PAGE_PARAM, keep=None):
        self.columns = columns
        self.param = param
        value = params.get(param, "")
        key = value.removeprefix("-")
        if key not in columns:
            value, key = default, default.removeprefix("-")
        self.key = key
        self.descending = value.startswith("-")
        self._params = params.copy()
        # A new order starts again at the first page; an export link is not a page's state.
        for name in (page_param, "export"):
            self._params.pop(name, None)
        # `keep` pins parameters the links must carry whatever the address says (the edition shown).
        for name, kept in (keep or {}).items():
            self._params[name] = kept

    @property
    def value(self):
        return f"-{self.key}" if self.descending else self.key

    @property
    def query(self):
        """The page's parameters without its page number: what the pagination links add theirs to."""
        return self._params.urlencode()

    def apply(self, queryset):
        """`queryset` in the chosen order, ties broken by primary key."""
        column = self.columns[self.key]
        if column.annotations:
            queryset = queryset.annotate(**column.annotations)
        order = []
        for name in column.fields:
            # A field written "-name" goes the other way from the column ("type", then latest first).
            descending = self.descending
            if isinstance(name, str):
                descending ^= name.startswith("-")
                name = F(name.removeprefix("-"))
            order.append(name.desc(nulls_last=True) if descending else name.asc(nulls_last=True))
        return queryset.order_by(*order, "-pk" if self.descending else "pk")

    def header(self, key):
        column = self.columns[key]
        if key == self.key:
            aria_sort = "descending" if self.descending else "ascending"
            target = key if self.descending else f"-{key}"
        else:
            aria_sort = ""
            target = f"-{key}" if column.descending_first else key
        params = self._params.copy()
        params[self.param] = target
        return SortHeader(
            label=column.label,
            url=f"?{params.urlencode()}",
            aria_sort=aria_sort,
            next_direction="descending" if target.startswith("-") else "ascending",
        )

"""Pages of big lists that load only the rows shown.

`Paginator(queryset)` counts the full queryset, then sorts it with all its joins and annotations
before it keeps a page: on 7,000 pairs joined to their people and organisations, with session counts,
that dominates the page (benchmarks/README.md). `page_of` reads the page's primary keys and the total
in one query — ORDER BY ... LIMIT on the narrow query that the filters and the sort need, with
COUNT(*) OVER () — then loads the page's rows with everything else, by primary key (`rows`)."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def page_of(queryset, number, per_page, rows=None):
    """The Django `Page` `number` of `queryset` (ordered), whose object_list holds full objects.
    A number that is not one gives the first page, one past the end the last page. `rows(ids)` loads
    the objects of the page (by default `queryset` filtered on them, which runs its filters again)."""
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    keys = list(queryset.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[offset:offset + per_page])
    if keys:
        paginator.count = keys[0][1]  # the cached property, known without a COUNT query
    elif number > 1:  # past the end: the last page
        return page_of(queryset, paginator.num_pages, per_page, rows)
    else:
        paginator.count = 0
    ids = [pk for pk, _total in keys]
    loaded = {row.pk: row for row in (rows(ids) if rows else queryset.filter(pk__in=ids).order_by())}
    return Page([loaded[pk] for pk in ids if pk in loaded], number, paginator)

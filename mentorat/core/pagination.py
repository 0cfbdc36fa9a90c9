"""Pages of big lists that load only the rows shown.

`Paginator(queryset)` counts the full queryset, then sorts it with all its joins and annotations
before it keeps a page: on 7,000 pairs joined to their people and organisations, with session counts,
that dominates the page (benchmarks/README.md). `page_of` counts the rows that the filters keep (a
COUNT without the sort, nor the joins that only the sort needs), reads the page's primary keys with
ORDER BY ... LIMIT on the narrow query that the filters and the sort need — which an index in the
sort's order answers without sorting everything — then loads the page's rows with everything else,
by primary key (`rows`). Counting in the keys' query (COUNT(*) OVER ()) would make the database read
and sort every row to give 25."""

from django.core.paginator import Page, Paginator


def page_of(queryset, number, per_page, rows=None):
    """The Django `Page` `number` of `queryset` (ordered), whose object_list holds full objects.
    A number that is not one gives the first page, one past the end the last page. `rows(ids)` loads
    the objects of the page (by default `queryset` filtered on them, which runs its filters again)."""
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    paginator.count = queryset.count()  # the cached property, set here with the same query
    number = min(number, paginator.num_pages)
    offset = (number - 1) * per_page
    if not paginator.count:
        return Page([], number, paginator)
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + per_page])
    loaded = {row.pk: row for row in (rows(ids) if rows else queryset.filter(pk__in=ids).order_by())}
    return Page([loaded[pk] for pk in ids if pk in loaded], number, paginator)

"""Pages of big lists that load only the rows shown.

`Paginator(queryset)` sorts the full queryset, with all its joins and annotations, before it keeps a
page: on 7,000 pairs joined to their people, organisations and branches, that sort dominates the page
(benchmarks/README.md). `page_of` pages the primary keys first — the ORDER BY ... LIMIT runs on the
narrow query the filters and the sort need — then loads the page's rows with everything else."""

from django.core.paginator import Paginator


def page_of(queryset, number, per_page):
    """The Django `Page` `number` of `queryset` (ordered), whose object_list holds full objects."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page

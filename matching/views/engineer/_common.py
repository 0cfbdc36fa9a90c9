"""What the pages of the matching console share: the run a page is about, how a service's refusal
is shown, where a correction leads back to."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from mentorat.core.editions.selection import EDITION_PARAM, show_edition

from ...enums import RunStatus
from ...models import MatchingRun

ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


def _run_or_404(request, run_id):
    """A run of any edition (the engineer sees them all): the page is in the run's edition, and the
    edition selector leads back to the console."""
    run = get_object_or_404(MatchingRun.objects.select_related("programme", "track"), pk=run_id)
    show_edition(request, run.programme, action=reverse("matching:console"))
    return run


def _service_error(form, error, field):
    """Show a service's ValidationError next to `field` (or a field it names), else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


def _no_longer_draft(request, run, error):
    """A correction refused because the run is no longer a draft (published or replaced meanwhile):
    the page will have no form to show the error next to, so it becomes a message."""
    run.refresh_from_db(fields=["status"])
    if run.status == RunStatus.DRAFT:
        return False
    messages.error(request, " ".join(error.messages))
    return True


def _next_url(request, fallback, *, param=None):
    """The `next` address posted (or `param`, one read elsewhere) when it is of this site, else `fallback`."""
    target = request.POST.get("next", "") if param is None else param
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _detail_url(run, request=None, mentee=None):
    url = reverse("matching:run_detail", args=[run.pk])
    if request is not None:
        url = _next_url(request, url)
    return f"{url}#mentore-{mentee.pk}" if mentee is not None else url


def _in_edition(url_name, programme):
    """The address of a console page in `programme`'s edition, whatever the session remembers."""
    return f"{reverse(url_name)}?{EDITION_PARAM}={programme.slug}"

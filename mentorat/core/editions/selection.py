"""Which edition a page is about.

A page about one object (an application, a pair, a matching run, a questionnaire, a charter) is in
the edition of that object. A staff page that lists things (the engineer's and the HR referents')
shows the edition chosen in its selector: `?edition=<slug>` in the address, remembered in the
session so that the next pilotage page, a form's redirect or a link from the dashboard stay in it;
without a choice, the edition that makes sense now (`default_edition`). Participants choose nothing:
their pages follow their own applications (`participant_editions`).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from ..enums import ProgrammeStatus
from ..models import Programme

EDITION_PARAM = "edition"
SESSION_KEY = "mentorat_edition"


def editions_for_staff(user):
    """The editions a staff member may look at, latest first: every edition for the programme
    engineer (those in preparation are hers to edit), the opened and archived ones for HR referents."""
    editions = Programme.objects.order_by("-starts_on", "slug")
    if not getattr(user, "is_programme_engineer", False):
        editions = editions.exclude(status=ProgrammeStatus.PREPARATION)
    return editions


def default_edition(editions, at=None):
    """The edition a staff page opens on when none was chosen: among the opened editions, the one
    whose programme is running (or whose call is open, or being matched: the latest such), else the
    latest opened one, else (for the engineer) the latest in preparation."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    opened = [e for e in editions if e.status == ProgrammeStatus.LIVE]
    running = [e for e in opened if e.starts_on <= today <= e.ends_on]
    if running:
        return running[0]
    started = [e for e in opened if e.call_opens_at <= at]
    for pool in (started, opened, list(editions)):
        if pool:
            return pool[0]
    return None


@dataclass
class EditionSelector:
    """What the page's edition selector shows (templates/core/editions/_selector.html)."""

    current: Programme
    editions: list
    action: str

    @property
    def several(self):
        return len(self.editions) > 1


def _remember(request, edition, editions, action):
    if request.session.get(SESSION_KEY) != edition.slug:
        request.session[SESSION_KEY] = edition.slug
    request.edition_selector = EditionSelector(current=edition, editions=editions, action=action or request.path)


def edition_for_page(request, *, action=None, required=True):
    """The edition a staff list page shows: the one named by `?edition=` (404 when the person may
    not see it), else the one remembered from their last choice, else `default_edition`. Raises 404
    when there is no edition at all, unless `required` is False (a dashboard then says so and
    returns None). `action` is where the selector leads (this page by default)."""
    editions = list(editions_for_staff(request.user))
    by_slug = {edition.slug: edition for edition in editions}
    slug = request.GET.get(EDITION_PARAM)
    if slug:
        edition = by_slug.get(slug)
        if edition is None:
            raise Http404
    else:
        edition = by_slug.get(request.session.get(SESSION_KEY)) or default_edition(editions)
    if edition is None:
        if required:
            raise Http404
        return None
    _remember(request, edition, editions, action)
    return edition


def show_edition(request, edition, *, action):
    """A staff page about one object is in that object's edition: it becomes the remembered choice
    (the way back to the list stays in it) and the selector leads to the list page `action`."""
    _remember(request, edition, list(editions_for_staff(request.user)), action)
    return edition


def participant_editions(user):
    """The opened or archived editions in which the person has an application that is not
    withdrawn, latest first: what their dashboard lists."""
    from candidatures.enums import ApplicationStatus
    from candidatures.models import Application

    applications = Application.objects.filter(programme=OuterRef("pk"), user=user).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    return (
        Programme.objects.exclude(status=ProgrammeStatus.PREPARATION)
        .filter(Exists(applications))
        .order_by("-starts_on")
    )


def open_call_edition(at=None):
    """The opened edition whose call for applications is open now (the latest if, unusually, two
    are), or None."""
    at = at or timezone.now()
    return (
        Programme.objects.filter(status=ProgrammeStatus.LIVE, call_opens_at__lte=at, call_closes_at__gt=at)
        .order_by("-starts_on")
        .first()
    )

"""Writes on the library and the mentors' training."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.core.services import CREATED, UNCHANGED

from . import reference_pages
from .agenda_pages import AGENDA_PAGES
from .enums import ResourceKind
from .models import Resource, TrainingAttendance, TrainingSession


def _unique_slug(title, *, exclude_pk=None):
    base = slugify(title)[:190] or "ressource"
    taken = set(Resource.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _delete_file_on_commit(storage, name):
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def resource_save(*, resource, previous_file_name=""):
    """Save a resource checked by ResourceForm. A page keeps no file; a file the resource no longer
    uses is deleted from the storage once the transaction commits."""
    if resource.kind == ResourceKind.PAGE and resource.file:
        resource.file = ""
    if not resource.file:
        resource.file_name, resource.file_size = "", None
    if not resource.slug:
        resource.slug = _unique_slug(resource.title, exclude_pk=resource.pk)
    storage = resource.file.storage
    resource.save()
    if previous_file_name and previous_file_name != resource.file.name:
        _delete_file_on_commit(storage, previous_file_name)
    return resource


def resource_set_published(*, resource, published):
    if resource.published != published:
        resource.published = published
        resource.save(update_fields=["published", "updated_at"])
    return resource


@transaction.atomic
def resource_delete(*, resource):
    """Delete the resource and, once committed, its file."""
    storage, name = resource.file.storage, resource.file.name
    resource.delete()
    _delete_file_on_commit(storage, name)


@transaction.atomic
def training_attendance_record(*, programme, by, mentor_ids, present, now=None):
    """Record who attended which training session of `programme`, for the people of one page.

    `mentor_ids` are the user ids the page showed, `present` the (session id, user id) pairs ticked.
    A ticked box creates or confirms a presence, an unticked one turns a recorded presence into an
    absence; rows that do not change are not written. Returns the number of rows written.
    """
    now = now or timezone.now()
    mentor_ids = set(mentor_ids)
    sessions = {session.pk: session for session in TrainingSession.objects.filter(programme=programme)}
    mentors = set(
        Application.objects.filter(
            programme=programme,
            role=ApplicationRole.MENTOR,
            status=ApplicationStatus.VALIDATED,
            user_id__in=mentor_ids,
        ).values_list("user_id", flat=True)
    )
    present = set(present)
    if mentor_ids - mentors or any(s not in sessions or u not in mentor_ids for s, u in present):
        raise ValidationError(
            _(
                "Le formulaire mentionne une session ou un mentor qui n'appartient pas à ce programme. Rechargez la page."
            )
        )
    existing = {
        (row.session_id, row.user_id): row
        for row in TrainingAttendance.objects.filter(session_id__in=sessions, user_id__in=mentors)
    }
    to_create, to_update = [], []
    for session_id in sessions:
        for user_id in mentors:
            attended = (session_id, user_id) in present
            row = existing.get((session_id, user_id))
            if row is None:
                if attended:
                    to_create.append(
                        TrainingAttendance(
                            session_id=session_id, user_id=user_id, attended=True, recorded_by=by, recorded_at=now
                        )
                    )
            elif row.attended != attended:
                row.attended, row.recorded_by, row.recorded_at = attended, by, now
                to_update.append(row)
    TrainingAttendance.objects.bulk_create(to_create)
    TrainingAttendance.objects.bulk_update(to_update, ["attended", "recorded_by", "recorded_at"])
    return len(to_create) + len(to_update)


@transaction.atomic
def reference_resources_load():
    """Create the platform's own pages (mentoring guide, first session, the four agenda templates)
    when they are missing.

    Found by slug. Unlike the reference data, a page that exists is never overwritten: the programme
    engineer may have improved it on the platform. Returns Counter(created=…, unchanged=…).
    """
    counts = Counter()
    pages = [{"kind": ResourceKind.PAGE, **page} for page in reference_pages.PAGES] + AGENDA_PAGES
    slugs = [page["slug"] for page in pages]
    existing = set(Resource.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    # A stage whose template the engineer already chose (another page) keeps it.
    taken = set(
        Resource.objects.filter(programme__isnull=True).exclude(agenda_stage="").values_list("agenda_stage", flat=True)
    )
    for page in pages:
        if page["slug"] in existing or page.get("agenda_stage") in taken:
            counts[UNCHANGED] += 1
            continue
        Resource.objects.create(**page)
        counts[CREATED] += 1
    return counts

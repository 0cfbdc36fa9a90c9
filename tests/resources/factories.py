"""Factories of the library and the training. Traits name scenarios: ResourceFactory(pdf=True, for_mentors=True)."""

import datetime
import io

import factory
from django.core.files.base import ContentFile

from mentorat.resources.enums import Audience, ResourceKind
from mentorat.resources.models import Resource, TrainingAttendance, TrainingSession
from tests.factories import PARIS, ProgrammeFactory, UserFactory


def pdf_bytes(padding=0):
    """A real one-page PDF (pypdf), grown by `padding` bytes of trailing comment when asked."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    content = out.getvalue()
    if padding:
        content += b"\n%" + b"0" * max(0, padding - 3) + b"\n"
    return content


def pdf_of_size(size):
    content = pdf_bytes()
    return pdf_bytes(padding=size - len(content))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Ressource {n:03d}")
    slug = factory.Sequence(lambda n: f"ressource-{n:03d}")
    summary = "Une ressource utile."
    kind = ResourceKind.PAGE
    body = "## Une section\n\nDu texte **important**."
    audience = Audience.EVERYONE
    published = True

    class Params:
        for_mentors = factory.Trait(audience=Audience.MENTORS)
        for_mentees = factory.Trait(audience=Audience.MENTEES)
        for_hr = factory.Trait(audience=Audience.HR)
        unpublished = factory.Trait(published=False)
        pdf = factory.Trait(
            kind=ResourceKind.FILE,
            body="",
            file=factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="support.pdf")),
            file_name="support.pdf",
            file_size=factory.LazyAttribute(lambda o: o.file.size),
        )


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Formation des mentors · session {n + 1}")
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2026, 9, 29, 14, 0, tzinfo=PARIS) + datetime.timedelta(days=7 * n)
    )
    duration_minutes = 180
    location_or_link = "https://visio.example.fr/formation"


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingAttendance

    session = factory.SubFactory(TrainingSessionFactory)
    user = factory.SubFactory(UserFactory)
    attended = True

"""The engineer's pages about editions: the list, the preparation of the next one, its opening and archiving."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required
from mentorat.core.idempotency import idempotent_post

from ..enums import ProgrammeStatus, Role
from ..models import Programme
from ..selectors import editions_latest_first
from .forms import EditionPrepareForm
from .services import next_edition_initial, programme_archive, programme_open, programme_prepare_next


@role_required(Role.PROGRAMME_ENGINEER)
def edition_list(request):
    return render(
        request,
        "core/editions/list.html",
        {"editions": list(editions_latest_first())},
    )


def _source_for_initial(request):
    editions = Programme.objects.order_by("-starts_on")
    return editions.filter(slug=request.GET.get("depuis", "")).first() or editions.first()


@role_required(Role.PROGRAMME_ENGINEER)
@idempotent_post
def edition_prepare(request):
    if request.method == "POST":
        form = EditionPrepareForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                programme = programme_prepare_next(by=request.user, **data)
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    for message in field_errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _(
                        "L'édition « %s » est préparée. Elle reste invisible des participants tant qu'elle n'est pas ouverte."
                    )
                    % programme.name,
                )
                return redirect("core:edition_list")
    else:
        source = _source_for_initial(request)
        form = EditionPrepareForm(initial=next_edition_initial(source) if source else None)
    return render(request, "core/editions/prepare.html", {"form": form})


def _edition_step(request, pk, *, status, step, done, template):
    """The page of one step of an edition's life (open, archive): GET explains it, POST takes it
    through its service, whose refusal comes back as a French message."""
    programme = get_object_or_404(Programme, pk=pk, status=status)
    if request.method == "POST":
        try:
            step(programme=programme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done % programme.name)
        return redirect("core:edition_list")
    return render(request, template, {"edition": programme})


@role_required(Role.PROGRAMME_ENGINEER)
def edition_open(request, pk):
    return _edition_step(
        request, pk, status=ProgrammeStatus.PREPARATION, step=programme_open,
        done=_("L'édition « %s » est ouverte."), template="core/editions/open.html",
    )  # fmt: skip


@role_required(Role.PROGRAMME_ENGINEER)
def edition_archive(request, pk):
    return _edition_step(
        request, pk, status=ProgrammeStatus.LIVE, step=programme_archive,
        done=_("L'édition « %s » est archivée."), template="core/editions/archive.html",
    )  # fmt: skip

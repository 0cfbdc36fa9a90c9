"""The engineer archives an edition whose evaluation is over (`programme_archive`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required

from ..enums import ProgrammeStatus, Role
from ..models import Programme
from .services import programme_archive


@role_required(Role.PROGRAMME_ENGINEER)
def edition_archive(request, pk):
    programme = get_object_or_404(Programme, pk=pk, status=ProgrammeStatus.LIVE)
    if request.method == "POST":
        try:
            programme_archive(programme=programme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("L'édition « %s » est archivée.") % programme.name)
        return redirect("core:edition_list")
    return render(request, "core/editions/archive.html", {"edition": programme})

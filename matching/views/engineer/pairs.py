"""The engineer ends a pair (of any edition: the page is in the pair's edition)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import show_edition
from mentorat.core.enums import Role
from sessions_binome.models import Pair

from ... import services
from ...forms import PairEndForm
from ._common import _in_edition, _service_error


@role_required(Role.PROGRAMME_ENGINEER)
def pair_end_view(request, pair_id):
    pair = get_object_or_404(
        Pair.objects.select_related(
            "programme", "mentee", "mentor", "track", "mentee_organisation", "mentor_organisation"
        ),
        pk=pair_id,
    )
    programme = show_edition(request, pair.programme, action=reverse("matching:console"))
    form = PairEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_end(pair=pair, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _service_error(form, error, "reason")
        else:
            messages.success(
                request,
                _("Le binôme est arrêté. Le mentor en est informé ; %(mentee)s va recevoir de nouvelles propositions.")
                % {"mentee": pair.mentee.get_full_name()},
            )
            return redirect(_in_edition("matching:console", programme))
    return render(request, "matching/engineer/pair_end.html", {"programme": programme, "pair": pair, "form": form})

"""The mentee's mid-term check-in on her objectives."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorat.core.idempotency import idempotent_post

from ..forms import ObjectiveAssessmentForm
from ..models import Pair, PairFrame, PairObjective
from ..perms import get_pair_for_member
from . import services
from .selectors import mid_assessment_open, progress_rows


@idempotent_post
def mid_assessment(request, pk):
    """« Point à mi-parcours »: the mentee's own page (the mentor and anyone else: 404), open from the
    middle of the pair's dates to its end."""
    pair = get_pair_for_member(request.user, pk)
    Pair.frame.related.set_cached_value(pair, PairFrame.objects.filter(pair=pair).first())
    objectives = list(PairObjective.objects.filter(pair=pair).order_by("position"))
    if request.user.pk != pair.mentee_id or not objectives or not mid_assessment_open(pair):
        raise Http404
    form = ObjectiveAssessmentForm(request.POST or None, objectives=objectives, stage="mid")
    if request.method == "POST" and form.is_valid():
        try:
            services.objectives_mid_assess(pair=pair, by=request.user, assessments=form.assessments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre point à mi-parcours est enregistré. Bonne suite !"))
            return redirect("sessions_binome:pair_detail", pair.pk)
    return render(
        request,
        "sessions_binome/mid_assessment.html",
        {"pair": pair, "form": form, "progress_rows": progress_rows(objectives)},
    )

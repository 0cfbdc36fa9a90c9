"""A member's fit check (« Ce binôme vous convient-il ? ») and private rating of a held session. Both
pages are for the pair's two members; anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import SessionStatus
from ..models import FitAnswer, MentoringSession, SessionRating
from ..perms import get_pair_for_member
from ..sessions.views import get_session_for_member
from . import services
from .forms import FitCheckForm, SessionRatingForm

_THANKS = {
    FitAnswer.YES: gettext_lazy("Merci, votre réponse est enregistrée. Bonne suite à votre binôme !"),
    FitAnswer.TALK: gettext_lazy(
        "Votre réponse est enregistrée. L'équipe du programme, qui voit seulement qu'un point est à faire, "
        "vous proposera d'en parler."
    ),
}


def fit_check(request, pk):
    pair = get_pair_for_member(request.user, pk)
    held = MentoringSession.objects.filter(pair=pair, status=SessionStatus.HELD).count()
    if not services.fit_check_open(pair, held):
        raise Http404
    current = services.fit_check_of(pair, request.user)
    is_mentor = request.user.pk == pair.mentor_id
    form = FitCheckForm(
        request.POST if request.method == "POST" else None,
        initial={"answer": current.answer if current else None},
        is_mentor=is_mentor,
    )
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        try:
            services.fit_check_answer(pair=pair, by=request.user, answer=answer)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if answer == FitAnswer.CHANGE and not is_mentor:
                messages.info(
                    request,
                    _(
                        "Votre réponse est enregistrée. Pour changer de mentor, indiquez le motif ci-dessous : "
                        "vous recevrez aussitôt de nouvelles propositions."
                    ),
                )
                return redirect("matching:change_mentor", pair.pk)
            if answer == FitAnswer.CHANGE:
                messages.success(
                    request,
                    _(
                        "Votre réponse est enregistrée. L'équipe du programme en est informée et reviendra "
                        "vers vous pour en parler."
                    ),
                )
            else:
                messages.success(request, _THANKS[answer])
            return redirect("sessions_binome:pair_detail", pair.pk)
    return render(
        request,
        "sessions_binome/health/fit_check.html",
        {
            "pair": pair,
            "form": form,
            "current": current,
            "other": pair.mentee if is_mentor else pair.mentor,
            "is_mentor": is_mentor,
        },
    )


def session_rating(request, pk):
    session = get_session_for_member(request.user, pk)
    if session.status != SessionStatus.HELD:
        raise Http404
    rating = SessionRating.objects.filter(session=session, author=request.user).first()
    initial = {"score": rating.score, "comment": rating.comment} if rating else {}
    form = SessionRatingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_rate(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre appréciation est enregistrée ; vous seul·e pouvez la lire."))
            return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request,
        "sessions_binome/health/session_rating.html",
        {"session": session, "pair": session.pair, "form": form, "rating": rating},
    )

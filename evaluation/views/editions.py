"""Editions side by side: the programme engineer compares every edition, an HR referent the same
figures over their organisations (SPEC §9). Figures from `evaluation.indicators.editions`."""

from django.shortcuts import render

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids
from mentorat.core.enums import Role
from mentorat.core.models import Programme

from ..indicators.editions import editions_compare


def _page(request, *, organisation_ids, back, indicators):
    programmes = list(Programme.objects.order_by("starts_on", "slug"))
    context = {
        "programmes": programmes,
        # The engineer's counts of applications and pairs are exact, as on her indicators pages.
        "comparison": editions_compare(
            programmes, organisation_ids=organisation_ids, exact_counts=organisation_ids is None
        ),
        "is_hr": organisation_ids is not None,
        "back": back,
        "indicators": indicators,
    }
    return render(request, "evaluation/editions.html", context)


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_editions(request):
    return _page(
        request, organisation_ids=None, back="evaluation:engineer_home", indicators="evaluation:engineer_indicators"
    )


@role_required(Role.HR_REFERENT)
def hr_editions(request):
    return _page(
        request,
        organisation_ids=hr_organisation_ids(request.user),
        back="core:dashboard_hr",
        indicators="evaluation:hr_indicators",
    )

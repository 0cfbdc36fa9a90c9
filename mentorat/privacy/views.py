import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required
from mentorat.accounts.reauth import reauthentication_redirect
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import Role

from .selectors import person_archive
from .services import is_anonymised, person_erase


def my_data(request):
    return render(request, "privacy/my_data.html")


def my_data_download(request):
    redirect_response = reauthentication_redirect(request)
    if redirect_response is not None:
        return redirect_response
    archive = person_archive(request.user)
    audit_log(AuditAction.DATA_EXPORT, target=f"user:{request.user.pk}")
    response = HttpResponse(
        json.dumps(archive, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@role_required(Role.PROGRAMME_ENGINEER)
def erasure_list(request):
    people = (
        get_user_model().objects.exclude(email__endswith="@anonymise.invalid").order_by("last_name", "first_name", "pk")
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        people = people.filter(email__icontains=query) | people.filter(last_name__icontains=query)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/erasure_list.html",
        {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""},
    )


@role_required(Role.PROGRAMME_ENGINEER)
def erasure_confirm(request, user_id):
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        redirect_response = reauthentication_redirect(request)
        if redirect_response is not None:
            return redirect_response
        if person == request.user or is_anonymised(person):
            messages.error(request, _("Cette personne ne peut pas être anonymisée."))
        else:
            person_erase(user=person, by=request.user)
            messages.success(request, _("Les données de la personne ont été anonymisées."))
        return redirect("privacy:erasure_list")
    return render(request, "privacy/erasure_confirm.html", {"person": person})

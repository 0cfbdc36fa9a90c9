"""The engineer's page of people: who holds which role, roles granted and removed, password-reset
links sent. The admin shows people read-only (mentorat/accounts/admin.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentorat.core.enums import Role
from mentorat.core.sorting import SortColumn, Sorting

from .decorators import role_required
from .forms import PersonRolesForm, ProfileForm
from .models import User
from .reauth import reauthentication_redirect
from .services import person_password_reset_send, person_roles_set

ROLE_FILTERS = {
    "engineer": Q(is_programme_engineer=True),
    "hr": Q(hr_count__gt=0),
}

SORT_COLUMNS = {
    "nom": SortColumn(gettext_lazy("Nom"), ("last_name", "first_name")),
    "adresse": SortColumn(gettext_lazy("Adresse"), ("email",)),
    "organisme": SortColumn(gettext_lazy("Organisme"), ("organisation__name", "last_name")),
}


@role_required(Role.PROGRAMME_ENGINEER)
def people_list(request):
    people = User.objects.select_related("organisation").annotate(hr_count=Count("hr_organisations"))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        people = people.filter(
            Q(email__icontains=query) | Q(last_name__icontains=query) | Q(first_name__icontains=query)
        )
    role = request.GET.get("role", "")
    if role in ROLE_FILTERS:
        people = people.filter(ROLE_FILTERS[role])
    sorting = Sorting(request.GET, SORT_COLUMNS, default="nom")
    page = Paginator(sorting.apply(people), 50).get_page(request.GET.get("page"))
    params = {key: value for key, value in (("q", query), ("role", role), ("tri", sorting.value)) if value}
    context = {"page": page, "q": query, "role": role, "query": urlencode(params), "sorting": sorting}
    return render(request, "accounts/people_list.html", context)


@role_required(Role.PROGRAMME_ENGINEER)
def person_roles(request, user_id):
    person = get_object_or_404(User.objects.select_related("organisation"), pk=user_id)
    # A fresh password before the form, so that nothing typed is lost; allauth brings the person back.
    redirect_response = reauthentication_redirect(request)
    if redirect_response is not None:
        return redirect_response
    is_self = person.pk == request.user.pk
    initial = {
        "is_engineer": person.is_programme_engineer,
        "hr_organisations": list(person.hr_organisations.values_list("pk", flat=True)),
    }
    form = PersonRolesForm(request.POST if request.method == "POST" else None, person=person, initial=initial)
    if is_self:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            changed = person_roles_set(
                person=person,
                by=request.user,
                is_engineer=form.cleaned_data["is_engineer"],
                hr_organisations=form.cleaned_data["hr_organisations"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("Les rôles ont été modifiés ; la personne en est informée par e-mail."))
            else:
                messages.info(request, _("Aucun changement."))
            return redirect("accounts:person_roles", user_id=person.pk)
    status = 403 if is_self and request.method == "POST" else 200
    return render(
        request, "accounts/person_roles.html", {"person": person, "form": form, "is_self": is_self}, status=status
    )


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def person_password_reset(request, user_id):
    person = get_object_or_404(User, pk=user_id)
    redirect_response = reauthentication_redirect(request)
    if redirect_response is not None:
        return redirect_response
    try:
        person_password_reset_send(person=person, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Un lien pour choisir un nouveau mot de passe a été envoyé à %(email)s.") % {"email": person.email},
        )
    return redirect("accounts:person_roles", user_id=person.pk)


def profile(request):
    """The person's own profile: name, job, phone number."""
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(request, "accounts/profile.html", {"form": form})

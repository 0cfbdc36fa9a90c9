from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


class PasswordSummaryWidget(auth_forms.ReadOnlyPasswordHashWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The field stays disabled (its value is never read from the request), but Django writes
        # `disabled` on the summary's <div> too, where HTML allows no such attribute.
        context["widget"]["attrs"].pop("disabled", None)
        return context


class UserChangeForm(auth_forms.UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSummaryWidget()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "is_programme_engineer",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_programme_engineer", "is_staff", "is_active", "organisation__branch"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["hr_organisations", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "organisation", "job_title"]}),
        (_("Rôles"), {"fields": ["is_programme_engineer", "hr_organisations"]}),
        (
            _("Administration du site"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "first_name", "last_name", "password1", "password2"]})
    ]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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

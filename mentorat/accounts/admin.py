"""People in the admin: a read-only list. The admin manages reference data only (SPEC §3): no
password, no reset link, no secret and no role flag can be changed here. Roles are granted by a
programme engineer on the platform (`accounts:people`), after a fresh password, audited; superuser
status comes from `createsuperuser` on the command line only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
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
    # No "password" field (its summary links to the admin's set-password form), no groups or
    # permissions (they would grant admin rights).
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "organisation", "job_title"]}),
        (_("Rôles"), {"fields": ["is_programme_engineer", "hr_organisations", "is_staff", "is_superuser"]}),
        (_("Compte"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    readonly_fields = [field for fieldset in fieldsets for field in fieldset[1]["fields"]]

    # Shown, never changed, added or deleted: Django then renders the page read-only and answers a
    # POST with 403, for superusers too.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

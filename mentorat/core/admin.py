from django.contrib import admin

from .models import Branch, Organisation, Programme, Theme, Track


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "branch", "region", "is_active"]
    list_filter = ["branch", "region", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["branch"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position"]


class TrackInline(admin.StackedInline):
    model = Track
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "call_opens_at", "call_closes_at", "starts_on", "ends_on"]
    inlines = [TrackInline]


# What the admin may hold: reference data, and people read-only (mentorat/accounts/admin.py).
# Deny by default: every other registration, including those of installed libraries (allauth's
# e-mail addresses and authenticators with their TOTP secrets, Django's groups with their
# permissions, login-attempt logs, sessions, tokens), is removed at start-up. A new reference model
# is added here on purpose, with its test in tests/security/test_admin_reference_data.py.
REFERENCE_DATA = frozenset(
    {
        "core.Branch",
        "core.Organisation",
        "core.Theme",
        "core.Programme",
        "accounts.User",
        "resources.Resource",
        "resources.TrainingSession",
        "sessions_binome.Charter",
    }
)


def restrict_to_reference_data(site):
    """Unregister from `site` every model that is not reference data; returns their labels."""
    removed = [model for model in site._registry if model._meta.label not in REFERENCE_DATA]
    for model in removed:
        site.unregister(model)
    return sorted(model._meta.label for model in removed)

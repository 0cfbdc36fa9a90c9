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

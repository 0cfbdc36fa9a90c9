from django.contrib import admin

from . import services
from .forms import ResourceForm
from .models import Resource, TrainingSession

# Attendance is personal data about mentors: it is recorded on the engineer's pages, never in the admin.


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    # The same checks as on the engineer's pages: PDF only, 10 Mo at most, text for a page.
    form = ResourceForm
    list_display = ["title", "kind", "audience", "programme", "published", "position", "updated_at"]
    list_filter = ["kind", "audience", "published", "programme"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["file_name", "file_size", "created_at", "updated_at"]
    list_select_related = ["programme"]

    def save_model(self, request, obj, form, change):
        services.resource_save(resource=obj, previous_file_name=form.previous_file_name)

    def delete_model(self, request, obj):
        services.resource_delete(resource=obj)


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "starts_at", "duration_minutes", "location_or_link"]
    list_filter = ["programme"]
    list_select_related = ["programme"]

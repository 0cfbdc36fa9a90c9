"""Only the charter is in the admin. Frames, objectives, signatures and sessions are the pairs'
confidential content: they are never registered here."""

from django.contrib import admin

from .models import Charter


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["programme", "version", "title", "published_at"]
    list_filter = ["programme"]
    ordering = ["programme", "-version"]

    def get_readonly_fields(self, request, obj=None):
        # A published version is what pairs signed: it never changes, here either.
        if obj is not None and obj.is_published:
            return [field.name for field in self.model._meta.fields]
        return ["published_at", "published_by", "created_by", "created_at", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published

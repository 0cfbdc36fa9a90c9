"""Who may see what: a notification is its addressee's only (404 for anyone else)."""

from django.shortcuts import get_object_or_404

from .models import Notification


def get_notification_for_user(user, pk):
    return get_object_or_404(Notification, pk=pk, user=user)

"""Reads of a pair's thread: for its two members only (the views check membership first)."""

from django.urls import reverse

from ..models import PairMessage


def thread_url(pair):
    return reverse("sessions_binome:pair_messages", args=[pair.pk])


def messages_of_pair(pair):
    """Every message of the pair, oldest first, with its author (one query)."""
    return PairMessage.objects.filter(pair=pair).select_related("author").order_by("created_at", "pk")


def unread_for(pair, user):
    """The messages of the other member that `user` has not read yet."""
    return PairMessage.objects.filter(pair=pair, read_at__isnull=True).exclude(author=user)


def unread_count(pair, user):
    return unread_for(pair, user).count()


def messages_authored(user):
    """The person's own messages, for their data archive."""
    return PairMessage.objects.filter(author=user)

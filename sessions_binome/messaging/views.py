"""The pair's thread: its two members read it and write in it; anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorat.core.idempotency import idempotent_post

from ..perms import get_pair_for_member
from . import services
from .forms import MessageForm
from .selectors import messages_of_pair


@idempotent_post
def thread(request, pk):
    pair = get_pair_for_member(request.user, pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_post(pair=pair, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre message est envoyé."))
            return redirect("sessions_binome:pair_messages", pair.pk)
    just_read = services.messages_mark_read(pair=pair, reader=request.user) if request.method == "GET" else set()
    thread = list(messages_of_pair(pair))
    for message in thread:
        message.is_mine = message.author_id == request.user.pk
        message.is_new = message.pk in just_read
    other = pair.mentee if request.user.pk == pair.mentor_id else pair.mentor
    return render(
        request,
        "sessions_binome/messaging/thread.html",
        {"pair": pair, "other": other, "thread": thread, "form": form, "can_write": pair.is_open},
    )

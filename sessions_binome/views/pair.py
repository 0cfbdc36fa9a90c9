"""The pair's page: what the two members share."""

from django.shortcuts import render

from ..perms import get_pair_for_member


def pair_detail(request, pk):
    pair = get_pair_for_member(request.user, pk)
    return render(request, "sessions_binome/pair_detail.html", {"pair": pair})

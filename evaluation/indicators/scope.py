"""What the indicators are about: a programme, optionally a track, a branch, an organisation, and
the HR referent's organisations."""

from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils.translation import gettext as _

from mentorat.core.models import Branch, Track


@dataclass(frozen=True)
class Scope:
    programme: object
    track: Track | None = None
    branch: Branch | None = None
    organisation: object = None
    organisation_ids: frozenset | None = None  # an HR referent: their organisations only
    # The programme engineer's own pages: she already sees every application, pair and session by
    # name, so their counts are exact; survey figures keep the small-group rule (`privacy.suppress`).
    # Never set for an HR referent, a report or an export.
    exact_counts: bool = False

    def _side(self, prefix):
        q = Q()
        if self.branch is not None:
            q &= Q(**{f"{prefix}organisation__branch": self.branch})
        if self.organisation is not None:
            q &= Q(**{f"{prefix}organisation": self.organisation})
        if self.organisation_ids is not None:
            q &= Q(**{f"{prefix}organisation_id__in": self.organisation_ids})
        return q

    def people_q(self, prefix=""):
        """On Application or Response (or through `prefix`): the person's track and organisation."""
        q = self._side(prefix)
        if self.track is not None:
            q &= Q(**{f"{prefix}track": self.track})
        return q

    def pairs_q(self):
        q = Q(programme=self.programme)
        if self.track is not None:
            q &= Q(track=self.track)
        side = self._side("")
        if side:
            q &= self._side("mentee_application__") | self._side("mentor_application__")
        return q

    def person_matches(self, organisation_id, branch_id):
        return (
            (self.branch is None or branch_id == self.branch.pk)
            and (self.organisation is None or organisation_id == self.organisation.pk)
            and (self.organisation_ids is None or organisation_id in self.organisation_ids)
        )

    def cache_key(self):
        """Names the scope in the shared cache: the objects by primary key, the organisations sorted."""
        ids = ",".join(str(pk) for pk in sorted(self.organisation_ids)) if self.organisation_ids is not None else "all"
        parts = [
            self.programme.pk,
            getattr(self.track, "pk", ""),
            getattr(self.branch, "pk", ""),
            getattr(self.organisation, "pk", ""),
            ids,
            "exact" if self.exact_counts else "rule",
        ]
        return "indicators:" + ":".join(str(part) for part in parts)

    def with_track(self, track):
        return replace(self, track=track)

    def description(self):
        parts = []
        if self.organisation_ids is not None:
            parts.append(_("organismes du référent RH"))
        if self.track is not None:
            parts.append(_("parcours %(code)s") % {"code": self.track.code})
        if self.branch is not None:
            parts.append(_("branche %(name)s") % {"name": self.branch.name.lower()})
        if self.organisation is not None:
            parts.append(str(self.organisation))
        return ", ".join(parts) or _("tout le programme")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidatures.demo import DEMO_LOGINS, DEMO_MENTOR, DEMO_PASSWORD, PROGRAMME_SLUG, demo_data_load
from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from evaluation.demo import evaluation_demo_load
from matching.demo import matching_demo_load
from mentorat.accounts.demo import DEMO_TOTP_SECRET, demo_totp_load
from mentorat.accounts.models import User
from mentorat.core.editions.demo import editions_demo_load
from mentorat.core.emails import emails_suppressed
from mentorat.core.models import Organisation, Programme
from mentorat.core.services import CREATED, UPDATED, reference_data_load
from mentorat.notifications.demo import reminders_demo_load
from mentorat.resources.demo import resources_demo_load
from sessions_binome.closing.demo import closing_demo_load
from sessions_binome.demo_frame import frame_demo_load
from sessions_binome.demo_sessions import sessions_demo_load
from sessions_binome.health.demo import health_demo_load
from sessions_binome.messaging.demo import messages_demo_load

from .seed_reference import write_reference_counts


class Command(BaseCommand):
    help = (
        "Charge les données de référence puis les données de démonstration : ingénieure, référents RH, "
        "mentors et mentorés avec leurs candidatures. Une seconde exécution ne change rien."
    )

    def handle(self, *args, **options):
        # The demo's engineer and site admin log in with the password and TOTP key printed in the
        # README: such accounts must never exist on a real platform. The demo runs with DEBUG on
        # (scripts/demo.sh); the test suite has its own flag.
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError(
                _(
                    "seed_demo refuse de s'exécuter avec DEBUG=false : ses comptes de démonstration "
                    "(ingénieure, administrateur) ont un mot de passe et une clé TOTP publiés dans le README. "
                    "En production, chargez seulement les données de référence : manage.py seed_reference."
                )
            )
        # Demo people are fictitious: nothing is emailed, including what runs once the data is committed.
        with emails_suppressed(), transaction.atomic():
            write_reference_counts(self.stdout, reference_data_load())
            result = demo_data_load()
            demo_totp_load()
            programme = Programme.objects.get(slug=PROGRAMME_SLUG)
            engineer = User.objects.filter(is_programme_engineer=True).order_by("pk").first()
            matching = matching_demo_load(programme, engineer=engineer)
            frame_demo_load(programme)  # frames and charters of the pairs just made
            sessions_demo_load(programme)  # sessions of the active pairs
            messages_demo_load(programme)  # the pairs' messages, the demo mentee's last one unread
            health_demo_load(programme)  # a fit check of each answer and rated sessions
            closing_demo_load(programme)  # the pair completed in November: its closing step and archive
            resources_demo_load(programme, engineer=engineer)
            evaluation_demo_load(programme)  # start questionnaires answered in October and November 2026
            reminders_demo_load(programme)  # history of reminders sent, for the engineer's page and notifications
            # 2027-2028 prepared from 2026-2027 and not opened yet, with one returning mentor's draft.
            editions_demo_load(programme, engineer=engineer, returning_mentor_email=DEMO_MENTOR.email)
        self.stdout.write(
            _("Personnes de démonstration : %(total)d (création : %(created)d, mise à jour : %(updated)d)")
            % {
                "total": sum(result.people.values()),
                "created": result.people[CREATED],
                "updated": result.people[UPDATED],
            }
        )
        self.stdout.write(
            _("Candidatures de démonstration : %(total)d (création : %(created)d, mise à jour : %(updated)d)")
            % {
                "total": sum(result.applications.values()),
                "created": result.applications[CREATED],
                "updated": result.applications[UPDATED],
            }
        )
        self._write_application_counts()
        counts = [
            ngettext("%(n)d publiée", "%(n)d publiées", matching.runs) % {"n": matching.runs},
            ngettext("%(n)d binôme", "%(n)d binômes", matching.pairs) % {"n": matching.pairs},
            ngettext("%(n)d demande en attente", "%(n)d demandes en attente", matching.pending)
            % {"n": matching.pending},
            ngettext("%(n)d refus", "%(n)d refus", matching.declined) % {"n": matching.declined},
            ngettext("%(n)d changement de mentor", "%(n)d changements de mentor", matching.changed)
            % {"n": matching.changed},
        ]
        skipped = _(" ; déjà en place pour %s") % ", ".join(matching.skipped_tracks) if matching.skipped_tracks else ""
        self.stdout.write(
            _("Mise en relation : %(runs)s ; %(rest)s%(skipped)s")
            % {"runs": counts[0], "rest": ", ".join(counts[1:]), "skipped": skipped}
        )
        self._write_logins()

    def _write_application_counts(self):
        rows = (
            Application.objects.filter(programme__slug=PROGRAMME_SLUG)
            .values("role", "status")
            .annotate(n=Count("id"))
            .order_by()
        )
        counts = {(row["role"], row["status"]): row["n"] for row in rows}
        for role, role_label in ApplicationRole.choices:
            detail = ", ".join(
                f"{status_label.lower()} : {counts.get((role, status), 0)}"
                for status, status_label in ApplicationStatus.choices
            )
            total = sum(counts.get((role, status), 0) for status in ApplicationStatus.values)
            self.stdout.write(
                _("  %(role)s : %(total)d (%(detail)s)") % {"role": role_label, "total": total, "detail": detail}
            )
        hr_organisations = Organisation.objects.filter(hr_referents__isnull=False).distinct().count()
        self.stdout.write(_("  Organismes ayant un référent RH : %d") % hr_organisations)

    def _write_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Données de démonstration prêtes. Comptes de démonstration :")))
        width = max(len(label) for label, _email in DEMO_LOGINS)
        for label, email in DEMO_LOGINS:
            self.stdout.write(f"  {label.ljust(width)}  {email}")
        self.stdout.write(_("Mot de passe commun : %s") % DEMO_PASSWORD)
        self.stdout.write(
            _(
                "Double authentification (ingénieure, référents RH, administrateur) : clé %(secret)s à ajouter "
                "dans une application d'authentification ; avec scripts/demo.sh, le code 000000 est aussi accepté."
            )
            % {"secret": DEMO_TOTP_SECRET}
        )

"""The existing staff pages of every app, grouped by task, as the staff workspace lists them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StaffLink:
    label: Promise
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class StaffTask:
    title: Promise
    links: tuple[StaffLink, ...]


STAFF_TASKS: tuple[StaffTask, ...] = (
    StaffTask(
        _("Run events"),
        (
            StaffLink(_("All events and their registrations"), "events:staff_home"),
            StaffLink(_("Create an event"), "events:staff_create"),
            StaffLink(_("Create a series of events"), "events:series_new"),
            StaffLink(_("Add a speaker or moderator"), "events:person_new"),
        ),
    ),
    StaffTask(
        _("Run surveys and elections"),
        (
            StaffLink(_("Surveys and their rounds"), "surveys:staff"),
            StaffLink(_("Create a survey"), "surveys:survey_new"),
            StaffLink(_("Council elections"), "network:election_staff"),
        ),
    ),
    StaffTask(
        _("Keep the network"),
        (
            StaffLink(_("Member directory"), "network:directory"),
            StaffLink(_("Add an organisation"), "network:organisation_new"),
            StaffLink(_("Contacts and consent"), "network:contacts"),
            StaffLink(_("Media coverage"), "network:media"),
            StaffLink(_("Add a media outlet"), "network:outlet_new"),
            StaffLink(_("Funding"), "network:funding"),
            StaffLink(_("Mentoring"), "network:mentoring"),
        ),
    ),
    StaffTask(
        _("Record policy and UN data"),
        (
            StaffLink(_("Add an atlas measure"), "atlas:measure_new"),
            StaffLink(_("Import atlas measures"), "atlas:import"),
            StaffLink(_("Add a UN statement"), "un:statement_new"),
            StaffLink(_("Add a UN joint statement"), "un:joint_statement_new"),
            StaffLink(_("Add a UN session"), "un:session_new"),
            StaffLink(_("Add a UN meeting"), "un:meeting_new"),
            StaffLink(_("Add a UN vote"), "un:vote_new"),
            StaffLink(_("Code a UN statement"), "un:coding_new"),
            StaffLink(_("Add a UN milestone"), "un:milestone_new"),
            StaffLink(_("Second coding of UN statements"), "un:review"),
            StaffLink(_("UN data issues"), "un:data_issues"),
            StaffLink(_("Index editions"), "index:staff_editions"),
        ),
    ),
    StaffTask(
        _("Check and publish"),
        (
            StaffLink(_("Review queue"), "strategy:review_queue"),
            StaffLink(_("Corrections proposed by members"), "workspace:correction_queue"),
            StaffLink(_("Strategy dashboard"), "strategy:dashboard"),
            StaffLink(_("Add a planned activity to the plan"), "strategy:activity_new"),
            StaffLink(_("Add a source"), "core:source_new"),
            StaffLink(_("Create a campaign call"), "campaign:call_new"),
            StaffLink(_("Release open data"), "opendata:staff"),
            StaffLink(_("Email alerts"), "alerts:staff"),
        ),
    ),
)

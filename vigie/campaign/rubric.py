"""The scoring rubric of an application: four criteria, each scored 1 (weak) to 5 (strong)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5
CRITERIA: tuple[tuple[str, Promise], ...] = (
    ("relevance", _("Relevance to the campaign's messages (harm reduction, decriminalisation)")),
    ("community", _("Involvement of the communities most affected by drug policies")),
    ("feasibility", _("Feasibility, including the contingency plan")),
    ("cost", _("Cost in relation to what is planned")),
)
CRITERION_CODES = tuple(code for code, _label in CRITERIA)

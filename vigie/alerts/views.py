"""Public pages of the alerts (subscribe, confirm, unsubscribe) and the staff list.

The confirmation and unsubscribe links open a page with one button that posts, so that a mail
scanner that opens links confirms or unsubscribes nobody. The unsubscribe address also accepts
the mail client's one-click POST (RFC 8058, ``List-Unsubscribe=One-Click``) with no page: the
token in the address is the credential, so that POST needs no CSRF token.
"""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from vigie.alerts import services
from vigie.alerts.forms import SubscribeForm
from vigie.alerts.models import Subscription
from vigie.alerts.ratelimit import allow_subscription
from vigie.core.permissions import editor_required


def subscribe(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("country"):
        initial["follow"] = f"country:{request.GET['country'].upper()}"
    elif request.GET.get("dataset"):
        initial["follow"] = f"dataset:{request.GET['dataset']}"
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not allow_subscription(email=email, ip=request.META.get("REMOTE_ADDR", "")):
            form.add_error(None, _("Too many requests from you. Please try again in an hour."))
            return render(request, "alerts/subscribe.html", {"form": form}, status=429)
        country, dataset = form.subject()
        try:
            services.request_subscription(
                email=email,
                language=form.cleaned_data["language"],
                country=country,
                dataset=dataset,
            )
        except services.SubscriptionError as error:
            form.add_error("follow", str(error))
        else:
            return render(request, "alerts/sent.html", {"email": email})
    return render(request, "alerts/subscribe.html", {"form": form})


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        subscription = services.confirm(token)
        state = "confirmed" if subscription else "invalid"
        name = services.subject_name(subscription) if subscription else ""
    else:
        state, name = _ask(token, "confirm")
    return render(request, "alerts/confirm.html", {"state": state, "name": name})


def _ask(token: str, purpose: str) -> tuple[str, str]:
    """The page a link opens before its button is pressed: ("ask", subject) or ("invalid", "")."""
    subscription = services.find_subscription(token, purpose)
    return ("ask", services.subject_name(subscription)) if subscription else ("invalid", "")


@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        state, name = ("done" if services.unsubscribe(token) else "invalid"), ""
    else:
        state, name = _ask(token, "unsubscribe")
    return render(request, "alerts/unsubscribe.html", {"state": state, "name": name})


@editor_required
def staff(request: HttpRequest) -> HttpResponse:
    subscriptions = Subscription.objects.select_related("country").order_by("email", "pk")
    totals = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .values("country__iso2", "dataset")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    return render(request, "alerts/staff.html", {"subscriptions": subscriptions, "totals": totals})

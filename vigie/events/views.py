from django.http import HttpRequest, HttpResponse


def event_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("")

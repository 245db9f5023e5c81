from django.urls import path

from vigie.api.api import api

urlpatterns = [path("v1/", api.urls)]

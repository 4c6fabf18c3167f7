from __future__ import annotations

from django.urls import path

from doorstep.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("ask/", views.ask, name="ask"),
    path("ask/sent/", views.ask_sent, name="ask_sent"),
]

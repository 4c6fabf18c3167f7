from __future__ import annotations

from django.urls import path

from doorstep.conversations import views

urlpatterns = [
    path("intake/new/", views.new_note, name="new_note"),
    path("who-is-this/", views.possible_matches, name="possible_matches"),
    path("who-is-this/<int:pk>/decide/", views.decide_match, name="decide_match"),
]

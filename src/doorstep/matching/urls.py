from __future__ import annotations

from django.urls import path

from doorstep.matching import views

urlpatterns = [
    path("needs/<int:pk>/proposals/", views.need_proposals, name="need_proposals"),
]

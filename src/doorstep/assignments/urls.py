from __future__ import annotations

from django.urls import path

from doorstep.assignments import batch, portal, views

urlpatterns = [
    path("needs/<int:pk>/assign/", views.assign_help, name="assign_help"),
    path("assignments/<int:pk>/cancel/", views.cancel, name="cancel_assignment"),
    path("community/", portal.community, name="community"),
    path("community/assignments/<int:pk>/", portal.assignment_detail, name="community_assignment"),
    path("community/assignments/<int:pk>/accept/", portal.accept, name="accept_assignment"),
    path("community/assignments/<int:pk>/decline/", portal.decline, name="decline_assignment"),
    path(
        "community/assignments/<int:pk>/volunteer/",
        portal.give_to_volunteer,
        name="give_to_volunteer",
    ),
    path("community/assignments/<int:pk>/outcome/", portal.report, name="report_outcome"),
    path("coordinator/batch/", batch.batch, name="batch"),
    path("coordinator/batch/plan/", batch.batch_plan, name="batch_plan"),
    path("coordinator/batch/confirm/", batch.batch_confirm, name="batch_confirm"),
]

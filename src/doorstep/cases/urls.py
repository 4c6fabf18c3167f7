from __future__ import annotations

from django.urls import path

from doorstep.cases import coordinator, views

urlpatterns = [
    path("guide/", views.guide_queue, name="guide_queue"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/triage/confirm/", views.confirm_triage, name="confirm_triage"),
    path("requests/<int:pk>/triage/correct/", views.correct_triage, name="correct_triage"),
    path("requests/<int:pk>/reply/", views.reply, name="reply"),
    path("requests/<int:pk>/notes/", views.add_note, name="add_note"),
    path("requests/<int:pk>/contact/", views.record_contact, name="record_contact"),
    path("needs/<int:pk>/outcome/", views.record_outcome, name="record_outcome"),
    path("requests/<int:pk>/diet/", views.record_diet, name="record_diet"),
    path("coordinator/", coordinator.coordinator, name="coordinator"),
    path("coordinator/assign/", coordinator.assign, name="assign"),
]

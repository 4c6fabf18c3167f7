from __future__ import annotations

from django.urls import path

from doorstep.sharing import (
    agreement_form_views,
    break_glass_views,
    resident_views,
    rights_views,
    views,
)

app_name = "sharing"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agreements/new/", agreement_form_views.new, name="agreement_new"),
    path("agreements/create/", agreement_form_views.create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreement_form_views.edit, name="agreement_edit"),
    path("agreements/<int:pk>/update/", agreement_form_views.update, name="agreement_update"),
    path("agreements/<int:pk>/activate/", views.activate, name="activate"),
    path("agreements/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("agreements/<int:pk>/end/", views.end, name="end"),
    path("agreements/<int:pk>/review/", views.review, name="review"),
    path("residents/", resident_views.residents, name="residents"),
    path(
        "residents/<int:pk>/subject-access/",
        resident_views.subject_access,
        name="subject_access",
    ),
    path(
        "residents/<int:pk>/subject-access.json",
        resident_views.subject_access_json,
        name="subject_access_json",
    ),
    path("residents/<int:pk>/rights/", rights_views.rights, name="rights"),
    path("residents/<int:pk>/rights/raise/", rights_views.raise_request, name="rights_raise"),
    path("rights-requests/<int:pk>/resolve/", rights_views.resolve_request, name="rights_resolve"),
    path("residents/<int:pk>/holds/place/", rights_views.place, name="hold_place"),
    path("holds/<int:pk>/lift/", rights_views.lift, name="hold_lift"),
    path("residents/<int:pk>/break-glass/", break_glass_views.new, name="break_glass_new"),
    path(
        "residents/<int:pk>/break-glass/start/",
        break_glass_views.start,
        name="break_glass_start",
    ),
    path("break-glass/<int:pk>/", break_glass_views.grant_page, name="break_glass"),
    path("break-glass/<int:pk>/review/", break_glass_views.review, name="break_glass_review"),
]

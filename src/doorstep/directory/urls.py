"""Staff pages for the directory, under /directory/. The public API is at /openreferral/."""

from __future__ import annotations

from django.urls import path

from doorstep.directory import detail_views, views

app_name = "directory"

urlpatterns = [
    path("", views.directory_home, name="home"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/create/", views.organisation_create, name="organisation_create"),
    path("organisations/<uuid:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<uuid:pk>/update/", views.organisation_update, name="organisation_update"),
    path("services/new/", views.service_new, name="service_new"),
    path("services/create/", views.service_create, name="service_create"),
    path("services/<uuid:pk>/", detail_views.service_detail, name="service"),
    path("services/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("services/<uuid:pk>/update/", views.service_update, name="service_update"),
    path("services/<uuid:pk>/submit/", detail_views.service_submit, name="service_submit"),
    path("services/<uuid:pk>/publish/", detail_views.service_publish, name="service_publish"),
    path("services/<uuid:pk>/return/", detail_views.service_return, name="service_return"),
    path("services/<uuid:pk>/unpublish/", detail_views.service_unpublish, name="service_unpublish"),
    path("services/<uuid:pk>/locations/", detail_views.location_add, name="location_add"),
    path(
        "services/<uuid:pk>/locations/<uuid:item>/remove/",
        detail_views.location_remove,
        name="location_remove",
    ),
    path("services/<uuid:pk>/schedules/", detail_views.schedule_add, name="schedule_add"),
    path(
        "services/<uuid:pk>/schedules/<uuid:item>/remove/",
        detail_views.schedule_remove,
        name="schedule_remove",
    ),
    path("services/<uuid:pk>/contacts/", detail_views.contact_add, name="contact_add"),
    path(
        "services/<uuid:pk>/contacts/<uuid:item>/remove/",
        detail_views.contact_remove,
        name="contact_remove",
    ),
]

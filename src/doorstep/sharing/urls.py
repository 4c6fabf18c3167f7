from __future__ import annotations

from django.urls import path

from doorstep.sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/activate/", views.activate, name="activate"),
    path("agreements/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("agreements/<int:pk>/end/", views.end, name="end"),
    path("agreements/<int:pk>/review/", views.review, name="review"),
]

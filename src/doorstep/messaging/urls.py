from __future__ import annotations

from django.urls import path

from doorstep.messaging import views

urlpatterns = [path("outbox/", views.outbox, name="outbox")]

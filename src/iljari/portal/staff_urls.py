"""The counselor's pages for the portal's requests (staff pages: Korean, no language prefix)."""

from django.urls import path

from iljari.portal.views import staff

app_name = "portal_staff"
urlpatterns = [
    path("", staff.requests, name="requests"),
    path("<int:pk>/decide/", staff.decide, name="decide"),
]

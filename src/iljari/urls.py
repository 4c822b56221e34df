"""The site's URL map; each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("seekers/", include("iljari.seekers.urls")),
    path("employers/", include("iljari.employers.urls")),
    path("vacancies/", include("iljari.vacancies.urls")),
    path("desks/", include("iljari.accounts.urls")),
    path("occupations/", include("iljari.reference.urls")),
    path("privacy/", include("iljari.privacy.urls")),
    path("", include("iljari.core.urls")),
]

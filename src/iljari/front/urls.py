"""The site's URL map; each app owns its own ``urls.py``."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from iljari.accounts.forms import StaffLoginForm
from iljari.front import views
from iljari.front.api import api

admin.site.site_header = "iljari 관리"
admin.site.site_title = "iljari 관리"
admin.site.index_title = "기준정보·직원 관리"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("seekers/", include("iljari.seekers.urls")),
    path("", include("iljari.matching.urls")),
    path("", include("iljari.training.urls")),
    path("seekers/", include("iljari.referrals.urls")),
    path("employers/", include("iljari.employers.urls")),
    path("vacancies/", include("iljari.vacancies.urls")),
    path("desks/", include("iljari.accounts.urls")),
    path("occupations/", include("iljari.reference.urls")),
    path("privacy/", include("iljari.privacy.urls")),
    path("imports/", include("iljari.transfer.urls")),
    path("reports/", include("iljari.reports.urls")),
    path("events/", include("iljari.events.urls")),
    path("discovery/", include("iljari.discovery.urls")),
    path("safety/", include("iljari.safety.urls")),
    path("e/", include("iljari.events.portal_urls")),
    path("portal-requests/", include("iljari.portal.staff_urls")),
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="core/login.html", authentication_form=StaffLoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
# The public portal, in the language its address names (/ko/, /vi/, …).
urlpatterns += i18n_patterns(path("", include("iljari.portal.urls")))

from django.urls import path

from iljari.privacy import views

app_name = "privacy"
urlpatterns = [path("audit/", views.audit_list, name="audit")]

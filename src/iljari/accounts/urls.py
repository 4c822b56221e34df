from django.urls import path

from iljari.accounts import views

app_name = "accounts"
urlpatterns = [path("", views.desk_list, name="desks")]

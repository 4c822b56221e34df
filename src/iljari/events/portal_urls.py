from django.urls import path

from iljari.events import portal

app_name = "portal"
urlpatterns = [
    path("t/<str:ticket>/", portal.ticket, name="ticket"),
    path("t/<str:ticket>/qr.svg", portal.ticket_qr, name="ticket_qr"),
    path("<str:code>/", portal.register, name="register"),
]

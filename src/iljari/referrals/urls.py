from django.urls import path

from iljari.referrals import views

app_name = "referrals"
urlpatterns = [
    path("<int:pk>/referrals/<int:referral_id>/interview/", views.interview, name="interview"),
    path("<int:pk>/referrals/<int:referral_id>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/referrals/<int:referral_id>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/referrals/<int:referral_id>/correct/", views.correct, name="correct"),
    path("<int:pk>/referrals/<int:referral_id>/undo/", views.undo, name="undo"),
    path("<int:pk>/placements/", views.direct_placement, name="direct"),
    path("<int:pk>/follow-ups/<int:follow_up_id>/", views.follow_up, name="follow_up"),
]

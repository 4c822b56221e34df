"""Admin pages for reference data (loaded by `iljari init`; corrected here when needed)."""

from django.contrib import admin

from iljari.reference.models import Dong, Licence, MinimumWage, Occupation, TargetGroup, VisaType


@admin.register(Dong)
class DongAdmin(admin.ModelAdmin):
    list_display = ["name", "gu", "code", "lat", "lon"]
    search_fields = ["name", "code"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["title", "keco_code", "keco_name", "ksco_code"]
    search_fields = ["title", "occupation_id", "keco_code", "keco_name"]
    list_filter = ["work_strength"]


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ["year", "hourly", "monthly"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "description"]


@admin.register(VisaType)
class VisaTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "work_scope", "weekly_hours_limit"]

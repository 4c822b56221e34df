from django.contrib import admin

from iljari.events.models import HiringEvent


@admin.register(HiringEvent)
class HiringEventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "date", "place"]
    list_filter = ["kind"]

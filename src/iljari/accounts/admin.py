"""Admin pages for desks and staff accounts."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from iljari.accounts.models import Desk, User


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "dong", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "role", "desk", "is_active"]
    list_filter = ["role", "desk", "is_active"]
    fieldsets = [*UserAdmin.fieldsets, ("일자리센터", {"fields": ["role", "desk", "granted_desks", "work_phone"]})]
    filter_horizontal = ["granted_desks", "groups", "user_permissions"]

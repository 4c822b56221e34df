from django.contrib import admin

from iljari.training.models import ProgramType, TrainingProgram


@admin.register(ProgramType)
class ProgramTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "program_type", "provider", "starts_on", "ends_on", "capacity"]
    filter_horizontal = ["occupations", "licences", "target_groups"]

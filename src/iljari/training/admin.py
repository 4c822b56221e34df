from django.contrib import admin

from iljari.training.models import ProgramType, SelectionCriterion, TrainingProgram


class CriterionInline(admin.TabularInline):
    model = SelectionCriterion
    extra = 0


@admin.register(ProgramType)
class ProgramTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    inlines = [CriterionInline]


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    """Reading and correcting a program; a new one is set up at /programs/new/, where its sessions are checked."""

    list_display = ["name", "program_type", "provider", "starts_on", "ends_on", "capacity"]
    filter_horizontal = ["occupations", "licences", "target_groups", "visa_types"]

    def has_add_permission(self, request: object) -> bool:
        return False

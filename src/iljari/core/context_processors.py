"""Values every page needs."""

from django.http import HttpRequest

from iljari.seekers.models import Seeker


def demo_flag(request: HttpRequest) -> dict[str, bool]:
    """Whether the site holds synthetic demo data, so every page can say so."""
    if not request.user.is_authenticated:
        return {"demo_data": False}
    return {"demo_data": Seeker.objects.filter(is_demo=True).exists()}

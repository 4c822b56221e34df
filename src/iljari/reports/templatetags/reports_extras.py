from django import template

register = template.Library()


@register.filter
def get_item(row: dict, key: str) -> object:
    return row.get(key)

"""The error answers of the JSON API, documented once so every operation can declare them.

Ninja answers an unknown object (``Http404``) with ``{"detail": "Not Found"}`` and a parameter
that does not parse with ``{"detail": [{"loc": …, "msg": …, "type": …}]}``; an operation lists
the ones it can give in its ``response={...}`` so that the OpenAPI document holds every status.
"""

from typing import Any

from ninja import Schema


class ApiErrorOut(Schema):
    detail: str


class ApiValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


INVALID: dict[int, type[Schema]] = {422: ApiValidationErrorOut}
NOT_FOUND: dict[int, type[Schema]] = {404: ApiErrorOut, **INVALID}

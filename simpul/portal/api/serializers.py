"""Serializers built from the dataset definitions (simpul.portal.opendata), so the API, the
downloads, the data dictionary and the OpenAPI document describe the same fields. Rows are
produced by the datasets' own converters; these classes document the shape."""

from django.utils import translation
from rest_framework import serializers

from simpul.portal.opendata import DATASETS, Dataset

_FIELD_TYPES = {
    "string": lambda help_text: serializers.CharField(help_text=help_text, allow_null=True),
    "date": lambda help_text: serializers.DateField(help_text=help_text, allow_null=True),
    "integer": lambda help_text: serializers.IntegerField(help_text=help_text, allow_null=True),
    "number": lambda help_text: serializers.FloatField(help_text=help_text, allow_null=True),
    "array": lambda help_text: serializers.ListField(
        child=serializers.CharField(), help_text=help_text
    ),
}


def _class_name(dataset: Dataset) -> str:
    return "".join(part.capitalize() for part in dataset.name.split("-")) + "Record"


def serializer_for(dataset: Dataset) -> type[serializers.Serializer]:
    attrs = {f.name: _FIELD_TYPES[f.type](str(f.description)) for f in dataset.fields}
    attrs["__doc__"] = str(dataset.description)
    return type(_class_name(dataset), (serializers.Serializer,), attrs)


with translation.override("en"):
    SERIALIZERS = {name: serializer_for(dataset) for name, dataset in DATASETS.items()}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong", required=False)

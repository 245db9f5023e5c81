"""mypy plugin: django-stubs' plugin, plus the per-language columns of translated fields.

django-modeltranslation adds ``title_en``, ``title_fr``, ``title_es`` to a model at run time
(from its ``translation.py``); django-stubs only types fields declared in the class body. This
plugin types each added column like the field it translates (nullable only where the
field is), so that ``edition.title_fr`` is checked like any other field.
"""

from collections.abc import Callable

from django.db.models import Model
from mypy.plugin import ClassDefContext
from mypy.types import Instance
from mypy_django_plugin.lib import helpers
from mypy_django_plugin.main import NewSemanalDjangoPlugin
from mypy_django_plugin.transformers.fields import get_field_descriptor_types
from mypy_django_plugin.transformers.models import ModelClassInitializer


class AddTranslationColumns(ModelClassInitializer):
    def run_with_model_cls(self, model_cls: type[Model]) -> None:
        from modeltranslation.fields import TranslationField

        for field in model_cls._meta.local_fields:
            if not isinstance(field, TranslationField):
                continue
            if self.model_classdef.info.get(field.name) is not None:
                continue
            field_class = helpers.get_class_fullname(field.translated_field.__class__)
            try:
                field_info = self.lookup_typeinfo_or_incomplete_defn_error(field_class)
            except helpers.IncompleteDefnException:
                # The field's class is not analysed yet: ask for another pass, as django-stubs'
                # own initialisers do; on the last pass leave the column to django-stubs.
                if not self.api.final_iteration:
                    raise
                continue
            set_type, get_type = get_field_descriptor_types(
                field_info, is_set_nullable=field.null, is_get_nullable=field.null
            )
            self.add_new_node_to_model_class(field.name, Instance(field_info, [set_type, get_type]))


class TranslatedFieldsPlugin(NewSemanalDjangoPlugin):
    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        hook = super().get_base_class_hook(fullname)
        info = self._get_typeinfo_or_none(fullname)
        if hook is None or info is None or not helpers.is_model_type(info):
            return hook

        def process(ctx: ClassDefContext) -> None:
            hook(ctx)
            try:
                AddTranslationColumns(ctx, self.django_context).run()
            except helpers.IncompleteDefnException:
                if not ctx.api.final_iteration:
                    ctx.api.defer()

        return process


def plugin(version: str) -> type[NewSemanalDjangoPlugin]:
    return TranslatedFieldsPlugin

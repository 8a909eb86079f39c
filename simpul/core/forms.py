"""The site's form renderer: every field is drawn by one template, `core/forms/field.html`.

A template writes `{{ form.title.as_field_group }}` (or `{{ field.as_field_group }}` in a
loop) and gets the label (with a required mark), the widget, the error and the help text.
The widget is linked to them for assistive technology: `aria-invalid="true"` when the field
has errors, and `aria-describedby` naming `<id>_error` and `<id>_helptext`, the ids this
template gives the error and help texts. Forms need no mixin for it.
"""

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates


class DescribedBoundField(BoundField):
    """Django's own linking (5.2), with the error named before the help text: a person who
    comes back to a refused field hears what is wrong first."""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None  # set on the widget by hand: that order wins
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.errors:
                ids.append(f"{self.auto_id}_error")
            if self.help_text:
                ids.append(f"{self.auto_id}_helptext")
        return " ".join(ids)


class SiteFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"
    bound_field_class = DescribedBoundField

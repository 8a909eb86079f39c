# An idea accepted into a knowledge item kept the item's address on the site until the
# knowledge app was merged; it now keeps the item itself. Addresses of an item's page
# (/pengetahuan/<pk>/, where the item still exists) become the link; others are dropped.

import re

import django.db.models.deletion
from django.db import migrations, models

ITEM_PATH = re.compile(r"^/pengetahuan/(\d+)/")


def link_items(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    KnowledgeItem = apps.get_model("knowledge", "KnowledgeItem")
    for idea in Idea.objects.exclude(knowledge_url="").only("pk", "knowledge_url"):
        match = ITEM_PATH.match(idea.knowledge_url)
        if match and KnowledgeItem.objects.filter(pk=int(match[1])).exists():
            Idea.objects.filter(pk=idea.pk).update(knowledge_item_id=int(match[1]))
    if schema_editor.connection.vendor == "postgresql":
        # Check the new links now: PostgreSQL refuses to drop the old column below while
        # deferred foreign-key checks of these updates are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0001_initial'),
        ('knowledge', '0002_adoption'),
    ]

    operations = [
        migrations.AddField(
            model_name='idea',
            name='knowledge_item',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='knowledge.knowledgeitem', verbose_name='knowledge item'),
        ),
        migrations.RunPython(link_items, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='idea',
            name='knowledge_url',
        ),
    ]

"""Share events may have no actor: the system's erasure notices after the retention purge.

SQLite alters a column by rebuilding the table, which drops its triggers, so the
append-only guards are installed again afterwards (installing is idempotent).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from doorstep.sharing import guards


def install_guards(apps, schema_editor):
    guards.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0004_share_events_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, install_guards, elidable=False),
        migrations.AlterField(
            model_name="shareevent",
            name="actor",
            field=models.ForeignKey(
                help_text=(
                    "Who shared it; empty for the system (the retention purge's erasure notices)"
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(install_guards, migrations.RunPython.noop, elidable=False),
    ]

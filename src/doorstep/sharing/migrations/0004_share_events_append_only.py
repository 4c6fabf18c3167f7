"""Triggers that make the database itself refuse UPDATE and DELETE (and TRUNCATE) of share events.

PostgreSQL: a plpgsql function raising integrity_constraint_violation, fired BEFORE UPDATE OR
DELETE for each row and BEFORE TRUNCATE for the statement. SQLite: BEFORE UPDATE and BEFORE
DELETE triggers that RAISE(ABORT). Reversing drops them. The SQL is in
doorstep.audit.guards.AppendOnly; doorstep.sharing.guards names this table's guard.
"""

from django.db import migrations

from doorstep.sharing import guards


def install_guards(apps, schema_editor):
    guards.install(schema_editor.connection)


def remove_guards(apps, schema_editor):
    guards.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0003_rightsrequest_purposes")]

    operations = [migrations.RunPython(install_guards, remove_guards, elidable=False)]

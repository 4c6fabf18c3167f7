"""An objection can name the purposes it is about; none named means every purpose."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sharing", "0002_rights_requests_holds_purges")]

    operations = [
        migrations.AddField(
            model_name="rightsrequest",
            name="purposes",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="For an objection: the purposes; none means all",
            ),
        ),
    ]

"""Forms for a group's answer and report, and for choosing needs to assign in a batch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from doorstep.accounts.models import Role, User
from doorstep.assignments.actions import MIN_DECLINE_REASON
from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need
from doorstep.web.forms import GovukForm


class DeclineForm(GovukForm):
    reason = forms.CharField(
        label="Why can your group not take this on?",
        help_text="The Local Guide reads this to find someone else.",
        min_length=MIN_DECLINE_REASON,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why you cannot take this on",
            "min_length": "Say a little more about why you cannot take this on",
        },
    )


if TYPE_CHECKING:
    UserChoice = forms.ModelChoiceField[User]
    NeedsChoice = forms.ModelMultipleChoiceField[Need]
else:  # the form fields are generic only to the type checker
    UserChoice = forms.ModelChoiceField
    NeedsChoice = forms.ModelMultipleChoiceField


class VolunteerChoice(UserChoice):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class NeedChoices(NeedsChoice):
    def label_from_instance(self, obj: Need) -> str:
        return need_label(obj)


class VolunteerForm(GovukForm):
    volunteer = VolunteerChoice(
        queryset=User.objects.none(),
        label="Which of your volunteers will do it?",
        error_messages={"required": "Choose a volunteer", "invalid_choice": "Choose a volunteer"},
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[User]", self.fields["volunteer"])
        field.queryset = User.objects.filter(
            organisation_id=organisation_id, role=Role.VOLUNTEER, is_active=True
        ).order_by("first_name", "last_name")


class ReportForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was the need met?",
        choices=Assignment.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the need was met"},
    )
    note = forms.CharField(
        label="What happened",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BatchForm(GovukForm):
    needs = NeedChoices(
        queryset=Need.objects.none(),
        label="Needs",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one need",
            "invalid_choice": "A need you chose has been closed or assigned: choose again",
        },
    )

    def __init__(self, *args: Any, needs: QuerySet[Need], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelMultipleChoiceField[Need]", self.fields["needs"])
        field.queryset = needs


def need_label(need: Need) -> str:
    """ "Food for Mo (urgent, asked 23 Nov)"."""
    request = need.help_request
    asked = timezone.localtime(request.opened_at)
    return (
        f"{need.get_code_display()} for {request.resident.first_name} "
        f"({request.get_urgency_display().lower()}, asked {asked:%-d %b})"
    )

"""The clinic's contact details: the settings file (knowledge/settings.yml), overridden by the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Mapping, Optional

from assistant.knowledge.model import CLINIC_SETTINGS, Knowledge

CONTACT_VARIABLES = {key: variable for key, variable in CLINIC_SETTINGS.items() if key != "name"}
FIELD_LABELS = {"phone": "Phone", "email": "Email", "url": "Website", "address": "Address", "hours": "Opening hours"}


@dataclass(frozen=True)
class ClinicContact:
    """Whatever contact details are configured; all optional."""

    name: str
    details: Mapping[str, str]

    @property
    def configured(self) -> bool:
        """Whether at least one way to reach the clinic is set."""
        return bool(self.details)

    def lines(self, labels: Optional[Mapping[str, str]] = None) -> List[str]:
        """One "Label: value" line per configured detail (``labels``: the reply language's, by field)."""
        labels = labels or FIELD_LABELS
        return [f"{labels.get(key, FIELD_LABELS[key])}: {value}" for key, value in self.details.items()]


def clinic_contact(settings: Optional[Mapping[str, str]] = None, environ: Optional[Mapping[str, str]] = None,
                   unnamed: str = "the clinic") -> ClinicContact:
    """The clinic's name and details: ``CLINIC_NAME`` and the ``CLINIC_*`` variables over ``settings`` (the file's).

    ``unnamed`` names it when no name is set (the reply language's ``messages.the_clinic``)."""
    env = os.environ if environ is None else environ
    settings = settings or {}
    details = {}
    for key, variable in CONTACT_VARIABLES.items():
        value = " ".join(str(env.get(variable, "")).split()) or settings.get(key, "")
        if value:
            details[key] = value
    name = " ".join(str(env.get("CLINIC_NAME", "")).split()) or settings.get("name", "") or unnamed
    return ClinicContact(name=name, details=details)


def knowledge_contact(knowledge: Knowledge) -> ClinicContact:
    """The clinic's contact from ``knowledge``'s settings, named in its language when no name is set."""
    return clinic_contact(knowledge.clinic, unnamed=knowledge.messages["the_clinic"])

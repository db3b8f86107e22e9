"""The clinic's contact details, read from the environment (never hard-coded)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Mapping, Optional

CONTACT_VARIABLES = {
    "phone": "CLINIC_PHONE",
    "email": "CLINIC_EMAIL",
    "url": "CLINIC_URL",
    "address": "CLINIC_ADDRESS",
    "hours": "CLINIC_HOURS",
}
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

    def lines(self) -> List[str]:
        """One "Label: value" line per configured detail."""
        return [f"{FIELD_LABELS[key]}: {value}" for key, value in self.details.items()]


def clinic_contact(environ: Optional[Mapping[str, str]] = None) -> ClinicContact:
    """Read ``CLINIC_NAME`` and the ``CLINIC_*`` contact variables."""
    env = os.environ if environ is None else environ
    details = {}
    for key, variable in CONTACT_VARIABLES.items():
        value = " ".join(str(env.get(variable, "")).split())
        if value:
            details[key] = value
    name = " ".join(str(env.get("CLINIC_NAME", "")).split()) or "the clinic"
    return ClinicContact(name=name, details=details)

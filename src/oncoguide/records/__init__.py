"""Records: patient documents in, a de-identified, evidence-linked PatientProfile out."""

from oncoguide.records.model import PatientProfile

__all__ = ["PatientProfile"]

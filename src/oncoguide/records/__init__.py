"""Records: patient documents in, a de-identified, evidence-linked PatientProfile out."""

from oncoguide.records.engine import extract_profile
from oncoguide.records.errors import RecordsError
from oncoguide.records.model import PatientProfile

__all__ = ["PatientProfile", "RecordsError", "extract_profile", "import_files", "load_profile", "profile_schema"]


def __getattr__(name: str):  # lazy: keep `import oncoguide.records` light (no PDF/OCR/FHIR imports)
    if name in ("import_files", "load_profile", "profile_schema"):
        from oncoguide.records import io

        return getattr(io, name)
    raise AttributeError(name)

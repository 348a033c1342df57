"""Extractor plug-ins: each module reads one kind of fact from a de-identified document.

Every extractor is a pure function `extract(doc: Doc) -> list[Finding]`; the engine runs them in order
and folds the findings into a PatientProfile. Adding an extractor means adding a module to EXTRACTORS.
"""

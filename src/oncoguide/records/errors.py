"""Specific, user-facing errors for record import: each says what is wrong with which file."""

from __future__ import annotations


class RecordsError(Exception):
    """Base class: the message is safe to show (it never quotes record text)."""


class UnsupportedFileError(RecordsError):
    """Extension or content type we do not read (or extension and content disagree)."""


class EmptyFileError(RecordsError):
    """Zero-byte file or a document without any text."""


class FileTooLargeError(RecordsError):
    """File, page count or decompressed size over the configured limit."""


class EncryptedFileError(RecordsError):
    """Password-protected PDF or DOCX."""


class CorruptFileError(RecordsError):
    """The file claims a format but cannot be parsed."""


class NoTextFoundError(RecordsError):
    """OCR or text extraction found no readable text (e.g. a blank image)."""


class InvalidFHIRError(RecordsError):
    """JSON that is not valid FHIR R4 for the resource types we import."""


class ProcessingTimeoutError(RecordsError):
    """Reading or OCR took longer than the configured time limit."""


class ProfileLoadError(RecordsError):
    """A --profile JSON file that is missing, not JSON, or not a PatientProfile."""

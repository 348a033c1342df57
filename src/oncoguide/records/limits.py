"""Import limits (size, pages, time): configurable, with env overrides, so no input can hang the process."""

from __future__ import annotations

import os

from pydantic import BaseModel, Field


class ImportLimits(BaseModel):
    """Caps applied to every imported file; env ONCOGUIDE_RECORDS_<FIELD> overrides (e.g. ..._MAX_PAGES)."""

    max_file_bytes: int = Field(default=25_000_000, description="Refuse files larger than this.")
    max_pages: int = Field(default=200, description="Refuse PDFs with more pages.")
    max_ocr_pages: int = Field(default=20, description="Refuse scans needing OCR on more pages.")
    max_text_chars: int = Field(default=2_000_000, description="Refuse documents whose text is longer.")
    max_decompressed_bytes: int = Field(default=100_000_000, description="DOCX (zip) uncompressed cap.")
    max_zip_ratio: float = Field(default=200.0, description="Uncompressed/compressed ratio of a zip bomb.")
    max_image_pixels: int = Field(default=60_000_000, description="Refuse larger images (pixel bombs).")
    timeout_seconds: float = Field(default=120.0, description="Per-file wall time for parsing and OCR.")
    ocr_dpi: int = Field(default=200, description="Rasterization resolution for scanned PDF pages.")

    @classmethod
    def from_env(cls) -> ImportLimits:
        values: dict[str, object] = {}
        for name in cls.model_fields:
            raw = os.environ.get(f"ONCOGUIDE_RECORDS_{name.upper()}")
            if raw:
                values[name] = raw
        return cls(**values)  # type: ignore[arg-type]

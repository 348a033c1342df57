"""Every input type imports from a real file made in the test; bad inputs get specific errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from oncoguide.records import import_files
from oncoguide.records.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    InvalidFHIRError,
    NoTextFoundError,
    ProcessingTimeoutError,
    UnsupportedFileError,
)
from oncoguide.records.limits import ImportLimits
from tests.records.conftest import (
    REPORT,
    fhir_bundle,
    make_docx,
    make_pdf,
    needs_tesseract,
    rasterize,
    scanned_pdf,
)


def _core(p):
    er = next(b for b in p.biomarkers if b.name == "ER")
    return p.cancer_type, p.histology, p.tnm.t if p.tnm else None, er.status


def test_text_file(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text(REPORT)
    assert _core(import_files([f])) == ("breast cancer", "invasive ductal carcinoma", "T2", "positive")


def test_text_pdf(report_pdf):
    p = import_files([report_pdf])
    assert _core(p) == ("breast cancer", "invasive ductal carcinoma", "T2", "positive")
    assert "Lopez" not in p.model_dump_json()


def test_docx(tmp_path):
    p = import_files([make_docx(tmp_path / "r.docx", REPORT)])
    assert _core(p) == ("breast cancer", "invasive ductal carcinoma", "T2", "positive")


@needs_tesseract
def test_scanned_pdf_is_ocred(tmp_path, report_pdf):
    scan = scanned_pdf(report_pdf, tmp_path / "scan.pdf")
    p = import_files([scan])
    assert p.cancer_type == "breast cancer" and p.tnm and p.tnm.t == "T2"
    assert any(b.name == "ER" and b.status == "positive" for b in p.biomarkers)


@needs_tesseract
def test_image_is_ocred(tmp_path, report_pdf):
    png = rasterize(report_pdf, tmp_path)[0]
    p = import_files([png])
    assert p.histology == "invasive ductal carcinoma" and p.stage_group == "IIB"


def test_fhir_bundle(tmp_path):
    f = tmp_path / "b.json"
    f.write_text(json.dumps(fhir_bundle()))
    p = import_files([f])
    assert p.cancer_type == "breast cancer" and p.stage_group == "IV" and p.metastatic_sites == ["liver"]
    assert [(t.name, t.start) for t in p.treatments] == [("palbociclib", "2023-06")]


def test_documents_combine_and_conflicts_keep_both(tmp_path):
    old = tmp_path / "biopsy.txt"
    old.write_text("Date of report: 01/05/2021. Breast biopsy: invasive ductal carcinoma. ER positive (90%).")
    new = tmp_path / "liver.txt"
    new.write_text("Date of report: 09/14/2023. Liver biopsy: metastatic breast carcinoma. ER negative (0%).")
    p = import_files([new, old])
    ers = [b for b in p.biomarkers if b.name == "ER"]
    assert {(b.status, b.evidence.date, b.most_recent) for b in ers} == {
        ("positive", "2021-01", False), ("negative", "2023-09", True)}
    assert set(p.documents) == {"biopsy.txt", "liver.txt"}


def test_shared_mcode_examples_import():
    shared = Path(__file__).resolve().parents[3] / "shared" / "bench" / "fhir" / "ctm_app"
    if not shared.exists():
        pytest.skip("shared mCODE examples not present")
    p = import_files([shared / "TrialMatching_Patient01.json"])
    assert p.cancer_type == "breast cancer" and p.stage_group == "IV"
    assert {"liver", "bone"} <= set(p.metastatic_sites)
    assert {(b.name, b.status) for b in p.biomarkers} >= {("ER", "positive"), ("PR", "positive"), ("HER2", "negative")}


# --- bad input ------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty"):
        import_files([f])


def test_wrong_extension(tmp_path, report_pdf):
    f = tmp_path / "really_pdf.docx"
    f.write_bytes(report_pdf.read_bytes())
    with pytest.raises(UnsupportedFileError, match="not a DOCX"):
        import_files([f])


def test_unknown_extension(tmp_path):
    f = tmp_path / "x.exe"
    f.write_bytes(b"MZ\x90\x00")
    with pytest.raises(UnsupportedFileError, match="unsupported file type"):
        import_files([f])


def test_binary_junk_as_text(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnsupportedFileError, match="binary"):
        import_files([f])


def test_corrupt_pdf(tmp_path):
    f = tmp_path / "bad.pdf"
    f.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(CorruptFileError):
        import_files([f])


def test_encrypted_pdf(tmp_path, report_pdf):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(report_pdf).pages:
        w.add_page(page)
    w.encrypt("secret")
    f = tmp_path / "locked.pdf"
    with f.open("wb") as fh:
        w.write(fh)
    with pytest.raises(EncryptedFileError, match="password"):
        import_files([f])


def test_too_many_pages(tmp_path):
    f = make_pdf(tmp_path / "long.pdf", ["page text line"] * 12)
    with pytest.raises(FileTooLargeError, match="12 pages"):
        import_files([f], limits=ImportLimits(max_pages=10))


def test_zip_archive_refused(tmp_path):
    f = tmp_path / "records.zip"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(UnsupportedFileError, match="archives"):
        import_files([f])


def test_docx_decompression_bomb(tmp_path):
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\x00" * 20_000_000)
    with pytest.raises(FileTooLargeError, match="bomb"):
        import_files([f])


@needs_tesseract
def test_image_without_text(tmp_path):
    from PIL import Image

    f = tmp_path / "blank.png"
    Image.new("L", (600, 400), 255).save(f)
    with pytest.raises(NoTextFoundError, match="no readable text"):
        import_files([f])


def test_fhir_that_does_not_validate(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"resourceType": "Observation", "status": "final", "code": {"text": "ER"}, "valueQuantity": "high"}))
    with pytest.raises(InvalidFHIRError, match="not valid FHIR"):
        import_files([f])


def test_json_that_is_not_json(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json")
    with pytest.raises(InvalidFHIRError, match="not valid JSON"):
        import_files([f])


def test_one_bad_file_imports_nothing(tmp_path, report_pdf):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        import_files([report_pdf, bad])


def test_time_limit_stops_slow_reading(tmp_path, report_pdf):
    with pytest.raises(ProcessingTimeoutError, match="longer than"):
        import_files([report_pdf], limits=ImportLimits(timeout_seconds=0.0001))


def test_file_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("ER positive. " * 1000)
    with pytest.raises(FileTooLargeError, match="over the limit"):
        import_files([f], limits=ImportLimits(max_file_bytes=1000))

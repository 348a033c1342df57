"""Builders for real input files: PDFs with reportlab, scans by rasterizing them, DOCX, FHIR bundles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPORT = """SURGICAL PATHOLOGY REPORT
Patient Name: Maria Lopez    MRN: 00773412    DOB: 02/11/1966
Date of procedure: 03/15/2024    Hospital: Riverside General Hospital
Clinical history: 57-year-old postmenopausal woman with a left breast mass.
Diagnosis: Left breast, lumpectomy: Invasive ductal carcinoma, Nottingham grade 2.
Tumor size 2.4 cm. Sentinel lymph nodes: 1 of 3 positive for metastatic carcinoma.
Pathologic stage: pT2 pN1a. Stage IIB.
Estrogen receptor: Positive (95%, strong), Allred score 8.
Progesterone receptor: Negative (<1%).
HER2 by IHC: 2+ (equivocal); FISH not amplified, HER2/CEP17 ratio 1.4.
Ki-67: 25%.
Electronically signed by: Thomas Reed, MD
"""


def make_pdf(path: Path, pages: list[str]) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    for page in pages:
        y = 740
        for line in page.splitlines():
            c.setFont("Helvetica", 11)
            c.drawString(50, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def rasterize(pdf: Path, out: Path, dpi: int = 200) -> list[Path]:
    """PNG pages of a PDF (pypdfium2, the renderer pdfplumber already uses)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    paths = []
    for i in range(len(doc)):
        p = out / f"{pdf.stem}-{i}.png"
        doc[i].render(scale=dpi / 72).to_pil().convert("L").save(p)
        paths.append(p)
    return paths


def scanned_pdf(pdf: Path, out: Path) -> Path:
    """An image-only PDF made from the rasterized pages (no text layer)."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in rasterize(pdf, out.parent)]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=200)
    return out


def make_docx(path: Path, text: str) -> Path:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(str(path))
    return path


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")


@pytest.fixture
def report_text() -> str:
    return REPORT


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "report.pdf", [REPORT])


def fhir_bundle() -> dict:
    """A small mCODE-style bundle built and validated with fhir.resources."""
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.condition import Condition
    from fhir.resources.R4B.medicationstatement import MedicationStatement
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.patient import Patient

    subject = {"reference": "Patient/p1"}
    resources = [
        Patient(id="p1", gender="female"),
        Condition(id="c1", subject=subject, code={"text": "Invasive ductal carcinoma of breast",
                  "coding": [{"system": "http://snomed.info/sct", "code": "408643008", "display": "Infiltrating duct carcinoma of breast (disorder)"}]}),
        Condition(id="c2", subject=subject, extension=[{"url": "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-related-primary-cancer-condition",
                  "valueReference": {"reference": "Condition/c1"}}],
                  code={"coding": [{"system": "http://snomed.info/sct", "code": "94381002", "display": "Secondary malignant neoplasm of liver (disorder)"}]}),
        Observation(id="o1", status="final", subject=subject, code={"coding": [{"system": "http://loinc.org", "code": "21908-9"}]},
                    valueCodeableConcept={"coding": [{"system": "http://cancerstaging.org", "code": "4", "display": "IV"}]}),
        Observation(id="o2", status="final", subject=subject, code={"coding": [{"system": "http://loinc.org", "code": "40556-3"}]},
                    effectiveDateTime="2023-05-02",
                    valueCodeableConcept={"coding": [{"system": "http://snomed.info/sct", "code": "10828004", "display": "Positive"}]}),
        MedicationStatement(id="m1", status="active", subject=subject, effectiveDateTime="2023-06-01",
                            medicationCodeableConcept={"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1601377", "display": "palbociclib"}]}),
    ]
    bundle = Bundle(type="collection", entry=[{"fullUrl": f"urn:uuid:{r.id}", "resource": r} for r in resources])
    return bundle.model_dump(mode="json")

"""T/N from OCR'd pathology prose: each example (our own writing) exercises one rule and fails without it."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile


def _tn(text: str) -> tuple[str | None, str | None]:
    tnm = extract_profile(text).tnm
    return (tnm.t, tnm.n) if tnm else (None, None)


@pytest.mark.parametrize(
    ("text", "t", "n"),
    [
        # Tabular staging: the label, then the value.
        ("Histology: squamous carcinoma. Pathological T. T2. Pathological N. N0. Clinical M. M0.", "T2", "N0"),
        # "T2, NOS" is a staging value even without a staging word next to it.
        ("Resection, right lower lobe: adenocarcinoma. T2, NOS. M0.", "T2", None),
        # A table row "II. T1. M0." (no N column): a T next to an M category is a staging value.
        ("Size (cm). Grade. Pathologic T. Clinical M. 1.5. II. T1. M0.", "T1", None),
        # OCR splits the prefix from the category: "p T3a".
        ("Renal cell carcinoma, clear cell type, p T3a.", "T3a", None),
    ],
)
def test_stated_codes(text, t, n):
    tnm = extract_profile(text).tnm
    assert tnm is not None and (tnm.t, tnm.n) == (t, n)
    assert tnm.t_evidence is not None and not tnm.t_evidence.inferred


@pytest.mark.parametrize(
    ("text", "t", "n"),
    [
        # Negation survives an OCR line break (". " before a lowercase word).
        ("Kidney: renal cell carcinoma, 3.5 cm. The mass does not appear to. penetrate the capsule into the perinephric fat.",
         "T1a", None),
        # An invasion cue in the previous sentence does not affirm the next sentence's structure.
        ("Kidney: renal cell carcinoma, 3.0 cm. The adrenal gland is not identified. Gerota's fascia is inked black.", "T1a", None),
        # A clause cannot end on "THE": "INVADES THE. RENAL VEIN" is one sentence.
        ("KIDNEY: RENAL CELL CARCINOMA, 5.0 CM. THE TUMOR INVADES THE. RENAL VEIN WITH TUMOR THROMBUS.", "T3a", None),
        # A structure answered "no tumor" after a colon is not invaded.
        ("Tongue, glossectomy: squamous cell carcinoma, 1.5 cm. Extension into the mandible: bone, no tumor.", "T1", None),
        # "benign skeletal muscle" negates the structure.
        ("Thyroid: papillary carcinoma, 1.2 cm; it extends to benign skeletal muscle.", "T1b", None),
        # A measured specimen part ("renal vein (1.5 cm in length)") is gross description, not invasion.
        ("Kidney: renal cell carcinoma, 3.0 cm. Also identified is a renal vein (1.5 cm in length).", "T1a", None),
        # Distance to a structure ("within 0.1 cm of the closest ... margin") is not invasion.
        ("Kidney: renal cell carcinoma, 3.0 cm; it extends to within 0.1 cm of the closest perinephric adipose tissue margin.",
         "T1a", None),
        # An all-caps specimen header ending in a comma starts a new clause.
        ("CERVIX: SQUAMOUS CELL CARCINOMA, 2.5 CM IN GREATEST DIMENSION. LVSI IS IDENTIFIED. PARAMETRIA, "
         "RADICAL HYSTERECTOMY. - NO CARCINOMA IDENTIFIED.", "T1b1", None),
        # OCR breaks names: "muscular. propria"; outer third of the muscle wall is T2b.
        ("Bladder: urothelial carcinoma with infiltration of the outer third of the muscular. propria.", "T2b", None),
    ],
)
def test_extension_reading(text, t, n):
    assert _tn(text) == (t, n)


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # The size followed by the tumour noun: "a 2.5 x 2 x 1 cm peripheral mass".
        ("Lung, lobectomy: adenocarcinoma forming a 2.5 x 2 x 1 cm peripheral mass.", "T1b"),
        # The size followed by "in greatest dimension" in a clause naming the carcinoma.
        ("Cervix, radical hysterectomy: squamous cell carcinoma, moderately differentiated, 2.5 cm in greatest dimension.", "T1b1"),
        # A "carcinoma, <type> (size)" diagnosis line.
        ("Kidney: renal cell carcinoma, clear cell type (7.5 cm). Tumour is limited to the kidney.", "T2a"),
        # A size field without unit is read in cm ...
        ("Thyroid, lobectomy: papillary carcinoma. Tumor size: 2.5 X 2 X 2. Focality: unifocal.", "T2"),
        # ... or in the unit of the sentence's other measurements.
        ("Tongue: a 30 x 20 x 4 mm excision with a tumour sized 15 x 10 x 3. Margins free.", "T1"),
        # Laryngeal T follows subsites, not size: no size-based T.
        ("Total laryngectomy: squamous carcinoma of larynx. Tumour size: 1.5 cm. It involves the right true vocal cord.", None),
    ],
)
def test_tumour_size(text, t):
    assert _tn(text)[0] == t


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # Orchidectomy / nonseminoma name the testis; a tumour confined to it without vascular invasion is T1.
        ("Left orchidectomy: nonseminoma; tumour confined to the testis; no vascular invasion.", "T1"),
        # Angioinvasion is vascular invasion: testis T2.
        ("Right testis: seminoma, 3 cm. Angio-invasion present.", "T2"),
        # An adrenalectomy names the adrenal; over 5 cm is T2.
        ("Right adrenalectomy: the tumour measures 9.3 x 8.0 x 5.5 cm.", "T2"),
        # A stain name ("MELANOMA-E") is not a melanoma diagnosis.
        ("Kidney, nephrectomy: renal cell carcinoma extending into the renal sinus fat. Stains: MELANOMA-E (HMB-45) negative.", "T3a"),
        # "Cholangiocarcinoma: no" is not the diagnosis; "Microvessel invasion: yes" is vascular invasion (liver T2).
        ("Liver, lobectomy: hepatocellular carcinoma, 3 cm. Cholangiocarcinoma: no. Microvessel invasion: yes.", "T2"),
        # Stomach: spread into the esophagus is intramural, staged by depth (T3 floor), not T4b.
        ("Stomach, gastrectomy: adenocarcinoma. Tumour extent: adjacent structures - esophagus.", "T3"),
        # Stomach: the liver is an adjacent structure (T4b).
        ("Stomach, gastrectomy: adenocarcinoma. Extent of invasion: liver.", "T4b"),
        # Uveal melanoma: AJCC size category from basal diameter and thickness; no ciliary body involvement -> a.
        ("Right eye, enucleation: choroidal melanoma, largest basal diameter 14 mm, height 6 mm. "
         "Extraocular extension is not identified.", "T2a"),
        # Over 18 mm basal diameter is category 4; a ciliochoroidal tumour involves the ciliary body -> b.
        ("Enucleation: ciliochoroidal melanoma, 20 mm base, thickness 7 mm.", "T4b"),
    ],
)
def test_site_rules(text, t):
    tnm = extract_profile(text).tnm
    assert tnm is not None and tnm.t == t
    assert tnm.t_evidence is not None and tnm.t_evidence.inferred


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # "A/1)" list labels and "carcinoma/oncocytoma" are not node counts.
        ("Kidney: renal cell carcinoma/oncocytoma, 3 cm. Specimens: A/1) kidney, B/2) hilar nodes.", None),
        # OCR'd "lymph. nodes are negative" still reports negative nodes.
        ("Lung: adenocarcinoma, 2.1 cm. Mediastinal lymph. nodes are negative for tumor.", "N0"),
        # Mesothelioma stages nodes by station like the lung: subcarinal is N2.
        ("Pleura: epithelioid mesothelioma. Subcarinal lymph node: metastatic mesothelioma (2/3).", "N2"),
        # Bladder: common iliac node metastasis is N3.
        ("Bladder, cystectomy: urothelial carcinoma. Right common iliac lymph nodes: metastatic carcinoma in 1 of 4 nodes.", "N3"),
    ],
)
def test_nodes(text, n):
    assert _tn(text)[1] == n

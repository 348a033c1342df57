"""Bare names, codes and month-year dates: the PHI that has no label in front of it.

Each example marks PHI with [[...]]; everything else must survive de-identification untouched.
"""

from __future__ import annotations

import re

import pytest

from oncoguide.records.deid import deidentify

EXAMPLES = [
    "[[Siobhán O'Connor-Nakamura]] called about her port; [[O'Connor-Nakamura]] reports no fever.",
    "Visit with [[Kowalczyk, Zbigniew]] and his son. [[Zbigniew]] is tolerating capecitabine.",
    "[[NGUYEN THI HUONG]]\nFINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, GRADE 2",
    "hi its [[joseph deshawn miller]], question about my chemo",
    "[[Rosa Elena Gutiérrez]] came with her daughter. Mrs [[Gutiérrez]] has grade 1 fatigue.",
    "Discussed at tumour board with [[Fatima Al-Rashid]] and [[Liam Fitzgerald]].",
    "Reviewed by [[T. Okafor]], pathology.",
    "Port serial [[PAS-88431-B]] checked; member number [[XGH-774-01-9921]].",
    "Seen in the ED on [[14-Mar-2024]]; letrozole since [[June 2021]] and restaging in [[Sept 2023]].",
    "Transferred from [[Mount Sinai Queens]] to [[Lakeside Surgical Associates]]; hospice at [[Hopewell Hospice]].",
    "Refill sent to [[Walgreens #04512]]; member card [[QRT7Z88410]]; call ext. [[5521]].",
    "Seen on [[4/9]] for cycle 3 of FOLFOX; 2/6 nodes positive; ER Allred 7/8. Postal code [[K1A 0B1]].",
    "Her neighbour [[Brightwater]] drove her in; she met [[Okonkwo]] at the infusion suite.",
    "hi its me, my sister [[dolores]] will drive me on [[Sat 11/18/2023]], call [[864/555/0137]]",
    "Device SN [[175034]]; mail to [[RR 2 Box 119]] or [[1450 NW Overton St.]]; the [[3rd of May]] works; [[92]] y.o. F.",
    "[[Rosa Elena Gutiérrez]] moved here from [[Las Cruces]] to live with her son.",
    # relatives and people named by how they are addressed
    "Family ([[Will]], son) updated by phone. Spouse [[Ray]] to call; granddaughter [[Faith]] present.",
    "hi its [[shelby]] again ([[bud]]'s daughter). my sister [[autumn]] can drive; mom ([[Rose]]) is hard of hearing",
    "Called ahead to charge nurse [[Jo]]. hi dr [[halloran]]'s team, the rash is worse.\nThanks a million,\n[[Pat]]\n",
    # short dates by context, ratios and scores kept; towns by what follows them; rooms, beds and table initials
    "Switched to apixaban effective [[1/30]]; simulation [[2/10]], start [[2/17]]; 3/12 lymph nodes; pain 7/10; grade 2/3.",
    "She lives at [[18 Alder Court]], [[Bridgeport]], CT; moved from [[Calgary]], AB [[T2N 2T9]]. Room [[7114-B]], bed [[12]].",
    "# | MRN | Pt | Summary\n1 | [[88204516]] | [[J.R.]], 67M | pancreatic head adenocarcinoma\n| [[D.H.]] | enrolled",
    "Planning CT booked for [[24 February]]; presented in [[November]] with a neck lump. May consider reirradiation.",
    # form fields and formats from other countries
    "Patient NHI: [[ZKM4417]]     Surname: [[TE HIKU]]     Given names: [[Aroha Mereana]]\nAddress: [[27 Puriri Crescent, Auckland 0610]]\n",
    "UHID: [[SCH/24/118830]]      Ward/Bed: [[Onco-3 / 12]]\n[[Ballincollig]] [[P31 K2X6]]; fax [[(09) 555 2207]]",
    "PATIENT: [[SUMMER YOUNG]]   MRN: [[RT-0099341]]\n[[MS. YOUNG]] WAS PLEASED. MS CONTIN 30 MG BID. MR ENTEROGRAPHY.",
    "Technologist: [[MR]]\nShe works part time at [[Halverson Freight Logistics]]; spoke w/ [[Ana]] (RN).\n[[PS-041]] | [[M.K.]] | 62\nNotes: [[PS-041]] declined.",
    "[[800 Summer St, 4th Floor]], [[Worcester]], MA [[01608]]; [[2/210 Morala Avenue]]; ETA 45 min to [[316 Calle Alegre]]; "
    "[[Pembroke Street]], [[Hamilton]] [[3204]]\nDose: 1000 mg, Total 2000\nHe drives a delivery van for [[Avonside Building Supplies]].",
    "Requests a visit from Fr. [[Damião]] at [[Our Lady of Fatima Parish]]; truck driver for [[Redline Freight Logistics]]; "
    "papa ([[94]] on sunday); CAPOX x 4 ([[October]]). Father: colon ca at 60.",
    "Dictation: medical record number [[4 4 7 1 9 0 8]], date of service [[August twelfth, twenty twenty-five]]; "
    "her husband is [[ninety-one]]. Rm [[614]], Bed [[B]]; NC weaned by [[19-Aug]]; cisplatin #6 [[29/10]]; 14/12 nodes.",
    "no redness where the needle goes in. -[[b]]\nmorning. [[bobby]] here. had my scan at the place on [[Federal Blvd]], pain 4/10",
    "Fecha: [[12 de agosto de 2025]]. PET-CT in 3 months ([[early December]]); labs from [[Friday the 6th]]; Keytruda on the [[eighteenth]].",
    # day-month dates with their weekday, signed initials, relatives' full names, children listed with their ages
    "Radiotherapy started [[3 Feb]], completed [[7 Feb]]; review [[Wednesday 12 March]] at 11:00; next due [[28/02]]; 9/14 cores.",
    "Wound dressed, drain bag changed. - [[kb]]\n[[Thurs 9th]] 10:15 - no answer at door.\nDictated but not read - [[RP]]/[[tw]]\nHER2 - neg",
    "Consent dated [[03Mar2025]]; rounds [[Feb. 19/25]]; DOB [[2 avril 1948]]. Thanks so much - [[G.]]\nOK, cycle 2 on the 3rd day.",
    "Lives with son [[Will]] and daughter-in-law [[Le Thi Mai]]; granddaughter [[Ana de la Cruz Mejía]] visits. Will review in 2 weeks.",
    "Two children - [[Orla]] (12, at [[Scoil Mhuire Primary]]) and [[Cian]] (6). Fax [[(01) 555 0100]]; Stage (4) disease.",
    "Interpreter: [[Tomasz Wiśniewski]] (Polish). Navigator: Good morning, your scan is booked. Chaplain: Rev. [[Okoye]]",
    "Seen at [[Kilbride University Hospital]] ([[KUH]]); stent placed at [[KUH]] in [[Nov]]. Ward [[7B]], bleep [[4471]]. Dr [[T. Wu]].",
    "cc: Mr [[Gareth Price]], [[Flat 2, Ivy House]], [[9 Mill Lane]], [[Cardiff]] [[CF10 1AA]]; NHS No [[485 777 3456]] on file.",
    "She is an administrator with [[Ardmore County Council]]; her mother lived to [[96]]. Seen by [[p. kaur]] for pain 6/10.",
    # numbers, streets and towns written the way other countries write them; signatures of typists; employers and clubs
    "Hosp. No.: [[KGH/ONC/2023/0912]]   Folder No [[GS 5521904]]\nResidence: [[Room No. 7, Sai Krupa Chawl, S. K. Bole Marg]], [[Dadar]], [[Pune]] [[411014]].",
    "Home: [[Blk 88 Tampines North St 2, #05-12]], [[Singapore]] [[520088]]. Seen at [[Westlake General Hospital]], [[Kingsbridge]].\n[[pk]]/[[lt]]\n",
    "Home address: [[Avenida Juárez 118]], Col. [[Obrera]], C.P. [[06800]]. Typed: 12/03 ([[mb]]). Alive at [[95]] per son.",
    "She is a welder at [[Northgate Fabrication]] and trains at [[Ironside CrossFit]]; nephrectomy at [[KLGH]] in 2023, then ICU at the hospital.",
    "Present: [[Tavita]]; wife [[Losa]]; Family ([[Minh]], husband; [[Chau]], daughter). Nutrition - [[Bree]]; PT - [[Hale Morgan]]",
    "hi this is [[hope]], [[rosa]]'s daughter. dad ([[bill]]) is at work. thx, [[hope]]\n[[Miriam Okoro]], MS, CGC\nSLNB with ALND at surgery.",
    "Consultant: Prof [[Declan Ó Murchú]]\nWard: [[St Anthony's 22]]\nOur ref: [[HM/jw]]\nChecked by: [[SOD]]\n[[Dublin 4]], [[D04 T6F4]]",
    "pt: [[king, cecilia]]   hd#4\nmarried to [[Will]], who drives for [[CTA]]. dtr [[Grace]] is hcp. cc: Dr [[Manu Tui]], Hepatology, [[ACH]]",
    "Works as a stonemason for [[Bay State Masonry & Restoration]]; attends [[Iglesia Pentecostal Nueva Vida]]. CTCAE grade 2.",
    "[[BRIGHTWAY PHARMACY #0417]]\n[[1550 W KING ST]], [[COCOA, FL 32922]]\nANASTROZOLE 1 MG TAB\nRPh: [[TLE]]\nSSN (last 4): [[xxx-xx-6218]]",
    "Employer name: [[Hollister & Vance Engineering LLC]]\nSignature: [[H Vandermeer]]\nLicense MA [[265441]]; use code [[FAM-7Q2K9]] online.",
    "[[Lindenstraße 42]], [[10969]] [[Berlin]]; last dose [[12 abril 2024]]; visit until [[junio 2026]]. She is [[91]] and frail. Mob. [[98220 55501]]",
    "[[Room 118, 2200 Beach Blvd]], [[Biloxi]]; [[3-4 Widcombe Parade]], Bath; [[Barangay San Antonio]]; see [[yarrabendoncology.com.au]]",
    # clinical eponyms, scales, clones, codes and services are not people or places
    "63-year-old man with metastatic NSCLC, EGFR exon 19 deletion positive, progressed on osimertinib. Gleason Score 7.",
    # a bare month is a date element (HIPAA keeps only the year); "wedding" and "kinda" are no names
    "my wedding is in [[june]] and i kinda worry about the bumps on my arm",
    "de novo stage IV disease; carcinoma in situ; 2/3 nodes; ER 8/8; tamoxifen 20 mg daily; 3/4 cores.",
    "ALK D5F3 clone positive; G2P2; AZD9291 on trial; Gleason Grade Group 2; Oncotype DX recurrence score 18.",
    "Ann Arbor stage III. Gleason Score 7. Bloom Richardson grade 2. Hodgkin Lymphoma. Allred Score 8.",
    "Referred to Thoracic Oncology and Radiation Oncology. Follow up in the GU Oncology clinic.",
    "Invasive Ductal Carcinoma, Left Breast. Estrogen Receptor Positive. Sentinel Lymph Node Biopsy.",
    "Staged T2-N1-M0 and HER2-low; CA 15-3 rising; 5-FU and CTLA-4 inhibitor discussed.",
]


def _split(example: str) -> tuple[str, list[tuple[int, int]]]:
    plain, gold, pos = "", [], 0
    for m in re.finditer(r"\[\[(.*?)\]\]", example):
        plain += example[pos : m.start()]
        gold.append((len(plain), len(plain) + len(m[1])))
        plain += m[1]
        pos = m.end()
    return plain + example[pos:], gold


@pytest.mark.parametrize("example", EXAMPLES)
def test_bare_phi_removed_and_clinical_text_kept(example: str) -> None:
    text, gold = _split(example)
    spans = deidentify(text).spans
    for a, b in gold:
        kept = [i for i in range(a, b) if not text[i].isspace() and not any(s.start <= i < s.end for s in spans)]
        assert not kept, f"kept PHI: {text[a:b]!r}"
    for s in spans:
        assert any(a < s.end and s.start < b for a, b in gold), f"removed clinical text: {text[s.start:s.end]!r}"


def test_month_year_keeps_year_month() -> None:
    out = deidentify("Letrozole since June 2021, stopped Feb. 2024.").text
    assert out == "Letrozole since [date 2021-06], stopped [date 2024-02]."

"""Cancer-type lexicon: canonical name -> (primary site, entity names, organ words). Data only.

Entity names (leiomyosarcoma, cholangiocarcinoma, myeloma) name the disease itself and decide the type;
organ words ("lung", "colon") count only next to a malignancy word and outside metastatic-site phrases,
because "with lung metastases" names where a cancer went, not where it started.
"""

from __future__ import annotations

# name -> (primary site, entity patterns, organ patterns)
CANCER_TYPES: dict[str, tuple[str, list[str], list[str]]] = {
    "breast cancer": ("breast", [r"breast cancer", r"breast carcinoma", r"ductal carcinoma", r"lobular carcinoma", r"DCIS", r"TNBC",
                                 r"IDC", r"ILC"],
                      [r"breast", r"mammary"]),
    "lung cancer": ("lung", [r"lung cancer", r"lung (?:adeno|squamous )?carcinoma", r"NSCLC", r"SCLC", r"non[- ]small[- ]cell", r"small[- ]cell lung",
                             r"bronchogenic carcinoma"],
                    [r"lung", r"pulmonary", r"lobectomy", r"upper lobe", r"lower lobe", r"middle lobe", r"RUL", r"RML", r"RLL", r"LUL", r"LLL"]),
    "colorectal cancer": ("colon/rectum", [r"colorectal cancer", r"colon cancer", r"rectal cancer", r"mCRC", r"CRC"],
                          [r"colon", r"colorectal", r"rectal", r"rectum", r"sigmoid", r"cecum", r"cecal"]),
    "prostate cancer": ("prostate", [r"prostate cancer", r"m?CRPC", r"mHSPC", r"mCSPC", r"Gleason"], [r"prostate", r"prostatic"]),
    "ovarian cancer": ("ovary", [r"ovarian cancer", r"ovarian carcinoma", r"HGSOC", r"primary peritoneal carcinoma",
                                 r"high[- ]grade serous (?:tubo-?ovarian |peritoneal )?carcinoma"], [r"ovarian", r"ovary", r"fallopian", r"tubo-?ovarian"]),
    "pancreatic cancer": ("pancreas", [r"pancreatic cancer", r"PDAC", r"pancreatic ductal adenocarcinoma"], [r"pancreatic", r"pancreas"]),
    "uveal melanoma": ("eye", [r"uveal melanoma", r"choroidal melanoma", r"ocular melanoma", r"ciliary body melanoma"], []),
    "melanoma": ("skin", [r"melanoma"], []),
    "kidney cancer": ("kidney", [r"renal cell", r"RCC", r"kidney cancer"], [r"kidney", r"renal", r"nephrectomy"]),
    "bladder cancer": ("bladder", [r"urothelial", r"bladder cancer", r"transitional cell carcinoma"], [r"bladder"]),
    "thyroid cancer": ("thyroid", [r"thyroid cancer", r"thyroid carcinoma", r"papillary thyroid"], [r"thyroid"]),
    "head and neck cancer": ("head and neck", [r"head and neck", r"HNSCC", r"SCCHN", r"nasopharyngeal carcinoma"],
                             [r"oral cavity", r"oropharyn\w*", r"nasopharyn\w*", r"hypopharyn\w*", r"larynx", r"laryngeal", r"tongue", r"tonsil\w*",
                              r"buccal(?: mucosa)?", r"floor of (?:the )?mouth", r"base[- ]of[- ]tongue", r"BOT", r"gingiva\w*", r"alveolar ridge", r"retromolar", r"supraglottic",
                              r"glottic", r"piriform sinus", r"hard palate", r"soft palate", r"lip"]),
    "liver cancer": ("liver", [r"hepatocellular", r"HCC", r"liver cancer"], []),
    "cholangiocarcinoma": ("bile ducts", [r"cholangiocarcinoma", r"biliary tract cancer", r"bile duct (?:cancer|carcinoma)"], []),
    "gallbladder cancer": ("gallbladder", [r"gall ?bladder (?:cancer|carcinoma|adenocarcinoma)"], []),
    "stomach cancer": ("stomach", [r"gastric cancer", r"stomach cancer", r"gastro-?esophageal junction", r"GEJ"], [r"gastric", r"stomach"]),
    "esophageal cancer": ("esophagus", [r"esophageal cancer", r"esophageal (?:squamous cell )?(?:adeno)?carcinoma"], [r"esophag\w+", r"oesophag\w+"]),
    "anal cancer": ("anus", [r"anal cancer", r"anal (?:canal )?(?:squamous cell )?carcinoma"], [r"anal canal"]),
    "cervical cancer": ("cervix", [r"cervical cancer", r"cervical (?:squamous cell )?carcinoma"],
                        [r"cervix", r"endocervi\w+", r"cervical (?:bx|biopsy|mass|lesion|os|cone|conization)"]),
    "endometrial cancer": ("uterus", [r"endometrial cancer", r"endometrial carcinoma", r"uterine serous carcinoma"], [r"endometri\w+", r"uterine"]),
    "mesothelioma": ("pleura", [r"mesothelioma"], []),
    "glioma": ("brain", [r"glioblastoma", r"glioma", r"astrocytoma", r"oligodendroglioma", r"GBM"], []),
    "soft tissue sarcoma": ("soft tissue", [r"leiomyosarcoma", r"liposarcoma", r"synovial sarcoma", r"rhabdomyosarcoma", r"angiosarcoma",
                                            r"undifferentiated pleomorphic sarcoma", r"myxofibrosarcoma", r"fibrosarcoma", r"soft[- ]tissue sarcoma",
                                            r"sarcoma"], []),
    "bone sarcoma": ("bone", [r"osteosarcoma", r"Ewing(?:'s)? sarcoma", r"chondrosarcoma"], []),
    "gastrointestinal stromal tumor": ("gastrointestinal tract", [r"gastrointestinal stromal tumou?r", r"GIST"], []),
    "neuroendocrine tumor": ("neuroendocrine", [r"neuroendocrine (?:tumou?r|neoplasm|carcinoma)", r"carcinoid"], []),
    "testicular cancer": ("testis", [r"seminoma", r"germ cell tumou?r", r"testicular cancer"], [r"testicular", r"testis"]),
    "adrenocortical carcinoma": ("adrenal gland", [r"adrenocortical carcinoma", r"adrenal cortical carcinoma"], []),
    "chronic lymphocytic leukemia": ("blood", [r"chronic lymphocytic leuka?emia", r"CLL", r"small lymphocytic lymphoma"], []),
    "acute myeloid leukemia": ("blood", [r"acute myeloid leuka?emia", r"acute myelogenous leuka?emia", r"AML"], []),
    "acute lymphoblastic leukemia": ("blood", [r"acute lymphoblastic leuka?emia", r"B-ALL"], []),
    "chronic myeloid leukemia": ("blood", [r"chronic myeloid leuka?emia", r"chronic myelogenous leuka?emia", r"CML"], []),
    "multiple myeloma": ("bone marrow", [r"multiple myeloma", r"plasma cell myeloma", r"myeloma"], []),
    "myelodysplastic syndrome": ("bone marrow", [r"myelodysplastic syndromes?", r"MDS"], []),
    "lymphoma": ("lymph nodes", [r"lymphoma", r"DLBCL", r"Hodgkin"], []),
}
HEME = {"chronic lymphocytic leukemia", "acute myeloid leukemia", "acute lymphoblastic leukemia", "chronic myeloid leukemia",
        "multiple myeloma", "myelodysplastic syndrome", "lymphoma"}
# Entities written in capitals only (abbreviations); matched case-sensitively.
ABBREVIATIONS = {"IDC", "ILC", "BOT", "RUL", "RML", "RLL", "LUL", "LLL", "DCIS", "TNBC", "NSCLC", "SCLC", "mCRC", "CRC", "m?CRPC", "mHSPC", "mCSPC", "HGSOC", "PDAC", "RCC", "HNSCC", "SCCHN",
                 "HCC", "GEJ", "GBM", "GIST", "CLL", "AML", "B-ALL", "CML", "MDS", "DLBCL"}

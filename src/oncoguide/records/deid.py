"""De-identification: replace PHI with typed placeholders before anything is stored, logged or extracted.

Rule-based on purpose: names and facilities are found by their context (labels, titles, credentials,
institution suffixes) rather than a name list, so clinical words (drug names, eponyms such as Allred or
Gleason) survive. Full dates keep their year-month (`[date 2023-04]`) so treatment timelines remain usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from oncoguide.records.deid_names import CLINICAL_WORDS, LANGUAGES, clinical_vocabulary, find_names
from oncoguide.records.deid_ner import entity_spans

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# a name word may carry accents ("Murchú", "Ó Conaill-Byrne"); particles join the words of one name
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’\-])+"
_NAME = (_NAME_WORD + r"(?: [A-Z]\.?(?![A-Za-z]))?(?: (?:(?:bin|binte|binti|d/o|s/o|de|del|dela|de la|delos|van|von|der|da|dos|di|al|el|"
         r"Ó|Ní|Nic|Mac|Ua|Uí) )?(?!(?:MRN|DOB|ID|SSN|Age|Sex)\b)" + _NAME_WORD + r"(?![\w'\-]*:)){0,3}")
_CRED = (r"(?:M\.?D\.?|D\.?O\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?-?C?|Ph\.?D\.?|FCAP|MBBS|DNP|RPh|PharmD|CPhT|CCRP|OCN|LPN|"
         r"CNA|MSW|LCSW|APRN|FNP|CRNP|CGC|OSW-C|DPT|CNP|MSN|CCRC|SLP)\b")
_FAC_SUFFIX = (
    r"(?:Home Health Services|Home Health Agency|Hospital|Medical Center|Medical Centre|Health System|Health Center|Cancer Center|Cancer Institute|"
    r"Clinic|Infirmary|Oncology Associates|Oncology Group|Medical Group|Healthcare|Health|Laboratories|"
    r"Laboratory|Labs|Imaging|Radiology|Pathology Associates|University Hospital|Surgical Center|Center|Centre|Institute|"
    r"Pharmacy|Department|Associates|Hospice|Oncology|Senior Living|Nursing Home|Rehabilitation|Urgent Care|Practice|"
    r"Partners|Specialists|Physicians|Surgery Center|Cancer Care|Medical Associates|Family Medicine|Health Partners|"
    r"Group|Surgery|Team|Genetics|Palliative Care|Diagnostics|Urology|Dermatology|Cardiology|Program|Medicine|Network|"
    r"Infusion Suite|Infusion Center|Parish|Church|Chapel|Temple|Mosque|Synagogue|Rescue|Fire Department|School|Academy|"
    r"Supply|Company|Funeral Home|Authority|Consortium|Home Infusion|Infusion|Hematology|Fellowship|Ministries|Congregation|"
    r"Pathology|Pavilion|Library|Lodge|NHS Foundation Trust|NHS Trust|Health Board|Home Health(?: Services| Agency| Care)?|"
    r"Donor Program|Visiting Nurses|Services|Hospitals|Family Medical|Genomics|Mortuary|LLP|Diner|Supplies|Hematopathology|Freight Lines|Alliance|IVF|Regional(?: Lab| Laboratory)?(?=\s*(?:[,.;:)]|$))|General(?=\s*(?:[,.;)]|$| [A-Z]| Hospital)))"
)
_STREET = r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Terrace|Circle|Pike|Highway|Hwy|Trail|Trl|Square|Sq|Row|Crescent|Cres|Close|Parade|Mews|Grove|Gardens|Loop|Quay|Walk)\.?"
# a street named by words only, as in letters' address blocks: "Wharf Road", "Old Fort Pkwy"
_NAMED_STREET = (r"(?:[A-Z][a-z]+[ \t]){1,2}(?:Street|Road|Lane|Avenue|Drive|Way|Close|Crescent|Terrace|Brow|Hill|Pkwy|Parkway|"
                 r"Boulevard|Blvd)")
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[-+]\d{4})?)?"  # a time stamp goes with its date
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
    r"ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)"
)
# Words that look like names after a label but are clinical content.
_CAPS_STOP = r"(?:WAS|IS|HAS|HAD|WILL|WOULD|AND|THE|TO|IN|ON|AT|WITH|FOR|OF|MD|RN|DO|NP|PA|WHO|SEEN|TOLERATED|COMPLETED)"
_NOT_NAMES = {
    "name", "dob", "mrn", "age", "sex", "date", "diagnosis", "history",
    "unknown", "none", "not", "no", "the", "patient", "female", "male", "negative", "positive", "n/a", "na",
}


class PHISpan(BaseModel):
    """One removed span of the original text (offsets into the input; the text itself is never kept)."""

    kind: str
    start: int
    end: int


class Deidentified(BaseModel):
    """The de-identified text plus what was removed (kinds and original offsets only)."""

    text: str
    spans: list[PHISpan]


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    group: int | str = 0


def _r(kind: str, pattern: str, group: int | str = 0, flags: int = 0) -> _Rule:
    return _Rule(kind, re.compile(pattern, flags), group)


# academic degrees written after a name ("Miriam Solberg, MS, CGC") are not a name themselves
_DEGREES = {"MS", "MA", "BS", "BA", "BSc", "MSc", "MPH", "MSN", "BSN", "MBA", "MEd", "PhD", "MPhil"}

_RULES: list[_Rule] = [
    _r("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    _r("url", r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|health|care|us|uk|ca|au|nz|ie|in|sg|za|ke|ng|ph|link|info)(?:/[^\s)]*)?(?!\w)(?!\.\w)"),
    _r("ssn", r"\b\d{3}-\d{2}-\d{4}\b"),
    _r("phone", r"(?<![\w/])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-])\d{3}[\s./-]\d{4}\b(?:\s*(?:x|ext\.?)\s*\d+)?"),
    # Labelled identifiers: MRN, accession, account, case, specimen numbers, insurance ids.
    _r(
        "id",
        r"(?i)\b(?:MRN|Med(?:ical)?\s*Rec(?:ord)?\s*(?:No|Number|#)?|Acc(?:ession)?\s*(?:No|Number|#)?|Account\s*(?:No|Number|#)?|"
        r"Case\s*(?:No|Number|#)|Specimen\s*(?:No|Number|#|ID)|Patient\s*ID|Member\s*ID|Policy\s*(?:No|#)|Encounter\s*(?:No|#|ID)|"
        r"Lab\s*(?:No|#|ID)|Order\s*(?:No|#)|SSN|NPI)\.?\s*(?:\([^)\n]{1,20}\)\s*)?[:#]?\s*(?P<v>[A-Z]{0,4}[- ]?\d[\dA-Z-]{3,}(?: \d{3,})*)",
        "v",
    ),
    _r("id", r"\b[A-Z]{1,3}\d{2}-\d{3,}\b"),  # surgical pathology accession numbers, e.g. S23-104522
    _r("id", r"\b[A-Z]{2,4}-\d{2}-\d{3,}\b"),  # outside case numbers, e.g. LCH-19-2231
    _r("id", r"(?i)\b(?:case|specimen|block id|FIN|CSN|visit)\s*(?:#|no\.?|number)?\s*[:#]\s*(?P<v>[A-Z]{0,4}-?\d[\dA-Z-]{3,})", "v"),
    _r("id", r"(?<![\d.])\d{7,}(?![\d.])"),  # long bare digit runs
    _r("id", r"(?i)\b(?:SN|S/N|serial(?:\s*(?:no|number|#))?|Rx\s*(?:no|number|#)?|RX|tracking(?:\s*(?:no|number|#))?|"
             r"claim(?:\s*(?:no|number|#))?|auth(?:orization)?(?:\s*(?:no|number|#))?)\.?\s*[:#]?\s*(?P<v>[A-Z]{0,3}\d[\dA-Z-]{4,})", "v"),
    _r("id", r"(?<![\d-])\d{4}[ -]\d{4}[ -]\d{4}(?:[ -]\d{4})?(?![\d-])"),
    _r("id", r"\b[A-Z]{1,4}(?:/[A-Z]{1,4})+/\d{4,}\b"),  # RM/GI/88231
    _r("id", r"\b\d{1,3}[A-Z]\d{6,}\b"),  # CLIA-style 36D0987712
    _r("id", r"\b\d{2}-\d{7}\b"),  # employer / tax id
    # any "<word> ID", "#", "No." label followed by a code with digits: "Hospice ID: GSH-240311", "(ID INT-2291)"
    # ("#" is no word character, so it needs no \b before it: "billing #: 018842", "Screening #: S-014")
    _r("id", r"(?i)(?:\b(?:ID|No\.|Number)|#)[ \t]*[:#]?[ \t]*(?P<v>[A-Z]{0,5}-?\d[\dA-Z-]{2,})\b", "v"),
    _r("id", r"(?i)\b(?:access|pass|confirmation|reference|authori[sz]ation|claim|policy|account|acct|member|group)"
             r"[ \t]+(?:code|number|no\.?)[ \t]*[:#]?[ \t]*(?P<v>[A-Z]{0,5}-?\d[\dA-Z-]{2,})\b", "v"),
    _r("id", r"(?i)\bour chart\s+(?P<v>[A-Z]{0,5}-?\d[\dA-Z-]{3,})", "v"),  # grouped card and tracking numbers
    # Letter-digit codes: a prefix and six or more digits, letters and digits interleaved, or prefix-dash-number.
    # Investigational drug codes (AZD9291, MK-3475) have fewer digits and stay; so do trial ids (NCT + 8 digits).
    _r("id", r"\b(?!NCT\d{8}\b)(?:[A-Z]{1,5}\d{6,}[A-Z]?|[A-Z]{3,5}\d{5}\b|(?=[A-Z0-9]{7,}\b)[A-Z]{1,4}\d+[A-Z]+\d+[A-Z0-9]*|[A-Z]{2,5}-\d{5,})\b"),
    # Unlabelled codes of three or more hyphenated parts (device serials, member ids); not dates or phones.
    _r("id", r"(?<![\w-])(?!\d{1,4}-\d{1,2}-\d{1,4}(?![\w-]))(?!\d{3}-\d{3}-\d{4}(?![\w-]))"
             r"(?=(?:[A-Z-]*\d){4})[A-Z0-9]{1,8}(?:-[A-Z0-9]{1,8}){2,}(?![\w-])"),  # 4+ digits: not "T2-N1-M0"
    _r("phone", r"\(0\d{1,3}\)[ \t]?\d{3,4}[ \t]?\d{3,4}\b"),  # (09) 555 2207
    _r("phone", r"(?<![\w.])0\d{3,4}[ \t]?\d{6}\b|(?<![\w.])0\d{1,4}[ \t]\d{3,4}[ \t]\d{3,4}\b"),  # 07700 900461
    _r("phone", r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\d])"),  # +353 87 555 4412
    _r("phone", r"(?i)\b(?:ext\.?|extension|pager|beeper|x)\s*[#:]?\s*(?P<v>\d(?:-?\d){3,5})\b", "v"),
    # Dates of birth: fully removed.
    _r(
        "date",
        r"(?i)\b(?:DOB|D\.O\.B\.|Date of Birth|Birth\s*date)\s*[:\-]?\s*(?P<v>\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|"
        + _MON + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MON + r"\s+\d{4})",
        "v",
    ),
    _r("date", r"(?i)\b" + _WEEKDAY + r"?\d{4}[-/]\d{1,2}[-/]\d{1,2}\b" + _TIME),
    _r("date", r"(?i)\b" + _WEEKDAY + r"?\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b" + _TIME),
    _r("date", r"(?i)\b(?:19|20)\d{2}-" + _MON + r"-\d{1,2}\b"),  # 1957-Dec-03
    _r("date", r"(?i)\b(?:19|20)\d{2}-" + _MON + r"(?![\w-])"),  # 2026-Jan
    _r("date", r"(?i)\b(?:[1-9]|[12]\d|3[01])-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b(?!-)"),  # 19-Aug
    # dictated dates: "August twelfth, twenty twenty-five", "January of twenty twenty-two"
    _r("date", r"(?i)\b(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+"
               r"(?:(?:the[ \t]+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
               r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth|thirty-first)"
               r"(?:,?[ \t]+(?:nineteen|twenty|two thousand)(?:[ \t-]+[a-z]+){1,2})?|of[ \t]+(?:nineteen|twenty|two thousand)(?:[ \t-]+[a-z]+){1,2})"),
    # a bare month after a preposition ("in November", "since December", "in Jan."): HIPAA counts every date
    # element but the year; "May" only capitalized, so the verb stays
    _r("date", r"(?i:\b(?:in|since|during|until|till|by|from|through|of|early|late|mid|last|next|this|before|after)[ \t]+"
               r"(?:(?:early|late|mid)[ \t-]+)?)(?P<v>(?i:January|February|March|April|June|July|August|September|"
               r"October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)|May)(?![\w])", "v"),
    # a day and month without the year: "24 February", "10 March"
    _r("date", r"(?i)\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+(?:January|February|March|April|May|June|July|August|"
               r"September|October|November|December)\b"),
    # a weekday makes a short date certain: "Thu 5/29", "Saturday 10/05", "Wed., Nov. 5"
    _r("date", r"(?i)\b" + _WEEKDAY + r"(?:(?:[1-9]|1[0-2])/(?:[0-2]?\d|3[01])\b|" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?\b)"),
    _r("date", r"(?i)\b" + _MON + r"\s+['’]\d{2}\b"),  # Jun '25
    # "week of 1/27", "due 10/31", "on the 17th": a short date where the words before it say so
    _r("date", r"(?i)\b(?:on|by|since|until|till|thru|through|due|dated|week of|weekend of|scheduled(?: for)?|appt|appointment|"
               r"placed|performed|tentatively|booked|set for|see you|(?:evening|morning|night|afternoon|as) of|TBNA|EGD|FNA|"
               r"visit|started|stopped|resumed|admitted|discharged|last|next|before|after|note|ECG|EKG|echo|CT|MRI|PET|scan|"
               r"BM|disconnected|drawn|collected|infused|given|dose|date|encounter|confirmed|received|done|seen|called|"
               r"completed|and|or)\s+"
               r"(?P<v>(?:[1-9]|1[0-2])/(?:[1-9]|[12]\d|3[01])(?![\d/])(?!\s*(?:lymph|nodes?|LNs?|cores?|slides?|blocks?|biops))|"
               r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:cycle|dose|day|percentile|line|time|week|floor|rib|vertebra|grade|birthday)))", "v"),
    # month/day followed by a time, or opening a line of a message log: "2/26 9:14am", "3/1: called back"
    _r("date", r"(?im)(?:\b|^)(?:[1-9]|1[0-2])/(?:[1-9]|[12]\d|3[01])(?=,?\s+(?:at\s+)?\d{1,2}(?::\d{2}|\s*[ap]\.?m\b))" + _TIME
               + r"|^\s*(?:[1-9]|1[0-2])/(?:[1-9]|[12]\d|3[01])(?=[\s:-])"),
    _r("date", r"(?i)\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+of\s+" + _MON + r"(?:,?\s+\d{4})?"),  # the 3rd of May
    _r("date", r"(?i)\b\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
               r"noviembre|diciembre)(?:\s+de(?:l)?\s+\d{4})?\b"),
    _r("date", r"(?i)\b(?:early|late|mid)[ \t-]+(?:January|February|March|April|June|July|August|September|October|November|"
               r"December)\b"),
    _r("date", r"(?i)\b" + _WEEKDAY + r"the\s+\d{1,2}(?:st|nd|rd|th)\b"),  # Friday the 6th
    _r("date", r"(?i)\b(?:on|by|since|until|from)\s+(?P<v>the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
               r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
               r"twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty-first))\b", "v"),
    _r("date", r"(?i)\b" + _WEEKDAY + r"?" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b" + _TIME),
    _r("date", r"(?i)\b" + _WEEKDAY + r"?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+\d{4}\b" + _TIME),
    _r("date", r"(?i)\b\d{1,2}[-/ ]" + _MON + r"[-/ ]\d{2,4}\b"),  # 14-Mar-2024
    _r("date", r"(?i)\b" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:mg|cm|mm|%|cycles?|doses?|weeks?|days?))"),  # March 10th
    _r("date", r"(?<![\d/.])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b"),  # 2/2023
    # month/day with a zero-padded part ("10/01", "03/7"): fractions, scores and counts are never written that way
    _r("date", r"(?<![\d/.])(?:0[1-9]/(?:[1-9]|[012]\d|3[01])|(?:[1-9]|1[0-2])/0[1-9])(?![\d/])"),
    _r("date", r"(?i)\b" + _MON + r"-(?:19|20)\d{2}\b"),  # Sep-2019
    # Day and month without a year, or month/two-digit year, only where the words around say it is a date.
    _r("date", r"(?i)\b(?:on|since|from|until|till|by|dated|seen|DOS|visit|admitted|discharged|through|to)\s+"
               r"(?P<v>(?:0?[1-9]|1[0-2])/(?:[0-2]?\d|3[01]))(?![\d/])", "v"),
    # Month and year only: already year-month, replaced by the same [date YYYY-MM] a full date gets.
    _r("date", r"(?i)\b" + _MON + r",?\s+(?:of\s+)?(?:19|20)\d{2}\b"),
    # Ages over 89 are identifying.
    _r("age", r"(?i)\b(?P<v>(?:9\d|1[0-2]\d))(?=[\s-]*(?:years?|yrs?|y/?o\b|y\.o\.|y\b|year-old|[FM]\b))", "v"),
    _r("age", r"(?i)\b(?:turned|age of|I'm|I am|he's|she's|now)\s+(?P<v>9\d|1[0-2]\d)\b(?!\s*(?:%|mg|kg|lb|mm|cm|bpm|/))", "v"),
    _r("age", r"(?i)\b(?:age[ds]?|aged)\s*[:=]?\s*(?P<v>9\d|1[0-2]\d)\b", "v"),
    _r("age", r"(?i:\b(?:is|aged?|he's|she's|at|turned)[ \t]+)(?P<v>ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
              r"one hundred(?:[- ](?:and[- ])?\w+)?)\b", "v"),
    _r("age", r"(?<=[a-z] )\((?P<v>9\d|1[01]\d)(?=\)|[ \t]+(?:on|in|next|this|years?|y/?o|yo)\b)", "v"),  # "wife Gudrun (90)", "papa (94 on sunday)"
    _r("date", r"\((?P<v>January|February|March|April|May|June|July|August|September|October|November|December)\)", "v"),
    # "(Mrs. Odessa Carter, 92)", "died 91", "died at 94"
    _r("age", r"(?:\b[A-Z][a-z'’\-]+,[ \t]*|(?i:\b(?:died|passed away|deceased)[ \t]+(?:at[ \t]+)?(?:age[ \t]+)?))(?P<v>9\d|1[0-2]\d)\b(?![ \t]*(?:%|mg|kg|mm|cm|/))", "v"),
    _r("name", r"(?i:\binitials)[ \t]*[:\-]?[ \t]*(?P<v>(?:[A-Z]\.?){2,4})(?![\w])", "v"),
    _r("name", r"(?P<v>\b[A-Z]\.[ \t]?[A-Z][a-zA-Z'\-]+),?[ \t]+" + _CRED, "v"),
    _r("id", r"(?i)\bgroup[ \t]*(?:#|no\.?|number)?[ \t]*[:#]?[ \t]*(?P<v>\d[\d-]{3,})\b", "v"),
    # room and bed numbers; numbers written in spaced groups after an id label ("PHN: 9876 543 217")
    _r("id", r"\b\d{1,2}[ \t]?(?:WEST|EAST|NORTH|SOUTH|West|East|North|South)[ \t]+(?P<v>\d{3,4}(?:-?[A-Z])?)\b", "v"),  # 8 West 812
    _r("id", r"(?m)^(?P<v>[A-Z]{1,4}-\d{2,4})(?=[ \t]*\|)", "v"),  # a subject or screening number opening a table row
    _r("id", r"(?i:\b(?:CPSO|AHPRA|GMC|NMC|MCR|DEA|provider|prescriber)\b[ \t]*(?:no\.?|number|#)?[ \t]*[:#]?[ \t]*)(?P<v>[A-Z0-9]{0,3}\d{4,}[A-Z]?)\b", "v"),
    _r("phone", r"(?i:\b(?:at|call|phone|tel|cell|line|number|pager|beeper|#)[ \t:]*)(?P<v>\d{3}-\d{4})\b(?![ \t]*(?:mg|mcg|ml|units|cGy|Gy))", "v"),
    _r("id", r"(?i:\b(?:bed|bay)\b[ \t]*[:#]?[ \t]*)(?P<v>[A-H])\b(?![\w.])", "v"),  # "Rm 614, Bed B"
    # an MRN read out digit by digit in a dictation: "medical record number 4 4 7 1 9 0 8"
    _r("id", r"(?i:\b(?:medical record number|record number|MRN|chart number)\b[ \t]*[:#]?[ \t]*)(?P<v>\d(?:[ ,]{1,2}\d){4,})", "v"),
    _r("id", r"(?i:\b(?:room|rm|bed|ward/bed|bed assignment|bed no\.?|chair|bay)\b\.?[ \t]*[:#]?[ \t]*)"
             r"(?P<v>(?=[\w-]*\d)[A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,6})?(?:[ \t]*/[ \t]*\d{1,4})?)(?![\w/])", "v"),
    # national and hospital numbers by their labels: NHI, NRIC, UHID, IP No, Hospital no., registration numbers
    _r("id", r"(?i:\b(?:NHI|NRIC|FIN|UHID|IP No|Hospital no|URN?|CHI|ULI|HCN|SA ID no|ID no|reg(?:istration)?)\b\.?[ \t]*(?:no\.?|number)?[ \t]*[:#]?[ \t]*)"
             r"(?P<v>(?=[\w/ -]*\d)[A-Z0-9]+(?:[/ -][A-Z0-9]*\d[A-Z0-9]*){0,3})\b", "v"),
    _r("id", r"(?i:\b(?:no|number|#|PHN|NHS|medicare|health card|HCN|OHIP|MSP|AHCIP|ID|member ID)\b\.?[ \t]*[:#]?[ \t]*)"
             r"(?P<v>(?:[A-Z]{2,4}[ \t])?\d{2,5}(?:[ \t]\d{1,6}){1,3}(?:-\d{1,2})?(?:[ \t][A-Z]{1,2}\b)?)\b", "v"),
    _r("id", r"(?i:\b(?:SSN|social security(?: number)?|SIN)\b[^\n\d]{0,20})(?P<v>\d{4})\b", "v"),
    # codes of nine or more letters and digits mixed ("3KT7WQ2NP18"), prefixed references ("CO/RW1187432")
    _r("id", r"\b(?!NCT\d{8}\b)(?=[A-Z0-9]{9,}\b)(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-Z0-9]+\b"),
    _r("id", r"\b[A-Z]{1,4}/[A-Z]{1,4}\d{4,}\b"),
    # initials standing for a patient: before age/sex ("J.R., 67M") or alone in a table cell ("| D.H. |")
    _r("name", r"\b(?:[A-Z]\.){2,3}(?:-[A-Z]\.)?(?=,?[ \t]*\d{1,3}[ \t]*(?:[MF]\b|yo\b|y/o|-year))"),
    _r("name", r"(?<=\|)[ \t]*(?P<v>(?:[A-Z]\.){2,3}(?:-[A-Z]\.)?)[ \t]*(?=\|)", "v"),
    # nicknames in quotes beside a name: Dorothy ("Dot"), WILLIAM "BILL"
    _r("name", r"(?<=[A-Za-z])[ \t]*\(?[ \t]*[\"“](?P<v>[A-Z][A-Za-z]+)[\"”][ \t]*\)?", "v"),
    # Addresses.
    _r("address", r"\b\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][a-z]+[ \t]+){1,3}" + _STREET + r"(?:,?\s+(?:(?:Apt|Suite|Ste|Unit|Bldg|Building|Floor|Fl)\.?\s*#?\w+|\d+(?:st|nd|rd|th) [Ff]loor)){0,2}"),
    _r("address", r"\b(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,?\s+" + _STATES + r"\s+\d{5}(?:-\d{4})?\b"),
    _r("address", r"\b(?:[a-z]+[ \t])?[a-z]{3,},?[ \t]+" + _STATES + r"[ \t]+\d{5}(?:-\d{4})?\b"),  # typed: "las cruces NM 88011"
    _r("address", r"\b\d{1,4}/\d{1,6}[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}" + _STREET),  # Australian unit/number: 2/210 Morala Avenue
    _r("address", r"\b\d{1,6}[ \t]+(?:Calle|Avenida|Camino|Paseo|Rue|Via)[ \t]+[A-Z][\w'’]+(?:[ \t]+[A-Z][\w'’]+)?"),
    # a four-digit postcode closing an address line: "Pembroke Street, Hamilton 3204" (New Zealand, Australia)
    _r("zip", r"(?m)\b(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Lane|Ln|Way|Crescent|Cres|Place|Pl|Terrace|Close|Parade|Highway|Hwy)\.?,"
              r"[ \t]*[A-Z][^\W\d_]+(?:[ \t][A-Z][^\W\d_]+)?[ \t]+(?P<v>\d{4})[ \t]*$", "v"),
    _r("address", r"\b\d{1,6}[ \t]+(?:North|South|East|West|N|S|E|W)[ \t]+\d{1,5}[ \t]+(?:North|South|East|West|N|S|E|W)\b"
                  r"(?:,?[ \t]+(?:Suite|Ste|Apt|Unit)\.?[ \t]*#?\w+)?"),  # grid addresses: 5770 South 300 East
    _r("address", r"\b[NSEW]?\d{2,6}[ \t]+County[ \t]+(?:Road|Rd|Highway|Hwy)[ \t]+[A-Z0-9]{1,3}\b"),
    _r("address", r"(?i)\bP\.?O\.?\s+Box\s+\d+(?:,?\s+Mail\s*Stop\s+[\w-]+)?|\bR\.?R\.?\s*\d+,?\s+Box\s+\d+"),
    _r("address", r"\b\d{1,6}[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\.?[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}" + _STREET + r"(?:,?\s+(?:Apt|Suite|Ste|Unit|\d+(?:st|nd|rd|th) Floor)\.?\s*#?\w*)?"),
    # Addresses typed in lower case in a patient's message.
    _r("address", r"\b\d{1,6}[ \t]+(?!(?:min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|mg|mcg|ml|times|each|per|more|of|to|in|at|a|the|cycles?|doses?)\b)(?:[a-z]+[ \t]+){1,4}(?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|way|blvd|ct|court|pl|place)\b\.?(?:,?\s+(?:apt|unit|suite)\.?\s*#?\w+)?|"
               r"\b\d{1,6}[ \t]+(?:calle|avenida|camino|rue|via)(?:[ \t]+[a-z]+){1,3}?(?:,?\s+(?:apt|unit)\.?\s*#?\w+)?"),
    _r("address", r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}" + _STREET + r"\s+(?:North|South|East|West|N|S|E|W)\b(?:,?\s+(?:Apt|Suite|Ste|Unit)\.?\s*#?\w+)?"),
    # a town by what follows it: a state code, a province and postal code, a UK postcode, a country
    # (MD and PA are credentials far more often than states: "Lee, MD")
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}),[ \t]*(?!MD\b|PA\b)" + _STATES + r"\b(?![ \t]*\d)(?=[ \t]*(?:[.;,()\n]|$))", "v"),
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?),?[ \t]+(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)[ \t]+[A-Z]\d[A-Z]", "v"),
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?),?[ \t]+[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b", "v"),
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?),?[ \t]+[ACDEFHKNPRTVWXY]\d{2}[ \t]?(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{4}\b", "v"),
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?),[ \t]*(?:Spain|Mexico|Canada|Ireland|Scotland|Wales|England|"
               r"India|China|Japan|Korea|Philippines|Vietnam|Nigeria|Ghana|Kenya|Brazil|Colombia|Peru|Argentina|Chile|Italy|"
               r"France|Germany|Poland|Portugal|Greece|Israel|Egypt|Pakistan|Australia|Jamaica|Haiti|Cuba|Puerto Rico)\b", "v"),
    _r("zip", r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"),  # Canadian postal code
    _r("zip", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"),  # UK postcode
    _r("address", r"(?i)\b(?:Flat|Apt|Apartment|Unit|Level|Suite|Floor)\s*\w{1,4},?\s+\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:" + _STREET + r"|Brow|Rise|Hill|Green)"),
    _r("address", r"\b\d{1,6}[ \t]+(?:(?:[NS][EW]|[NSEW])\.?[ \t]+)?\d{1,3}(?:st|nd|rd|th)?[ \t]+" + _STREET
                  + r"(?:,?[ \t]+(?:Apt|Suite|Ste|Unit|#)\.?[ \t]*\w+)?"),  # 403 W 12th St, 6124 NE 112th Avenue
    _r("zip", r"(?i)\b(?:zip(?:\s*code)?)\s*[:#]?\s*(?P<v>\d{5}(?:-\d{4})?)", "v"),
    _r("zip", r"(?i:\b(?:postal code|post code|postcode|pin(?: code)?|PIN)\b)[ \t]*[:#]?[ \t]*(?P<v>\d{4,6})\b", "v"),
    _r("zip", r"\b[A-Z][a-z]+[ \t]*[-–][ \t]*(?P<v>\d{6})\b", "v"),  # Pune - 411052
    _r("zip", r"\b[ACDEFHKNPRTVWXY]\d{2}[ \t]?(?=[A-Z0-9]{4}\b)(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{4}\b"),  # Irish Eircode
    # a town and an Australian state with its postcode: "Buderim QLD 4556"
    _r("address", r"\b(?:[A-Z][a-z]+[ \t]){0,2}[A-Z][a-z]+,?[ \t]+(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+\d{4}\b"),
    _r("address", r"\b\d{1,6}[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}" + _STREET + r"[ \t]*#[ \t]?\w+"),  # 2740 Poplar Ave #14
    _r("address", r"\b(?:Route|Rte|Highway|Hwy|State Road|County Road|SR|CR)[ \t]+\d{1,4}[A-Z]?\b(?![.,]\d|[ \t]*(?:mg|%|cm|mm))"),
    _r("address", r"(?m)(?<=Address:)[ \t]*(?P<v>Box[ \t]+\d+)|\b(?:Box)[ \t]+\d+(?=,[ \t]*[A-Z][a-z]+)"),
    # Facilities: capitalized words ending with an institution suffix.
    _r(
        "facility",
        r"\b(?:(?:St\.|Saint|Mount|Mt\.)[ \t]+)?[A-Z][A-Za-z'’&.\-]+[ \t]+(?:(?:[A-Z][A-Za-z'’&.\-]+|&|and|of(?=[ \t]+[A-Z]))[ \t]+){0,5}" + _FAC_SUFFIX + r"\b(?:\s+(?:of|at)\s+(?:the\s+)?(?:[A-Z][A-Za-z]+\s?){1,4})?(?:\s*#\s?\d+)?"
        r"(?:,?[ \t]+(?:P\.C\.|PC\b|PLLC\b|LLC\b|Inc\.?))?(?:[ \t]+[-–][ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?\b)?",
    ),
    _r("facility", r"\b(?:[A-Z][A-Z'&.\-]+[ \t]+){1,4}(?:HOSPITAL|MEDICAL CENTER|CLINIC|CENTER|CENTRE|INSTITUTE|ASSOCIATES|"
                   r"LABORATORIES|LABORATORY|LABS|IMAGING|RADIOLOGY|PATHOLOGY|ONCOLOGY|GROUP|PHARMACY|HOSPICE|HEALTH)\b(?:[ \t]*#[ \t]?\d+)?"),
    # Pharmacy chains are named without a suffix; the store number identifies a place.
    _r("facility", r"(?i:\b(?:CVS|Walgreens|Rite Aid|Walmart|Costco|Kroger|Boots|Dollar General|Target)\b)(?:[ \t]+[A-Z][a-z]+){0,3}"
                   r"(?:\s*(?:#|No\.?)\s*\d+)?(?:[ \t]+(?:on|at)[ \t]+(?:[A-Z][a-z]+[ \t]+){0,2}(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)"
                   r"(?:[ \t]+" + _STREET + r")?)?"),
    # a place name then a lower-case kind of care: "Glenview infusion center"
    _r("facility", r"\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+(?:infusion center|infusion suite|cancer center|oncology clinic|medical center|"
                   r"hospital|clinic|hospice|nursing home|rehab center)\b"),
    _r("facility", r"\b(?:VNA|Visiting Nurse(?:s)? (?:Association|Service))\s+of\s+(?:[A-Z][a-z]+\s?){1,4}"),
    _r("facility", r"\bUniversity\s+of\s+(?:[A-Z][a-z]+\s?){1,3}(?:" + _FAC_SUFFIX + r")?"),
    _r("facility", r"\b(?:St\.|Saint|Mount|Mt\.)[ \t]+[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){1,3}"),  # Mount Sinai Queens
    # Names: by title, credential, or label.
    # The title goes with the name: "Dr. [name removed]" would still point at one clinician in a small practice.
    _r("name", r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof|Dra|Sr|Sra|Srta)\.?\s+" + _NAME),
    _r("name", r"\b(?:Fr|Rev|Revd|Father|Pastor|Rabbi|Imam|Deacon)\.?[ \t]+(?P<v>[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+){0,2})", "v"),
    _r("facility", r"\b(?:Our Lady|St\.?|Saint|Holy|Sacred)[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:[A-Z][\w'’]+[ \t]+){0,3}"
                   r"(?:Parish|Church|Chapel|Cathedral|Mission|Temple)\b"),
    # titles in all-caps reports need their period ("MS CONTIN" is morphine, "MR" magnetic resonance) and take
    # at most two name words, never the verb that follows ("MS. YOUNG WAS PLEASED")
    _r("name", r"\b(?:DR|MRS|MS|MR|PROF)\.[ \t]+[A-Z][A-Z'\-]+(?:[ \t]+(?!" + _CAPS_STOP + r"\b)[A-Z][A-Z'\-]+)?"),
    # staff initials after their role ("Technologist: MR", "TRANSCRIBED 09/13/2025 BY JLK"); a name with its credential
    # in brackets ("spoke w/ Ana (RN)")
    _r("name", r"(?i:\b(?:technologist|tech|transcriptionist|transcribed\b[^\n]{0,25}?\bby|typed\b[^\n]{0,25}?\bby|scribe|initials|"
               r"(?:checked|verified|authori[sz]ed|reported)[ \t]+by))"
               r"[ \t]*:?[ \t]*(?P<v>[A-Z]{2,3}|[a-z]{2,3}(?=[ \t]{2,}|[ \t]*$))\b(?![\w-])", "v", re.MULTILINE),
    _r("name", r"(?P<v>\b[A-Z][a-z'’\-]+)[ \t]*\((?:RN|NP|PA|MD|LPN|CNA|SW|MSW|LCSW|PharmD|CPhT|RD)\)", "v"),
    # an employer or school named after "works … at": a place that identifies the patient
    _r("facility", r"(?i:\b(?:works?|working|employed|employee|teacher|teaches|job|driver|technician|operator|clerk|manager|mechanic|"
                   r"cashier|worker|retired from|drives|cook|paralegal|server|waitress|bartender|nanny|electrician|plumber|carpenter|"
                   r"janitor|custodian|accountant|engineer|secretary|receptionist|volunteers?|welder|machinist|assistant|bricklayer|"
                   r"professor|lecturer|teach\w*|coach\w*|student|trains|plays|owns|owner of|member of|choir|parish|years|barista|"
                   r"farmer|driving|drove|mechanic|fitter|nurse aide|civil servant|labou?rer|miner|foreman|supervisor|stonemason|mason|"
                   r"machinist|retired)\b[^.\n]{0,40}?\b(?:at|for|with|from)|\battends)[ \t]+(?:the[ \t]+)?"
                   r"(?P<v>[A-Z][\w&'’\-]*(?:[ \t]+(?:of[ \t]+|for[ \t]+the[ \t]+|in[ \t]+|&[ \t]+|and[ \t]+)?[A-Z][\w&'’\-]*){0,5})", "v"),
    # the town after a street: "5150 Center St, Omaha."; where someone lives: "lives in Wichita"
    _r("city", r"\b(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Drive|Lane|Ln|Way|Pkwy|Parkway)\.?,[ \t]*"
               r"(?P<v>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+)?)(?=[ \t]*[.,;\n])", "v"),
    _r("city", r"(?i:\b(?:lives?|living|resides?|residing|moved(?: back)?|relocated)\s+(?:in|to))\s+"
               r"(?P<v>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+)?)", "v"),
    # well-known cancer centres named without a telltale suffix
    _r("facility", r"\b(?:City of Hope|MD Anderson(?: Cancer Center)?|Mayo Clinic|Memorial Sloan[- ]Kettering|MSKCC|Dana[- ]Farber|"
                   r"Fred Hutch(?:inson)?|Johns Hopkins|Cleveland Clinic|Moffitt|Roswell Park|Huntsman|Sloan Kettering)\b"),
    # a street named without a number: "on Federal Blvd", "Wharf Road, Bristol BS1 6QT"
    _r("address", r"(?i:\bon)[ \t]+(?P<v>(?:[A-Z][a-z]+[ \t]){1,2}(?:St|Street|Ave|Avenue|Blvd|Boulevard|Road|Rd|Lane|Ln|Pike|Highway|Hwy))\b", "v"),
    # (a street name opening a line may go without the comma before its town)
    _r("address", r"(?m)^(?P<v>" + _NAMED_STREET + r")(?=,?[ \t]+[A-Z][a-z]+)", "v"),
    _r("address", r"\b(?P<v>" + _NAMED_STREET + r")(?=,[ \t]*[A-Z][a-z]+)", "v"),
    # a whole field of a form: "Surname: TE HIKU", "Given names: Aroha Mereana"; a whole "Address:" line
    _r("name", r"(?i:\b(?:surname|given names?|first names?|last name|family name|forenames?|middle names?))[ \t]*:[ \t]*"
               r"(?P<v>[^\s:][^\n:]{0,40}?)(?=[ \t]{2,}|\n|$)", "v"),
    _r("address", r"(?i:\b(?:address|home address|mailing address|domicilio(?: actualizado)?|direcci[oó]n)\b)(?:[ \t]*/[ \t]*[\w ]{1,20})?[ \t]*:[ \t]*"
                  r"(?P<v>(?=[^\n]*\d)[^\s:][^\n]{3,90}?)(?=[ \t]{2,}|\n|$)", "v"),
    # a nickname in quotes or brackets between given and family name: 'Rodrigo "Roddy" Vasquez'
    _r("name", r"\b[A-Z][\w'’\-]+[ \t]+(?:\(\s*[\"“']?[A-Z][a-z]+[\"”']?\s*\)|[\"“'][A-Z][a-z]+[\"”'])[ \t]+[A-Z][\w'’\-]+"),

    _r("name", r"\b(?P<v>" + _NAME + r"),?[ \t]+" + _CRED, "v"),
    _r(
        "name",
        r"(?i:\b(?:patient(?:'s)?\s*name|name|patient|pt|attending|pathologist|physician|provider|surgeon|"
        r"oncologist|referring(?:\s+physician)?|ordering(?:\s+physician)?|signed(?:\s+out)?\s+by|electronically\s+signed\s+by|"
        r"dictated\s+by|reviewed\s+by|cc|copy\s+to|resident|fellow|nurse|contact|emergency\s+contact|"
        r"spouse|husband|wife|daughter|son|guarantor|insured|to|from|presenter|pcp|rn|np|md|seen\s+by|referred\s+by|"
        r"caller|pharmacist|surgeon|assistant|radiologist|reading(?:\s+radiologist)?|submitting(?:\s+physician)?|re))[ \t]*[:\-][ \t]*(?P<v>[A-Z][a-zA-Z'\-]+, ?[A-Z][a-zA-Z'\-]+(?: [A-Z]\.?(?![A-Za-z]))?(?: (?!(?:DOB|MRN|SEX|AGE)\b)[A-Z]{2,}(?![\w:]))?|"
        + _NAME + r")",
        "v",
    ),
    _r("name", r"(?i:\b(?:daughter|son|husband|wife|sister|brother|mother|father|partner|spouse)(?:\s+of)?)\s+(?P<v>[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)", "v"),
    # a relative named beside the kinship word in brackets: "(Will, son)", "Marty Bloom (husband of …)"
    _r("name", r"(?P<v>\b[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+)?)[ \t]*\((?:(?:her|his|their|the patient's|pt'?s)[ \t]+)?"
               r"(?i:(?:grand|step)?(?:daughter|son)|husband|wife|sister|brother|mother|father|partner|spouse)\b", "v"),
    # "(Minh, husband; Chau, daughter)": each name before its kinship word in a bracketed list
    _r("name", r"(?<=[(;])[ \t]*(?P<v>[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+)?),[ \t]*(?:(?:her|his|their)[ \t]+)?"
               r"(?i:(?:grand|step)?(?:daughter|son)|husband|wife|sister|brother|mother|father|partner|spouse|niece|nephew)\b", "v"),
    _r("name", r"(?P<v>\b[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)(?=\s*[(,|]?\s*(?:MRN|DOB|D\.O\.B|Medical Record))", "v"),
    # Unlabelled names by what follows them: age/sex ("Priscilla Yang, 58F") or an encounter verb.
    _r("name", r"(?P<v>\b[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)(?=,\s*\d{1,3}\s*(?:[FM]\b|yo\b|y/o|-year|year))", "v"),
    _r("name", r"(?m)(?:^|[.:]\s+)(?P<v>[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)(?=\s+(?:called|completed|presents|returns|reports|tolerates|"
               r"was seen|is seen|is a|was admitted|has been|denies|states))", "v"),
    _r("name", r"(?i:\b(?:seen by|referred by|seen with|instructions for|letter to|referral|(?:message|letter|call)\b[^.\n]{0,30}\bfrom)[ \t]+)"
               r"(?P<v>(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?[A-Z][a-zA-Z'\-]+(?:[ \t][A-Z][a-zA-Z'\-]+){0,2})", "v"),
    _r("name", r"(?i:\b(?:with\s+)?(?:fellow|resident|attending))\s+(?P<v>[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)", "v"),
    _r("name", r"\bPatient\s+(?P<v>[A-Z][a-z'\-]+ [A-Z][a-z'\-]+)(?=\s{2,}|\n|,)", "v"),
    _r("name", r"(?i:\bsigned\s+(?:out\s+)?by)\s+(?P<v>" + _NAME + r")", "v"),
    # Dates without a year in day-month order (UK, Irish, Australian notes): "started 3 Feb", "Wed 7th", "Jan 29/25",
    # "12Jan2025", "le 14 janvier 2025"; the month capitalized so "2 may" stays a verb
    _r("date", r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![\w'’])"),
    _r("date", r"(?i)\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?[ \t]+\d{1,2}(?:st|nd|rd|th)\b"),
    _r("date", r"(?i)\b" + _MON + r"[ \t]*\d{1,2}/\d{2}\b(?!/)"),
    _r("date", r"(?i)\b\d{1,2}" + _MON + r"(?:19|20)?\d{2}\b"),
    _r("date", r"(?i)\b\d{1,2}(?:er)?[ \t]+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
               r"d[ée]cembre)(?:[ \t]+\d{4})?\b"),
    _r("date", r"(?i)\b(?:en|de|desde|hasta|para)[ \t]+(?P<v>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
               r"octubre|noviembre|diciembre)\b", "v"),
    # a bare abbreviated month after a verb or preposition: "ceased Nov", "PSA 142 in Dec", "stopped Oct"
    _r("date", r"(?i:\b(?:in|since|until|till|by|from|ceased|stopped|started|commenced|completed|finished|restarted|began|end of|"
               r"early|late|mid)[ \t]+)(?P<v>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?![ \t]*\d)", "v"),
    _r("date", r"(?i:\b(?:on|by|since|until|from|intake on|due)[ \t]+)(?P<v>the[ \t]+\d{1,2}(?:st|nd|rd|th))\b(?![ \t]+(?:cycle|dose|"
               r"day|line|time|week|month|round|fraction|infusion|session|course|floor|percentile))", "v"),
    # ages past 89 in a sentence: "who is 90 herself", "lived to 97"
    _r("age", r"(?i:\b(?:who is|who's|lived to|lived until|reached|made it to)[ \t]+)(?P<v>9\d|1[01]\d)\b(?![ \t]*(?:%|mg|kg|lb|mm|cm|/))", "v"),
    # a signature's initials opening a time stamp ("LMR 8/26 15:10"), and one initial after thanks ("Thanks so much - D.")
    _r("name", r"(?m)^(?P<v>[A-Z]{2,3})[ \t]+(?=\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+\d{1,2}:\d{2}[ \t]*$)", "v"),
    _r("name", r"(?i:\b(?:thanks|thank you|thx|cheers|regards)(?:[ \t]+so much|[ \t]+a million)?)[ \t]*[,!.]?[ \t]*[-–—][ \t]*"
               r"(?P<v>[A-Z]\.?)[ \t]*$", "v", re.MULTILINE),
    _r("name", r"(?i:\binitials)[ \t]*[:\-]?[ \t]*(?P<v>[A-Z](?:-[A-Z]){1,3})(?![\w])", "v"),
    # "Dr W. Ho": a title, an initial and a short surname
    _r("name", r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+(?P<v>[A-Z]\.[ \t]?[A-Z][a-z]{1,2})\b", "v"),
    # lower-case "seen by r. bhatt"
    _r("name", r"(?i:\b(?:by|with|w/|dr\.?|per)[ \t]+)(?P<v>[a-z]\.[ \t]?[a-z]{3,})\b(?![.-]\w)", "v"),
    # a child or relative listed with an age: "Isla (14, S3 at …)", "Jayden (7)"
    _r("name", r"\b(?!(?:Fax|Tel|Phone|Mobile|Cell|Room|Ward|Bed|Bay|Stage|Grade|Cycle|Day|Week|Dose|Level|Station|Zone|Segment|Page)\b)"
               r"(?P<v>[A-Z][a-z'’\-]{2,})[ \t]+\((?:aged?[ \t]+)?[1-9]\d?(?:[ \t]*(?:y|yo|yrs?|years?))?(?=[,;)])", "v"),
    # someone named before their role in brackets: "faith (navigator)", "deb (UCSF visiting fellow)"
    _r("name", r"(?<![\w.])(?P<v>[A-Za-z][a-z'’\-]{1,})[ \t]+\((?=[^)\n]{0,30}\b(?i:navigator|coordinator|fellow|resident|nurse|RN|NP|"
               r"CNS|scheduler|chaplain|interpreter|social work(?:er)?|SW|pharmacist|PharmD|dietitian|rad onc|med onc|surg onc|path|"
               r"radiology|scribe)\b)", "v"),
    # an interpreter or companion by label: "Interpreter: Ana Beltrán", "Accompanied by: son Peter Nguyen"
    _r("name", r"(?i:\b(?:interpreter|accompanied by|chaplain|navigator|coordinator|caregiver|next of kin|NOK|carer))[ \t]*:[ \t]*"
               r"(?:(?i:son|daughter|wife|husband|partner|sister|brother|mother|father)[ \t]+)?"
               r"(?!(?:" + "|".join(LANGUAGES) + r"|None|Not|No|Yes|N/A)\b)"
               r"(?:(?:Rev|Revd|Dr|Mr|Mrs|Ms|Fr|Sister|Pastor)\.?[ \t]+)?"
               # one word alone only where nothing follows it on the line: "Navigator: Good morning" is a message
               r"(?P<v>[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){1,3}|[A-Z][\w'’\-]+(?=[ \t]*(?:[,(\n]|$)))", "v"),
    # organisations that see the patient, known by name alone: specialty pharmacies, interpreter services, regional
    # cancer agencies, academic centres by abbreviation (insurers and national charities locate no one and stay)
    _r("facility", r"\b(?:Accredo|Onco360|CVS Specialty|Optum Specialty|CyraCom|LanguageLine|Language Line|CancerCare Manitoba|"
                   r"BC Cancer(?:[ \t]+-[ \t]+[A-Z][a-z]+)?|UHN|UCSF|UCLA|OHSU|UPMC|NYU Langone|MGH|DFCI|MSK)\b"),
    _r("facility", r"\bNHS[ \t]+(?!(?:No|Number|Trust|England|Scotland|Wales|Digital|Direct|App)\b)[A-Z][a-z]+(?:[ \t]+(?:[A-Z][a-z]+|and)){0,4}(?<!\band)"),  # NHS Greater Glasgow and Clyde
    # an organisation's abbreviation before "MRN" or after a hospital number: "PMCC MRN 0123", "Hosp no (UHL)"
    _r("facility", r"\b(?P<v>[A-Z]{3,6})[ \t]+(?=(?:MRN|chart|Hosp(?:ital)? no)\b)", "v"),
    _r("facility", r"(?i:\b(?:hosp(?:ital)?\.? no\.?|MRN|chart))[ \t]*\((?P<v>[A-Z]{2,6})\)", "v"),
    # schools, clubs, employers by their kind of name: "Hyndland Primary", "Holy Spirit BNS", "Sydenham RFC",
    # "Maple Grove Assisted Living", "Muddy Waters Café"
    _r("facility", r"\b(?:[A-Z][a-z'’]+[ \t]+(?:&[ \t]+)?){1,3}(?:Primary|BNS|GNS|NS|Grammar|Academy|RFC|AFC|FC|GAA|RSL|Assisted Living|"
                   r"Care Home|Retirement Village|Caf[eé]|Bakery|Diner|Garage|Refinery|Mine|Council|Bus|Club|Golf Club|Spa|Deli|Foundry|"
                   r"Fabrication|Masonry|Roofing|Transit|Conservatory|Salon|Studio|Gym|Fitness|CrossFit|Motors|Construction|Plumbing|"
                   r"Landscaping|Realty|Logistics|Trucking|Dental|Veterinary|Tea Estate|Estate|Bros\.|Co\.)(?![\w])(?![ \t]+(?:care|school|team))"),
    # a county before a postcode or closing an address part: "Co. Limerick V94 R6F1" (a state or province alone is
    # not identifying under HIPAA and stays)
    _r("city", r"\bCo\.?[ \t]+[A-Z][a-z]+(?=[ \t]+[ACDEFHKNPRTVWXY]\d{2}\b|[ \t]*[,\n])"),
    # house and flat names before a street: "Flat 4, Major House, 16 Magdalen Road", "The Old Forge, 27 Station Road",
    # '"Sunnyside", 22 Eenie Creek Road', "Apt 22, Block C, Shangan Court"
    _r("address", r"(?i:\b(?:Flat|Apt|Apartment|Unit|Room|Plot|Shop))[ \t]+(?=[\w/]*\d)[\w/]{1,5}(?=,)(?:,[ \t]*(?:Block[ \t]+[A-Z]|(?:[A-Z][a-z]+[ \t]+){0,2}"
                  r"(?:House|Court|Lodge|Mansions|Tower|Towers|Heights|Building|Shopping Centre|Shopping Center|Plaza|Mall)))*(?:,[ \t]*(?:\d{1,5}[ \t]+)?(?:[A-Z][a-z]+[ \t]+){0,2}"
                  r"" + _STREET + r")?"),
    _r("address", r"(?m)(?:^|,[ \t]*)(?P<v>(?:The[ \t]+)?(?:[A-Z][a-z]+[ \t]+){0,2}(?:House|Cottage|Lodge|Farm|Forge|Mill|Barn|Villa|Manor|"
                  r"Grange|Rectory|Croft)|[\"“][A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[\"”])(?=,[ \t]*(?:\d{1,5}[ \t]+)?[A-Z][a-z]+)", "v"),
    # ward names and numbers: "Ward J93", "Ward 9W"; bleep numbers; more health-card labels
    _r("id", r"\bWard[ \t]+(?P<v>(?=[A-Z0-9]*\d)[A-Z0-9]{2,4})\b", "v"),
    _r("phone", r"(?i:\b(?:bleep|blp|page|pgr))[ \t]*[:#]?[ \t]*(?P<v>\d{3,5})\b", "v"),
    _r("id", r"(?i:\b(?:medical card|PPSN?|RAMQ|MHSC|PHIN|DVA(?:[ \t]+(?:Gold|White)(?:[ \t]+Card)?)?|IHI|Medicare(?: no\.?| number)?))"
             r"[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z0-9 -]*\d{3})[A-Z]{0,4}[ \t-]?\d[\dA-Z -]{3,16}[\dA-Z])(?![\w])", "v"),
    # a hospital's nickname or abbreviation in brackets after its name: 'St James's University Hospital ("Jimmy's")', "(SCGH)"
    _r("facility", r"(?:Hospital|Hospitals|Centre|Center|Clinic|Institute|Infirmary|Hospice|Services)[ \t]*\([ \t]*[\"“]?"
                   r"(?P<v>[A-Z][\w'’]*(?:[ \t][A-Z][\w'’]*){0,2})[\"”]?[ \t]*\)", "v"),
    # hospital and case numbers with slashes or a letter prefix: "Hosp. No.: LUTH/URO/2019/04417", "Folder No GS 4471823"
    _r("id", r"(?i:\b(?:hosp(?:ital)?|folder|CR|case|lab|file|IP|OP|reg(?:istration)?)\.?[ \t]*(?:no\.?|number|#)[ \t]*[:#]?[ \t]*)"
             r"(?P<v>(?:[A-Z]{1,6}[/ -])*\d[\dA-Z/-]{2,})", "v"),
    # street kinds from South and South-East Asia and Africa: "G. D. Ambekar Marg", "Shivneri Chawl", "Blk 219 Bedok North St 1, #03-45"
    _r("address", r"\b(?:Room|House|Flat|Plot|Door)[ \t]+No\.?[ \t]*\d+[A-Z]?(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,4})*?,[ \t]*"
                  r"(?:[A-Z]\.[ \t]?){0,3}(?:[A-Z][a-z]+[ \t]+){0,3}(?:Marg|Nagar|Chawl|Salai|Path|Gali|Colony|Layout|Enclave|Road|Street)\b"),
    _r("address", r"\b(?:[A-Z]\.[ \t]?){1,3}(?:[A-Z][a-z]+[ \t]+){0,2}(?:Marg|Nagar|Salai|Path)\b|\b(?:[A-Z][a-z]+[ \t]+){1,2}(?:Chawl|Nagar|Layout|Enclave)\b"),
    _r("address", r"\bBlk[ \t]+\d+[A-Z]?[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}(?:St|Street|Ave|Avenue|Road|Rd|Drive|Dr|Crescent|Lane)\.?(?:[ \t]*\d{1,2})?"
                  r"(?:,[ \t]*#\d{1,3}-\d{1,5})?"),
    _r("address", r"(?<![\w-])#\d{2}-\d{2,5}\b"),  # Singapore unit: #03-45
    _r("address", r"\b(?:Calle|Avenida|Av\.|Rua|Via|Rue|Camino)[ \t]+(?:de[ \t]+(?:la[ \t]+)?)?[A-Z][\w]+(?:[ \t][A-Z][\w]+)?[ \t]+\d{1,5}\b"),
    _r("city", r"\bCol\.[ \t]+(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)", "v"),  # colonia in a Mexican address
    _r("zip", r"\bC\.P\.[ \t]*(?P<v>\d{5})\b", "v"),
    # a postcode closing an address after the town: ", Mumbai 400012", ", Soweto 1809", ", Singapore 460219"
    # (the part before the comma is a capitalized place too: "Lalbaug, Mumbai 400012", not "1000 mg, Total 2000")
    _r("zip", r"(?:[A-Z][\w'’.]*|[\w#-]*\d),[ \t]*(?:[A-Z][a-z]+[ \t]){1,2}(?P<v>\d{4}|\d{6})\b(?=[ \t]*(?:$|\n|[.;,]))", "v", re.MULTILINE),
    _r("city", r"(?:[A-Z][\w'’.]*|[\w#-]*\d),[ \t]*(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?:\d{4}|\d{6}|-[ \t]*\d{6})\b(?=[ \t]*(?:$|\n|[.;,]))", "v", re.MULTILINE),
    # a campus or town named with the organisation: "LRCI - Kenosha campus"
    _r("city", r"\b(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+campus\b", "v"),
    _r("phone", r"(?<![\w])x\d{3,5}\b"),  # extension written "x4471"
    # a team list "Role - Name": "Nutrition - Bree; PT - Hunter Glass"
    _r("name", r"(?:\b(?:Nutrition|Dietitian|PT|OT|SW|Social Work|Pharmacy|Chaplain|Navigator|Scheduling|Psychology|Palliative)"
               r"[ \t]+[-–][ \t]+)(?P<v>[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+)?)(?=[ \t]*(?:[,;\n]|$))", "v"),
    _r("age", r"(?i:\b(?:alive at|still alive at|living at age))[ \t]+(?P<v>9\d|1[01]\d)\b", "v"),
    _r("name", r"(?i:\b(?:present|attendees|in attendance|participant|client|enrollee))[ \t]*:[ \t]*"
               r"(?:(?i:Mr|Mrs|Ms|Dr)\.?[ \t]+)?(?P<v>[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){0,3})(?=[ \t]*(?:[,;(\n]|$|[\"“]))", "v"),
    _r("name", r"(?:\b(?:by|with|per|from)[ \t]+)(?P<v>[A-Z]\.[ \t]?[A-Z][a-z]{1,2})\b(?![.\w])", "v"),  # "verified by N. Vu"
    # Dublin postal districts; a ward by its name and number ("Ward: St Anthony's 22"); an institution after a specialty
    # closing a cc line ("cc: Dr X, Hepatology, ACH"); a lower-case "last, first" after "pt:"; slash initials after "Our ref:"
    _r("city", r"\bDublin[ \t]+\d{1,2}W?\b"),
    _r("id", r"(?i:\bward(?:/bed)?)[ \t]*:[ \t]*(?P<v>(?:St\.?[ \t]+)?[A-Z][\w'’]*(?:[ \t][A-Z][\w'’]*)?[ \t]+\d{1,3}[A-Z]?)\b", "v"),
    _r("facility", r"(?im)(?:oncology|hepatology|surgery|radiology|pathology|ha?ematology|urology|cardiology|medicine|gastroenterology|"
                   r"respiratory|neurology|gynaecology|gynecology)[ \t]*,[ \t]*(?P<v>[A-Z]{2,6})[ \t]*$", "v"),
    _r("name", r"(?i:\b(?:pt|patient|name))[ \t]*:[ \t]*(?P<v>[a-z][a-z'’\-]+,[ \t]*[a-z][a-z'’\-]+)\b", "v"),
    _r("name", r"(?im)^(?i:our ref|your ref|ref)[ \t]*:[ \t]*(?P<v>[A-Z]{2,3}/[a-z]{2,3})\b", "v"),
    # addresses printed in capitals on labels: "1550 W KING ST", "27 BAYVIEW TER APT 3B", "ROCKLEDGE, FL 32955"
    _r("address", r"\b\d{1,6}[ \t]+(?:[NSEW][ \t]+)?(?:[A-Z]{2,}[ \t]+){1,3}(?:ST|STREET|AVE|AVENUE|RD|ROAD|BLVD|DR|DRIVE|LN|LANE|TER|CT|WAY|PL|"
                  r"PKWY|HWY|CIR)\b(?:[ \t]+(?:APT|UNIT|STE|#)[ \t]*\w+)?"),
    _r("address", r"\b[A-Z]{3,}(?:[ \t][A-Z]{3,})?,[ \t]*" + _STATES + r"[ \t]+\d{5}(?:-\d{4})?\b"),
    # a street number range, a Philippine barangay, German streets and postcodes, Mexican interior numbers
    _r("address", r"\b\d{1,5}-\d{1,5}[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}" + _STREET),
    _r("address", r"\b(?:Barangay|Brgy\.?)[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2}"),
    _r("address", r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|allee|platz|gasse|ring|damm|ufer)[ \t]+\d{1,4}[a-z]?\b"),
    _r("zip", r"(?<=,)[ \t]*(?P<v>\d{5})(?=[ \t]+[A-ZÄÖÜ][a-zäöü]+\b)", "v"),
    _r("address", r"(?i:\b(?:int|interior|depto|dpto)\.?)[ \t]*\d+[A-Z]?\b"),
    _r("city", r"\bCol\.[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?"),
    # masked numbers still identify: "xxx-xx-6218"; licences and codes by label; a 10-digit mobile split 5-5
    _r("id", r"(?i)\bx{3}-x{2}-\d{4}\b"),
    _r("id", r"(?i:\b(?:licen[cs]e|lic\.?)(?:[ \t]+(?:no\.?|number|#))?[ \t]*(?:[A-Z]{2}[ \t]+)?[:#]?[ \t]*)(?P<v>[A-Z]{0,3}\d{4,})\b", "v"),
    _r("id", r"(?i:\b(?:code|policy))[ \t]+(?P<v>(?=[A-Z0-9/-]*\d)[A-Z]{2,5}[-/][A-Z0-9/-]{3,})\b", "v"),
    _r("phone", r"(?i:\b(?:mob|mobile|cell|ph|tel)\.?[ \t]*:?[ \t]*)(?P<v>\d{5}[ \t]\d{5})\b", "v"),
    # organisations named in a form field: "Employer name: Hollister & Vance Engineering LLC", "Practice: Summit …, P.A."
    _r("facility", r"(?i:\b(?:employer(?: name| group)?|company|school|practice|pharmacy|church|parish|place of work|workplace))[ \t]*:[ \t]*"
                   r"(?P<v>[A-Z][^\n:·|]{1,60}?)(?=[ \t]{2,}|[ \t]*[·|(]|,[ \t]*\d|\n|$)", "v"),
    _r("facility", r"(?i:\bparish)[ \t]+(?P<v>(?:Our Lady|St\.?|Saint|Holy|Sacred)[^\n.,;]{2,40})", "v"),
    # initials after "by" or a pharmacist's label: "called to Dr. Hollis at 11:40 by CF.", "RPh: TLE", "Printed by SPARK"
    _r("name", r"(?:\b(?:by|RPh|PharmD|Pharmacist)[ \t]*:?[ \t]+)(?P<v>[A-Z]{2,5})\b(?=[ \t]*(?:[.,;]|\n|$|on\b))", "v"),
    _r("name", r"(?i:\b(?:signature|signed))[ \t]*:[ \t]*(?P<v>[A-Z][a-z]*\.?(?:[ \t]+[A-Z][\w'’\-]+){1,2})", "v"),
    _r("age", r"(?i:\b(?:she|he) is[ \t]+)(?P<v>9\d|1[01]\d)\b(?![ \t]*(?:%|mg|kg|lb|mm|cm|/|kilos|pounds))", "v"),
    _r("date", r"(?i)\b(?:\d{1,2}[ \t]+(?:de[ \t]+)?)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
               r"noviembre|diciembre)[ \t]+(?:de[ \t]+)?\d{4}\b"),
    _r("city", r"(?i:\b(?:home community|hometown|home town|from the town of))[ \t]*:?[ \t]*(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)", "v"),
]

_PLACEHOLDER = {
    "name": "[name removed]",
    "facility": "[facility removed]",
    "address": "[address removed]",
    "zip": "[address removed]",
    "phone": "[phone removed]",
    "email": "[email removed]",
    "url": "[url removed]",
    "id": "[id removed]",
    "ssn": "[id removed]",
    "age": "[age 90+]",
    "city": "[place removed]",
    "date": "[date removed]",
}


def _year_month(date_text: str) -> str | None:
    """Year-month of a full date, or None when ambiguous (two-digit year, unknown order)."""
    s = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", date_text.strip().lower())
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/]\d{1,2}", s):
        return f"{m[1]}-{int(m[2]):02d}"
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s):
        a, b = int(m[1]), int(m[2])
        mo = a if a <= 12 else b  # US order unless impossible
        return f"{m[3]}-{mo:02d}" if 1 <= mo <= 12 else None
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", s):
        return f"{m[2]}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})", s):
        return f"20{m[3]}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
    words = re.findall(r"[a-z]+|\d+", s)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year = next((w for w in words if len(w) == 4 and w.isdigit()), None)
    if month and year:
        return f"{year}-{month:02d}"
    return None


# Service names ("Thoracic Oncology", "Radiation Oncology Department") say what kind of care, not where.
_SPECIALTY_WORDS = {
    "medical", "radiation", "surgical", "thoracic", "gu", "gi", "gyn", "gynecologic", "gynecological", "breast",
    "cutaneous", "hematology", "haematology", "pediatric", "paediatric", "neuro", "head", "and", "neck", "emergency",
    "internal", "family", "general", "oncology", "medicine", "surgery", "urology", "urologic", "genitourinary",
    "gastrointestinal", "pathology", "radiology", "imaging", "infusion", "outpatient", "inpatient", "cancer", "care",
    "palliative", "supportive", "survivorship", "genetics", "clinic", "center", "centre", "department", "unit",
    "interventional", "nuclear", "dermatology", "hepatology", "pulmonary", "cardiology", "plastic", "orthopedic",
    "the", "our", "your", "phase", "i", "research", "grade", "group", "of", "colorectal", "team", "oral", "specialty",
    "laboratory", "lab", "final", "intraoperative", "molecular", "anatomic", "addendum", "tissue", "procurement",
    "in", "record", "acct", "no", "cytology", "histology", "frozen", "section", "consult", "consultation", "report",
    "mel", "onc", "heme", "hem", "derm", "rad", "med", "surg", "uro", "neph", "pulm", "gastro", "endo", "peds", "ent",
    "pharmacy", "suite", "program", "hereditary", "spiritual", "support", "home", "division", "service", "services", "clinical", "trials", "health", "senior", "multidisciplinary",
    "language", "interpreter", "interpreting", "social", "work", "nutrition", "dietetics", "rehabilitation", "chaplaincy",
}


def is_department(value: str) -> bool:
    words = re.findall(r"[A-Za-z]+", value.lower())
    return bool(words) and all(w in _SPECIALTY_WORDS or w in CLINICAL_WORDS for w in words)


# Report words that precede ", CT" or ", IN" in findings ("Invasive carcinoma, CT.") without being a town.
_REPORT_WORDS = {"margin", "margins", "tumor", "tumour", "biopsy", "invasive", "specimen", "node", "nodes", "present",
                 "absent", "identified", "noted", "seen", "see", "comment", "note", "diagnosis", "history", "findings",
                 "impression", "scan", "imaging", "chest", "abdomen", "pelvis", "head", "neck", "contrast"}


# A month/day ("2/24") that is a ratio instead: the word before is a score or grade, or what follows counts things.
_RATIO_BEFORE = {"grade", "score", "pain", "allred", "ratio", "ecog", "ps", "gleason", "strength", "power", "g", "of", "in",
                 "tubules", "mitoses", "pleomorphism", "nuclear", "fuhrman", "isup", "who", "ki", "bp", "bi-rads", "birads",
                 "tirads", "lirads", "pirads", "figo", "sbr", "nottingham", "her2", "ihc", "were", "are", "positive",
                 "negative", "involved", "total", "nodes", "cores", "t", "n", "m", "stage", "step", "level", "vas", "nrs",
                 "painad", "fatigue", "nausea", "distress", "anxiety", "full", "cultures", "bottles", "sets", "match",
                 "er", "pr", "ar", "pgr", "tps", "cps", "mmr", "msi", "carcinoma", "adenocarcinoma", "metastatic", "metastasis",
                 "tumor", "tumour", "station", "node", "ln", "lns", "micrometastasis", "deposits", "melanoma", "involvement"}
_SHORT_DATE = re.compile(r"(?<![\w/.+:\-])(?:[1-9]|1[0-2])/(?:[1-9]|[12]\d|3[01])(?![\w/+%\"”]|[.,]\d)")
# day/month where the day cannot be a month (UK, Australian notes: "cisplatin #6 29/10")
_SHORT_DATE_DM = re.compile(r"(?<![\w/.+:\-])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])(?![\w/+%\"”]|[.,]\d)")
_RATIO_AFTER = re.compile(
    r"(?i)\s*(?:\+|\(|of\b|lymph|nodes?|LNs?\b|cores?|slides?|blocks?|biops|specimens?|fragments?|positive|involved|neg|"
    r"pos\b|tumou?r|sentinel|axillary|mg|ml|cm|mm|units?|times|x\b|doses?|cycles?|fractions?|fx\b|patients?|pts\b|"
    r"cases|samples|sites|ratio|scale|score|strength|inch|in\b|were|are|had|showed|with|examined|removed|retrieved|"
    r"harvested|resected|sampled|pain|severity|HLA|at rest|grew)")


_COUNTED = re.compile(r"(?i)\b(?:lymph|nodes?|nodal|LNs?|station|sentinel|cores?|slides?|blocks?|margins?|fragments?)\b")


def short_dates(text: str) -> list[tuple[int, int]]:
    """Month/day dates written without a year ("effective 1/30", "clinic 2/24", "(2/11)").

    Pathology is full of ratios written the same way ("3/12 lymph nodes", "grade 2/3", "pain 7/10"), so a short
    date is taken only when neither the word before nor the words after make it a count or a score.
    """
    out: list[tuple[int, int]] = []
    for m in [*_SHORT_DATE.finditer(text), *_SHORT_DATE_DM.finditer(text)]:
        before = re.search(r"([\w+\-]+)\W{0,3}$", text[max(0, m.start() - 30) : m.start()])
        if before and before.group(1).lower() in _RATIO_BEFORE:
            continue
        if re.search(r"=[ \t]*$", text[max(0, m.start() - 3) : m.start()]):
            continue  # "3+2+1 = 6/9": a score written as a sum
        if _RATIO_AFTER.match(text, m.end()):
            continue
        sentence = re.split(r"[.;\n]\s", text[max(0, m.start() - 150) : m.start()])[-1]
        if _COUNTED.search(sentence):
            continue  # "Subcarinal lymph node: metastatic mesothelioma (2/3)"
        out.append(m.span())
    return out


def _townlike(value: str) -> bool:
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", value)]
    vocab = clinical_vocabulary()
    return bool(words) and not is_department(value) and not any(
        w in vocab or w in CLINICAL_WORDS or w in _REPORT_WORDS for w in words)


def find_phi(text: str) -> list[PHISpan]:
    """All PHI spans in `text`, overlaps merged (the earlier/longer span wins)."""
    found: list[PHISpan] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            start, end = m.span(rule.group)
            if start < 0 or end <= start:
                continue
            value = text[start:end].strip()
            if rule.kind in ("facility", "name") and is_department(value):
                continue
            if rule.kind == "city" and not _townlike(value):
                continue
            if rule.kind == "name":
                first = value.split()[0].strip(",").lower() if value.split() else ""
                if first in _NOT_NAMES or value in _DEGREES:
                    continue
                if value.isupper() and len(value) <= 5 and _is_clinical_abbreviation(value):
                    continue  # "HER2 2+ by IHC": initials-shaped, but a method
            found.append(PHISpan(kind=rule.kind, start=start, end=end))
    found += [PHISpan(kind="date", start=a, end=b) for a, b in short_dates(text)]
    found += [PHISpan(kind="name", start=a, end=b) for a, b in find_names(text)]
    found += [PHISpan(kind=kind, start=a, end=b) for kind, a, b in entity_spans(text)]
    found += _repeated_ids(text, found) + _repeated_abbreviations(text, found) + _town_after_facility(text, found)
    found += [PHISpan(kind="facility", start=a, end=b) for a, b in facility_abbreviations(text)]
    found = [_with_weekday(text, s) for s in found]
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[PHISpan] = []
    for span in found:
        if (merged and span.kind == merged[-1].kind == "address" and span.start >= merged[-1].end
                and re.fullmatch(r"[ \t]*,[ \t]*", text[merged[-1].end : span.start])):
            merged[-1] = PHISpan(kind="address", start=merged[-1].start, end=span.end)  # parts of one address line
            continue
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = PHISpan(kind=merged[-1].kind, start=merged[-1].start, end=span.end)
            continue
        merged.append(span)
    return merged


def _repeated_abbreviations(text: str, found: list[PHISpan]) -> list[PHISpan]:
    """Later mentions of a facility abbreviation already found ("Hospital (UHL)" … "stent placed at UHL")."""
    values = {text[s.start : s.end] for s in found if s.kind == "facility" and re.fullmatch(r"[A-Z]{2,6}", text[s.start : s.end])}
    if not values:
        return []
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(values, key=len, reverse=True))) + r")(?![\w-])")
    return [PHISpan(kind="facility", start=m.start(), end=m.end()) for m in pat.finditer(text)]


_TOWN_AFTER = re.compile(r"(?:[ \t]*\([A-Z]{2,8}\))?,[ \t]*(?P<v>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+)?)(?=[ \t]*(?:\n|$|[.;,]))")


def _town_after_facility(text: str, found: list[PHISpan]) -> list[PHISpan]:
    """The town written after an institution: "Jaslok Hospital, Mumbai", "(VSMMC), Cebu City"."""
    out: list[PHISpan] = []
    for s in found:
        if s.kind == "facility" and (m := _TOWN_AFTER.match(text, s.end)) and _townlike(m["v"]):
            out.append(PHISpan(kind="city", start=m.start("v"), end=m.end("v")))
    return out


_ABBREVIATION_AT = re.compile(r"\bat[ \t]+(?:the[ \t]+)?(?P<v>[A-Z]{3,5})\b(?![ \t]*(?:-|scan|level|score|guided|criteria|positive|negative))")
_NOT_PLACES = {"icu", "opd", "mdt", "pet", "mri", "ent", "ccu", "pacu", "nicu", "picu", "hdu", "amu", "sdec", "ama", "gp", "nhs", "cbc",
               "fbc", "ecg", "ekg", "eeg", "echo", "cxr", "egd", "ercp", "eus", "fna", "ebus", "vats", "rt", "srs", "sbrt", "imrt", "tace",
               "home", "work", "noon", "none", "all", "the", "and", "rrt", "met", "ret", "alk", "her", "ihc", "fish", "ngs", "pcr", "cea",
               "psa", "ldh", "tsh", "ast", "alt", "inr", "bmi", "ecog", "kps", "who", "rcc", "hcc", "crc", "aml", "cll", "cml", "mds", "sclc",
               "nsclc", "dcis", "ldct", "ctcae", "recist", "irecist", "cpr", "dnr", "dnar", "dnacpr", "acp", "moh", "dva", "ndis", "snf",
               "ltc", "ltac", "irf", "dme", "asap", "prn", "bid", "tid", "qid", "stat", "mrn", "dob", "ssn", "usa", "uk", "eu", "est",
               "pst", "gmt", "utc", "edt", "pdt", "cst", "cdt", "mst", "sicu", "micu", "cvicu", "tsicu", "nsicu", "pcu", "stepdown",
               "rehab", "oncology", "force", "sms", "pacs"}


def _is_clinical_abbreviation(token: str) -> bool:
    low = token.lower()
    return low in _NOT_PLACES or low in clinical_vocabulary() or low in CLINICAL_WORDS or low in _METHODS


_METHODS = {"ihc", "ish", "fish", "ngs", "pcr", "ct", "us", "ir", "ed", "or", "rn", "md", "np", "pa", "hpe", "tte", "flow", "cap", "ajcc"}


def facility_abbreviations(text: str) -> list[tuple[int, int]]:
    """An organisation named by capitals after "at": "nephrectomy at SHN", "student at VJTI". Clinical and service
    abbreviations ("at ICU", "at MDT") stay."""
    vocab = clinical_vocabulary()
    return [m.span("v") for m in _ABBREVIATION_AT.finditer(text)
            if m["v"].lower() not in _NOT_PLACES and m["v"].lower() not in vocab and m["v"].lower() not in CLINICAL_WORDS]


_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?[ \t]+$")


def _with_weekday(text: str, span: PHISpan) -> PHISpan:
    """A date span grows over the weekday written before it ("Tues 25 Feb"): the pair dates the visit."""
    if span.kind == "date" and (m := _WEEKDAY_BEFORE.search(text, max(0, span.start - 12), span.start)):
        return PHISpan(kind="date", start=m.start(), end=span.end)
    return span


def _repeated_ids(text: str, found: list[PHISpan]) -> list[PHISpan]:
    """Later mentions of an identifier already found ("Notes: PS-043 also had …" after the table row)."""
    values = {text[s.start : s.end] for s in found if s.kind == "id" and len(text[s.start : s.end]) >= 5
              and re.search(r"\d", text[s.start : s.end])}
    if not values:
        return []
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(values, key=len, reverse=True))) + r")(?![\w-])")
    return [PHISpan(kind="id", start=m.start(), end=m.end()) for m in pat.finditer(text)]


def deidentify(text: str) -> Deidentified:
    """Replace PHI with typed placeholders; full dates keep year-month as `[date YYYY-MM]`."""
    spans = find_phi(text)
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos : span.start])
        placeholder = _PLACEHOLDER[span.kind]
        if span.kind == "date" and not _is_birth_date(text, span.start):
            if ym := _year_month(text[span.start : span.end]):
                placeholder = f"[date {ym}]"
        out.append(placeholder)
        pos = span.end
    out.append(text[pos:])
    return Deidentified(text="".join(out), spans=spans)


def _is_birth_date(text: str, start: int) -> bool:
    return bool(re.search(r"(?i)(DOB|D\.O\.B\.|birth\s*date|date of birth)\s*[:\-]?\s*$", text[max(0, start - 20) : start]))

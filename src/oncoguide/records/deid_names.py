"""Person names that carry no label or title, found with Philter's name lists.

The context rules in `deid.py` catch "Dr. Smith" or "Patient: Jane Roe", but notes also name people bare:
"Siobhán O'Connor-Nakamura called", "Kowalczyk, Zbigniew", "NGUYEN THI HUONG", or a patient's own message in
lower case. Philter (UCSF; packaged as `philter-lite`, BSD-3) ships curated first-name and surname lists plus
a list of ordinary and clinical words that are not names; those lists are what no rule can replace, so we use
them. Philter's own pipeline needs NLTK tagger data that cannot be downloaded here, so only its lists are read.

Decisions (each a run of 2-4 name-shaped tokens, or "Surname, Given"):
  * a token counts as a name when a list has it (accents folded, hyphen/apostrophe parts checked);
  * a run is a name when it starts with a given name and every token is name-like, unless every token is
    also an ordinary word and nothing else suggests a person (clinical eponyms are never names here);
  * once a name is found, its tokens are removed wherever else they occur in the same text ("Gutiérrez");
  * a capitalized word in mid-sentence that is neither an ordinary nor a clinical word (Philter's word list,
    our drug and cancer vocabularies) is a proper noun — a person, place or practice — and is removed:
    missing a name is worse than losing an unknown word, and clinical content the extractors read is vocabulary.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

# Eponyms and named scales that appear capitalized in pathology and oncology notes: never a person here.
CLINICAL_WORDS = _CLINICAL = {
    "allred", "gleason", "nottingham", "bloom", "richardson", "fuhrman", "breslow", "clark", "hodgkin", "whipple",
    "karnofsky", "lugano", "dukes", "foley", "ann", "arbor", "kaplan", "meier", "papanicolaou", "pap", "hurthle",
    "merkel", "ewing", "wilms", "kaposi", "paget", "barrett", "cushing", "addison", "crohn", "lynch", "cowden",
    "li", "fraumeni", "von", "hippel", "lindau", "gardner", "peutz", "jeghers", "turcot", "recist", "ajcc",
    "oncotype", "mammaprint", "foundation", "guardant", "tempus", "caris", "port", "hickman", "groshong",
    "child", "pugh", "milan", "barcelona", "bclc", "fong", "masaoka", "figo", "ishak", "metavir",
    "grade", "stage", "left", "right", "bone", "liver", "brain", "lung", "breast", "node", "mass", "plan",
    "novo", "situ", "vivo", "vitro", "per", "via", "siewert", "ivor", "lewis", "onpro", "depot", "christmas", "easter",
    "neulasta", "neupogen", "udenyca", "zarxio", "fulphila", "nivestym", "xgeva", "prolia", "zofran", "emend", "decadron",
    "pylarify", "lupron", "eligard", "zoladex", "firmagon", "orgovyx", "cetaphil", "eucerin", "aquaphor", "miralax",
    "senokot", "colace", "imodium", "lomotil", "compazine", "ativan", "marinol", "megace", "lovenox", "eliquis", "xarelto",
    "coumadin", "vysis", "huber", "homans", "cockcroft", "gault", "hans", "mediport", "picc", "mychart", "tigerconnect",
    "vater", "cloquet", "lauren", "furhman", "virchow", "rosenmuller", "delphian",
    "exon", "exons", "intron", "codon", "allele", "variant", "deletion", "insertion", "fusion", "amplification",
    "mutation", "germline", "somatic", "wild", "type", "positive", "negative", "equivocal",
    "ramadan", "thanksgiving", "aetna", "cigna", "medicaid", "medicare", "humana", "labcorp", "quest", "hidac", "tricare", "hanukkah", "diwali", "eid", "passover", "mohs", "bethesda", "bosniak", "birads", "lirads",
}
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "st", "bin", "ibn", "al", "el"}
_TOKEN = r"[^\W\d_][\w'’\-]*"
# A run of tokens on one line, joined by single spaces; particles may be lower case.
_RUN = re.compile(rf"(?<![\w'’\-]){_TOKEN}(?:[ \t]+{_TOKEN}){{1,3}}(?![\w'’\-])")
_SURNAME_FIRST = re.compile(rf"(?<![\w'’\-])(?P<last>{_TOKEN}),[ \t]*(?P<first>{_TOKEN})(?![\w'’\-])")


@dataclass(frozen=True)
class NameLists:
    given: frozenset[str]
    family: frozenset[str]
    words: frozenset[str]


_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


@functools.lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    """Lower case without accents or a possessive, so "Siobhán", "Stanisław" and "Breslow's" meet the lists."""
    text = unicodedata.normalize("NFKD", re.sub(r"['’]s$", "", token.lower()).translate(_UNDECOMPOSED))
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.cache
def name_lists() -> NameLists:
    """Philter's lists, read once per process (about a second)."""
    spec = importlib.util.find_spec("philter_lite")  # found, not imported: its package import pulls in NLTK
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("philter-lite is not installed; it provides the name lists for de-identification")
    path = Path(next(iter(spec.submodule_search_locations))) / "filters" / "set.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return NameLists(frozenset(map(_fold, data["firstnames"])), frozenset(map(_fold, data["lastnames"])),
                     frozenset(map(_fold, data["nonames"])))


def _parts(token: str) -> list[str]:
    return [p for p in re.split(r"[-'’]", _fold(token)) if len(p) > 1]


def _is_given(token: str, lists: NameLists) -> bool:
    return any(p in lists.given for p in _parts(token))


def _is_family(token: str, lists: NameLists) -> bool:
    return any(p in lists.family or p in lists.given for p in _parts(token))


def _is_word(token: str, lists: NameLists) -> bool:
    f = _fold(token)
    return f in lists.words or f in _CLINICAL


def _shape(tokens: list[str]) -> str | None:
    """"title" / "upper" / "lower" when the run is written consistently (particles aside), else None."""
    core = [t for t in tokens if _fold(t) not in _PARTICLES]
    if not core:
        return None
    if all(t[0].isupper() and not t.isupper() for t in core):
        return "title"
    if all(t.isupper() and len(t) > 1 for t in core):
        return "upper"
    if all(t.islower() for t in core):
        return "lower"
    return None


def _run_is_name(tokens: list[str], lists: NameLists, line_is_caps: bool) -> bool:
    shape = _shape(tokens)
    core = [t for t in tokens if _fold(t) not in _PARTICLES]
    if shape is None or len(core) < 2 or any(_fold(t) in _CLINICAL for t in core):
        return False
    if not _is_given(core[0], lists) or not all(_is_family(t, lists) or _is_given(t, lists) for t in core[1:]):
        # "Siobhán O'Connor-Nakamura": a given name then surnames the lists may not hold, but shaped like names
        if not (_is_given(core[0], lists) and shape == "title" and all(not _is_word(t, lists) for t in core)):
            return False
    plain = sum(_is_word(t, lists) for t in core)
    if shape == "upper":  # in an all-caps report every heading is upper case: only unambiguous names there
        return plain == 0 if line_is_caps else plain < len(core)
    if shape == "lower":
        return plain <= len(core) - 2  # a patient's message in lower case: two unambiguous name tokens
    return plain < len(core)


@functools.cache
def clinical_vocabulary() -> frozenset[str]:
    """Words our extractors know (drug generics and brands, regimens, cancer names): never a proper noun."""
    from oncoguide.records.extractors.cancer_types import CANCER_TYPES
    from oncoguide.records.extractors.drugs import DRUGS, REGIMENS

    words: set[str] = set(_CLINICAL)
    phrases = [g for g in DRUGS] + [a for _, aliases in DRUGS.values() for a in aliases] + list(REGIMENS)
    phrases += [a for aliases in REGIMENS.values() for a in aliases]
    phrases += [p for _, ents, organs in CANCER_TYPES.values() for p in ents + organs]
    for phrase in phrases:
        words.update(_fold(w) for w in re.findall(r"[^\W\d_]+", phrase))
    return frozenset(words)


# Zipf frequency (wordfreq) from which a lower-case or capitalized word is an everyday English word ("wedding",
# "kinda", "Morning") rather than a name, even when some name list happens to contain it.
_COMMON_WORD = 3.5
# Given names as common as everyday words ("linda", "mary") still read as names in a message; "will", "hope" don't.
_COMMON_GIVEN = 4.8
_SLANG = {"kinda", "gonna", "wanna", "gotta", "lemme", "dunno", "sorta", "yall", "lol", "omg", "btw", "thx", "pls", "okay"}
# Share of capital letters below which a text reads as typed casually (a message), not a clinical document.
_CASUAL_CAPS = 0.06

_SENTENCE_START = re.compile(r"(?:^|[.!?:;•*\-–—]|\d[.)])[\s\"'“(\[]*$")
_CAPITALIZED = re.compile(r"(?<![\w'’\-])[^\W\d_a-z][^\W\d_A-Z]{2,}(?:[-'’][^\W\d_][^\W\d_]+)*(?![\w'’\-])")


# languages named beside an interpreter ("Interpreter: Ana Ruiz (Polish)") are no one's name
LANGUAGES = ("Spanish", "Vietnamese", "Mandarin", "Cantonese", "Arabic", "Russian", "Portuguese", "French", "Korean", "Tagalog",
             "Haitian", "Creole", "Polish", "Somali", "Punjabi", "Hindi", "Farsi", "Dari", "Pashto", "Italian", "German", "Greek",
             "Japanese", "Amharic", "Tigrinya", "Nepali", "Urdu", "Bengali", "Swahili", "Hmong", "Khmer", "Burmese", "Ukrainian",
             "Turkish", "Romanian", "Albanian", "Gujarati", "Tamil", "Telugu", "Marathi", "Irish", "Welsh", "Gaelic", "Māori", "Samoan",
             "Tongan", "ASL")


def unknown_proper_nouns(text: str) -> list[tuple[int, int]]:
    """Capitalized mid-sentence words that no word list knows ("Okonkwo", "Brightwater"), joined into runs."""
    lists, vocab = name_lists(), clinical_vocabulary()
    spans: list[tuple[int, int]] = []
    for m in _CAPITALIZED.finditer(text):
        token = m.group(0)
        if token in LANGUAGES or any(p in lists.words or p in vocab for p in [_fold(token), *_parts(token)]):
            continue
        if zipf_frequency(token.lower(), "en") >= _COMMON_WORD and not _is_given(token, lists) and not _is_family(token, lists):
            continue  # "Expedited", "Triage": a title-cased everyday word
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _SENTENCE_START.search(text[max(line_start, m.start() - 6) : m.start()]):
            continue  # first word of a sentence or field is capitalized anyway; name runs are found by the lists
        if spans and text[spans[-1][1] : m.start()] in (" ", "-"):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def casual_names(text: str) -> list[tuple[int, int]]:
    """Lower-case names in lines typed casually (a patient's or caregiver's message: the line starts lower case).

    Only words the name lists hold and no word list knows ("dolores", "kaylee"); clinical notes are capitalized,
    so their lower-case words are never read this way.
    """
    lists, vocab = name_lists(), clinical_vocabulary()
    spans: list[tuple[int, int]] = []
    letters = [c for c in text if c.isalpha()]
    if (not letters or sum(c.isupper() for c in letters) / len(letters) > _CASUAL_CAPS
            or not re.search(r"\b(?:my|i'm|im|i am|i have|i was|thanks?|thx|hi|hey)\b", text.lower())):
        return spans  # a report or note (OCR'd ones are lower case too), not a message someone typed
    for line in re.finditer(r"[^\n]+", text):
        first = re.match(r"\W*(\w)", line.group(0))
        if not first or not first.group(1).islower():
            continue  # "54-year-old…", "EGFR exon 19…": a note, not a casually typed message
        for m in re.finditer(r"(?<![\w'’\-])[a-zà-ÿ]{3,}(?![\w'’\-])", line.group(0)):
            w = _fold(m.group(0))
            if w in vocab or w in _PARTICLES or w in _SLANG:
                continue
            z = zipf_frequency(w, "en")
            if (w in lists.given and z < _COMMON_GIVEN) or (w in lists.family and w not in lists.words and z < 3.0):
                spans.append((line.start() + m.start(), line.start() + m.end()))
    return spans


_INITIAL_SURNAME = re.compile(r"(?<![\w.])(?!U\.S\.|U\.K\.)[A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)?(?P<s>[A-Z][a-z'’\-]{2,}|[A-Z]{3,}(?:-[A-Z]{3,})?\b)")
# couples: "Tom & Becky Reyes"
_COUPLE = re.compile(r"\b(?P<a>[A-Z][a-z]+)[ \t]+(?:&|and)[ \t]+(?P<b>[A-Z][a-z]+)[ \t]+(?P<s>[A-Z][a-z]{2,})\b")


def initial_names(text: str) -> list[tuple[int, int]]:
    """ "B. Okonkwo", "A. LEWANDOWSKI", "Tom & Becky Reyes": initials or given names, then a surname.

    Specimen parts ("A. LYMPH NODE", "B. RIGHT LOBE") look the same: the surname must be no ordinary word.
    """
    lists = name_lists()
    out = [(m.start(), m.end()) for m in _INITIAL_SURNAME.finditer(text)
           if not _is_word(m["s"], lists) and (_is_family(m["s"], lists) or not m["s"].isupper())
           and _fold(m["s"]) not in clinical_vocabulary()
           and (zipf_frequency(m["s"].lower(), "en") < 3.0 or _is_family(m["s"], lists))]  # "A. Specimen", "B. Liver"
    out += [(m.start(), m.end()) for m in _COUPLE.finditer(text)
            if _is_given(m["a"], lists) and _is_given(m["b"], lists) and not _is_word(m["a"], lists)
            and not _is_word(m["s"], lists)]
    return out


_KIN = (r"(?:grand|step)?(?:daughter|son|child)|husband|wife|hubby|(?:half-?)?(?:sister|brother)|sis|bro|mother|father|"
        r"mom|mum|mommy|mama|dad|daddy|papa|partner|spouse|fianc[eé]e?|aunt|auntie|uncle|niece|nephew|cousin|"
        r"grand(?:mother|father|ma|pa|daughter|son)|(?:boy|girl)friend|neighbou?r|friend|caregiver|dtr|married to")
_RELATIVE = re.compile(rf"(?i:\b(?:{_KIN})(?:-in-law)?)(?:[ \t]+of)?[ \t]*[:,(]?[ \t]*(?<=[\s:,(])(?P<v>[^\W\d_][\w'’\-]*)(?![\w'’\-])")


# the rest of a relative's name on the same line: "María de los Ángeles Hernández", "Thi Thu Ha"
_NAME_TAIL = re.compile(r"(?:[ \t]+(?:(?:de|del|de los|de la|van|von|der|da|di|le|la|bin|al)[ \t]+)?[A-Z][a-zà-ÿ'’\-]+(?![\w'’\-]))*")


def relative_names(text: str) -> list[tuple[int, int]]:
    """A relative's name right after the kinship word: "son DJ", "spouse Ray", "my sister autumn", "Brother: Duc".

    The kinship word is strong context, so a given name as common as a word ("Faith", "Ray") counts when written
    with a capital; lower case ("my mom rosie") only for given names rarer than everyday words ("will" is a verb).
    """
    lists, vocab = name_lists(), clinical_vocabulary()
    out: list[tuple[int, int]] = []
    for m in _RELATIVE.finditer(text):
        token, folded = m["v"], _fold(m["v"])
        rest = _NAME_TAIL.match(text, m.end("v"))
        if folded in _PARTICLES and token[0].isupper() and rest and rest.group(0).strip():
            out.append((m.start("v"), rest.end()))  # "daughter-in-law Le Thi Thu Ha"
            continue
        if folded in vocab or folded in _CLINICAL or folded in _PARTICLES or folded in _SLANG:
            continue
        z = zipf_frequency(folded, "en")
        if token.isupper() and len(token) <= 3:
            ok = folded not in lists.words and z < 5.0  # "DJ", "AJ"; not "ER"
        elif token[0].isupper():
            # a capitalized given name right after the kinship word is a name however common the word ("son Will")
            ok = _is_given(token, lists) or (not _is_word(token, lists) and z < 3.0)
        else:  # lower case: only rarer given names, or any given name in brackets ("dad (bill)")
            ok = folded in lists.given and (z < _COMMON_GIVEN - 0.3 or text[m.start("v") - 1] == "(")
        if ok:
            out.append((m.start("v"), rest.end() if token[0].isupper() and rest else m.end("v")))
    return out


_ROLE = re.compile(r"(?i:\b(?:nurse|navigator|coordinator|pharmacist|chaplain|interpreter|social worker|aide|therapist|"
                   r"counsel+or|dietitian|scheduler|receptionist|dr|doctor))\.?[ \t]+(?P<v>[^\W\d_][\w'’\-]*)(?![\w\-])")
_SELF = re.compile(r"(?i:\b(?:it'?s|this is|i'?m|i am)|\bhi|\bhey|\bhello|\bdear|\bthanks?|\bthx|\bthank you|\bcheers|\blove)"
                   r"[ \t]*[,-]?[ \t]+(?P<v>[^\W\d_][\w'’\-]*)(?=[ \t]*(?:[,.!?:;()\-–—]|again\b|here\b|$|\n))", re.MULTILINE)
# a message signed with a dash ("thanks\n\n-Dwayne", "no redness tho. -b") or opened with "bobby here"
_DASH_SIGN = re.compile(r"(?m)(?:^|(?<=[.!?])[ \t]+)[-–—~][ \t]?(?P<v>[A-Za-z][a-z'’\-]*)[ \t]*$")
# initials closing a note line: "- kb", "- JT", "-jt rn", "| ml", "Dictated but not read - MT/sj"
_INITIALS_SIGN = re.compile(r"(?m)(?:^|[ \t])[-–—|~][ \t]*(?P<v>[A-Za-z]{2,3}|[a-z]\.[a-z]\.)(?:/(?P<w>[A-Za-z]{2,3}))?"
                            r"(?:[ \t]+(?i:rn|np|md|pa|lpn|ma|cns|sw|staff nurse))?[ \t]*$"
                            # the dictating doctor's and the typist's initials: "rm/ak", "Dictated IL/wk", "HS/wf  D: 09/07"
                            r"|^(?:(?i:dictated|typed)[ \t]+)?(?P<v2>[A-Za-z]{2,3})[ \t]?/[ \t]?(?P<w2>[a-z]{2,3})(?=[ \t]*$|[ \t]{2,})"
                            r"|(?i:\btyped)\b[^\n(]{0,30}\((?P<w3>[a-z]{2,3})\)")
_LINE_END_WORDS = {"neg", "pos", "nil", "wnl", "nad", "yes", "ok", "low", "na", "nkda", "prn", "bid", "tid", "qid", "qd", "tds", "bd",
                   "od", "mg", "ml", "cm", "mm", "iv", "po", "sc", "im", "rx", "tx", "dx", "hx", "fx", "sx", "abn", "inc", "dec", "tbc", "tba"}
_HERE = re.compile(r"(?im)^(?:\W*(?:hi|hey|hello|morning|good morning)[,.!]*[ \t]+)?(?P<v>[a-z][a-z'’\-]+)[ \t]+here\b")
# "(bud's daughter)", "Rose's husband": a name owning a kinship word
_OWNER = re.compile(rf"(?<![\w'’])(?P<v>[^\W\d_][\w\-]*)['’]s[ \t]+(?i:{_KIN})\b")
_SIGN_OFF = re.compile(r"(?i:\b(?:thanks|thank you|thx|ty|cheers|regards|best|love|sincerely|xo+)(?:[ \t]+a million|[ \t]+so much)?)"
                       r"[ \t]*[,!.\-–—]*[ \t]*\n?[ \t]*[-–—]?[ \t]*(?P<v>[A-Za-z][a-z'’\-]+)[ \t]*(?=\n|$)")


_ADDRESS_WORDS = {"doctor", "doc", "nurse", "team", "everyone", "all", "there", "guys", "folks", "again", "dear", "sir",
                  "madam", "maam", "mom", "dad", "honey", "sweetie", "friend", "friends", "back", "so"}


def addressed_names(text: str) -> list[tuple[int, int]]:
    """One-word names by how people address each other: "nurse Jo", "dr halloran's team", "hi Summer -",
    "its michelle,", "thanks a million,\nPat". Given names only (or, after a title, no ordinary word)."""
    lists, vocab = name_lists(), clinical_vocabulary()
    out: list[tuple[int, int]] = []
    for pattern in (_ROLE, _SELF, _SIGN_OFF, _OWNER, _DASH_SIGN, _HERE):
        for m in pattern.finditer(text):
            token = m["v"]
            folded = _fold(token)
            if pattern is _DASH_SIGN and len(token) == 1 and m.start() > 0 and text[m.start() - 1] != "\n":
                out.append(m.span("v"))  # "-b" closing a message line
                continue
            if pattern is _ROLE and len(token) == 1 and token.isupper() and m.group(0)[:2].lower() == "dr":
                out.append(m.span("v"))  # "doesn't want to bother dr P"
                continue
            if folded in vocab or folded in _CLINICAL or folded in _SLANG or folded in _ADDRESS_WORDS or len(folded) < 2:
                continue
            z = zipf_frequency(folded, "en")
            title = pattern is _ROLE and m.group(0)[:2].lower() in ("dr", "do")
            # a message signing or introducing its writer: "hi this is hope, roz's daughter", "thx, hope"
            introduced = pattern in (_SELF, _SIGN_OFF) and (pattern is _SIGN_OFF or text[m.end("v") : m.end("v") + 1] in (",", "("))
            if ((folded in lists.given and (z < (5.5 if token[0].isupper() else _COMMON_GIVEN) or introduced))
                    or ((title or pattern is _SIGN_OFF) and not _is_word(token, lists) and z < 3.5)):
                out.append(m.span("v"))
    return out


def signed_initials(text: str) -> list[tuple[int, int]]:
    """Initials that sign a note line; "- neg", "- ok" and other words at a line end stay."""
    vocab = clinical_vocabulary()
    out: list[tuple[int, int]] = []
    for m in _INITIALS_SIGN.finditer(text):
        if m["w"]:  # "MT/sj": the dictating doctor's and the typist's initials
            out += [m.span("v"), m.span("w")]
            continue
        if m["v2"]:
            out += [m.span("v2"), m.span("w2")]
            continue
        if m["w3"]:
            out.append(m.span("w3"))
            continue
        for g in ("v",):
            token = m[g]
            if token and "." in token:
                out.append(m.span(g))  # "- s.m. staff nurse"
            elif token and token.lower() not in _LINE_END_WORDS and token.lower() not in vocab and token.lower() not in _CLINICAL and zipf_frequency(token.lower(), "en") < 3.6:
                out.append(m.span(g))
    return out


def find_names(text: str) -> list[tuple[int, int]]:
    """Character spans of person names the lists recognise, plus later mentions of their tokens."""
    lists = name_lists()
    spans: list[tuple[int, int]] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        letters = [c for c in line if c.isalpha()]
        line_is_caps = len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
        base = line_match.start()
        pos = 0
        while m := _RUN.search(line, pos):
            toks = [(t.start(), t.end(), t.group(0)) for t in re.finditer(_TOKEN, m.group(0))]
            hit = _longest_name(toks, lists, line_is_caps)
            if hit is None:
                pos = m.start() + toks[0][1] + 1  # retry from the next token
                continue
            spans.append((base + m.start() + hit[0], base + m.start() + hit[1]))
            pos = m.start() + hit[1]
        for m in _SURNAME_FIRST.finditer(line):
            last, first = m["last"], m["first"]
            if (last[0].isupper() and first[0].isupper() and (_is_family(last, lists) or not _is_word(last, lists))
                    and _is_given(first, lists)
                    and not (_is_word(last, lists) and _is_word(first, lists))
                    and _fold(last) not in _CLINICAL and _fold(first) not in _CLINICAL):
                spans.append((base + m.start(), base + m.end()))
    spans += unknown_proper_nouns(text) + casual_names(text) + initial_names(text) + relative_names(text)
    spans += addressed_names(text) + signed_initials(text)
    return spans + _repeat_mentions(text, spans, lists)


def _longest_name(toks: list[tuple[int, int, str]], lists: NameLists, line_is_caps: bool) -> tuple[int, int] | None:
    """The longest window of the run that reads as a name, so "Rosa Elena Gutiérrez" is one span."""
    for size in range(len(toks), 1, -1):
        for i in range(len(toks) - size + 1):
            window = toks[i : i + size]
            if _run_is_name([t for _, _, t in window], lists, line_is_caps):
                return window[0][0], window[-1][1]
    return None


def _repeat_mentions(text: str, spans: list[tuple[int, int]], lists: NameLists) -> list[tuple[int, int]]:
    """Later bare mentions of a found name's tokens ("Mrs. Gutiérrez", "Zbigniew")."""
    tokens = {t.strip(",") for s, e in spans for t in text[s:e].split()}
    tokens = {t for t in tokens if len(t) > 2 and _fold(t) not in _PARTICLES and _fold(t) not in _CLINICAL
              and not _is_word(t, lists) and zipf_frequency(t.lower(), "en") < _COMMON_WORD}
    if not tokens:
        return []
    pat = re.compile(r"(?<![\w'’\-])(?:" + "|".join(sorted(map(re.escape, tokens), key=len, reverse=True)) + r")(?![\w'’\-])",
                     re.IGNORECASE)
    return [(m.start(), m.end()) for m in pat.finditer(text)]

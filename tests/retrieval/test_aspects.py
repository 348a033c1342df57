"""Aspects read from heading paths, with the page title ignored."""

from oncoguide.retrieval.aspects import aspect_of, aspects_named

TITLE = "Melanoma Treatment (PDQ®)–Patient Version"


def test_deepest_specific_heading_wins_and_title_is_ignored() -> None:
    assert aspect_of([TITLE, "General Information About Melanoma", "Key Points"]) == "meaning"
    assert aspect_of([TITLE, "Treatment Option Overview", "Key Points"]) == "treatment"
    assert aspect_of([TITLE, "Stages of Melanoma", "The following stages are used for melanoma:"]) == "stage"
    assert aspect_of([TITLE, "General Information", "Certain factors affect prognosis (chance of recovery) and "
                      "treatment options."]) == "outlook"
    assert aspect_of(["Metastatic Breast Cancer", "How is metastatic breast cancer treated?"]) == "treatment"


def test_all_named_aspects_of_a_path() -> None:
    named = aspects_named([TITLE, "Stages of Melanoma", "After melanoma has been diagnosed, tests are done to "
                           "find out if cancer cells have spread"])
    assert {"stage", "diagnosis"} <= named and "treatment" not in named

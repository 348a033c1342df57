from oncoguide.corpus.sentences import split_sentences


def test_splits_on_sentence_ends_but_not_abbreviations() -> None:
    text = "Tests such as CT scans, e.g. of the chest, are used. Dr. Smith's study in the U.S. was small. Is it?"
    assert split_sentences(text) == [
        "Tests such as CT scans, e.g. of the chest, are used.",
        "Dr. Smith's study in the U.S. was small.",
        "Is it?",
    ]


def test_blocks_stay_separate_and_whitespace_normalised() -> None:
    assert split_sentences("One  two three.\nFour five six") == ["One two three.", "Four five six"]

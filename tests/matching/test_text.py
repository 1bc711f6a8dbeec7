from tandem.matching.text import chunks, normalise, split_sentences, text_hash


def test_normalise_folds_space_and_cedilla():
    assert (
        normalise("  Bună  ziua,\n ţară şi\u00a0Ştefan  ")
        == "Bună ziua, țară și Ștefan"
    )


def test_normalise_keeps_paragraphs():
    assert normalise("Erster Absatz.\n\n\n  Zweiter Absatz.") == (
        "Erster Absatz.\n\nZweiter Absatz."
    )


def test_split_sentences_german_abbreviations_and_ordinals():
    text = (
        "Die Firma wurde am 3. Oktober 2015 in Dortmund gegründet. "
        "Wir arbeiten z.B. mit Dr. Müller von der Universität zusammen. "
        "Seit 2020 entwickeln wir Sensoren für Landwirte."
    )
    assert split_sentences(text, "de") == [
        "Die Firma wurde am 3. Oktober 2015 in Dortmund gegründet.",
        "Wir arbeiten z.B. mit Dr. Müller von der Universität zusammen.",
        "Seit 2020 entwickeln wir Sensoren für Landwirte.",
    ]


def test_split_sentences_romanian_abbreviations():
    text = (
        "Firma Agro Someș S.R.L. are sediul pe str. Memorandumului nr. 5 din Cluj. "
        "Căutăm parteneri în Germania pentru senzori de umiditate!"
    )
    assert split_sentences(text, "ro") == [
        "Firma Agro Someș S.R.L. are sediul pe str. Memorandumului nr. 5 din Cluj.",
        "Căutăm parteneri în Germania pentru senzori de umiditate!",
    ]


def test_split_sentences_english_merges_short_fragments():
    text = "We build soil sensors, e.g. probes, for farmers. Really? Yes, and they are cheap."
    assert split_sentences(text, "en") == [
        "We build soil sensors, e.g. probes, for farmers. Really?",
        "Yes, and they are cheap.",
    ]


def test_split_sentences_empty():
    assert split_sentences("   ", "de") == []


def test_chunks_respect_max_chars_and_sentences():
    sentence = "Wir entwickeln robuste Sensoren für die Landwirtschaft in Europa."
    result = chunks(" ".join([sentence] * 10), "de", max_chars=150)
    assert all(len(c) <= 150 for c in result)
    assert all(c.endswith(".") for c in result)
    assert " ".join(result) == " ".join([sentence] * 10)


def test_chunks_cut_overlong_sentence_at_spaces():
    text = " ".join(["Wort"] * 100) + "."
    result = chunks(text, "de", max_chars=50)
    assert all(len(c) <= 50 for c in result)
    assert " ".join(result) == text


def test_text_hash_depends_on_encoder_and_normalised_text():
    assert text_hash("a", "Bună  ziua ţară") == text_hash("a", "Bună ziua țară")
    assert text_hash("a", "x") != text_hash("b", "x")
    assert len(text_hash("a", "x")) == 64

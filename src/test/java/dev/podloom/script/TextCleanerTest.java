package dev.podloom.script;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTest {

    @ParameterizedTest(name = "\"{0}\" is spoken as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "The tyre was patented in 1888.[2] |The tyre was patented in 1888.",
            "Drais rode 13 km[1][4] in an hour. |Drais rode 13 km in an hour.",
            "It spread quickly.[citation needed] |It spread quickly.",
            "See https://example.com/page?x=1 for more. |See for more.",
            "Visit www.example.org today. |Visit today.",
            "Steel frames¹ last for decades.† |Steel frames last for decades.",
            "Prices fell* sharply. |Prices fell sharply.",
            "Many   spaces   between    words |Many spaces between words",
            "The full list is online at https://example.com/a. |The full list is online at.",
            "A link (https://example.com) here. |A link here.",
    })
    void removesWhatShouldNotBeReadAloud(String raw, String spoken) {
        assertThat(TextCleaner.clean(raw)).isEqualTo(spoken);
    }
}

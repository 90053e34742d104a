package dev.podloom.script;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TitlesTest {

    @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
    @CsvSource(delimiter = '#', textBlock = """
            Characteristics of Object-Oriented Languages - The Rust Programming Language # Characteristics of Object-Oriented Languages
            Harbor City Council Approves Budget | Local News | The Harbor Courier # Harbor City Council Approves Budget
            A Short History of the Bicycle – Wheel & Spoke Magazine # A Short History of the Bicycle
            A Short History of the Bicycle — Wheel & Spoke # A Short History of the Bicycle
            Ownership and Borrowing :: Ferrite Guide # Ownership and Borrowing
            Guide › Basics › Ownership and Borrowing # Ownership and Borrowing
            Docs » Tutorial » Getting started with the parser # Getting started with the parser
            Home / Articles / Why cities plant trees # Why cities plant trees
            Blog | How we rebuilt the search index # How we rebuilt the search index
            Pedals Arrive: The Velocipede # Pedals Arrive: The Velocipede
            Object-Oriented Design Patterns # Object-Oriented Design Patterns
            A title without any suffix # A title without any suffix
            """)
    void titlesLoseSiteNamesAndBreadcrumbsButKeepTheirOwnWords(String title, String cleaned) {
        assertThat(Titles.clean(title)).isEqualTo(cleaned);
    }
}

package dev.podloom.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechNormalizerTest {

    private static String en(String text) {
        return SpeechNormalizer.normalize(text, "en");
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            There are 42 of them.                 | There are forty two of them.
            It cost 1,234,567 in total.           | It cost one million two hundred thirty four thousand five hundred sixty seven in total.
            Pi is about 3.14 here.                | Pi is about three point one four here.
            It fell to -5 overnight.              | It fell to minus five overnight.
            Room 0042 is free.                    | Room zero zero four two is free.
            It has 50,000 lines.                  | It has fifty thousand lines.
            """)
    void numbersAreSaidAsWords(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            She came 1st and he came 22nd.        | She came first and he came twenty second.
            The 3rd edition.                      | The third edition.
            The 100th visitor.                    | The one hundredth visitor.
            """)
    void ordinalsAreSaidAsOrdinalWords(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            It opened in 1999.                    | It opened in nineteen ninety nine.
            It opened in 2005.                    | It opened in two thousand five.
            It opened in 2024.                    | It opened in twenty twenty four.
            It was built in 1900.                 | It was built in nineteen hundred.
            The 1890s were busy.                  | The eighteen nineties were busy.
            Music of the '80s.                    | Music of the eighties.
            """)
    void yearsAndDecadesAreSaidTheWayPeopleSayThem(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            From 1990–1995 it grew.               | From nineteen ninety to nineteen ninety five it grew.
            Read pages 10-20 first.               | Read pages ten to twenty first.
            The vote was 7-4.                     | The vote was seven to four.
            The 2026-27 fiscal year.              | The twenty twenty six to twenty seven fiscal year.
            """)
    void rangesAreSaidWithTo(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            It costs $5.                          | It costs five dollars.
            It costs $1.                          | It costs one dollar.
            It costs $3.50 now.                   | It costs three dollars and fifty cents now.
            A $1.2 billion budget.                | A one point two billion dollars budget.
            Council Approves $1.2 Billion Budget. | Council Approves one point two billion dollars Budget.
            About $350,000 in all.                | About three hundred fifty thousand dollars in all.
            It costs €20.                         | It costs twenty euros.
            It costs £0.99.                       | It costs ninety nine pence.
            They raised $5m last year.            | They raised five million dollars last year.
            """)
    void moneyIsSaidWithItsCurrency(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            It grew 45% this year.                | It grew forty five percent this year.
            A rate of 1.05% applies.              | A rate of one point zero five percent applies.
            Only 3 percent agreed.                | Only three percent agreed.
            """)
    void percentagesAreSaidAsPercent(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            We rode 140 km today.                 | We rode one hundred forty kilometers today.
            It weighs 1 kg.                       | It weighs one kilogram.
            A 3 GB download.                      | A three gigabytes download.
            It answers in 5 ms.                   | It answers in five milliseconds.
            Up to 60 km/h on the flat.            | Up to sixty kilometers per hour on the flat.
            It is 20°C outside.                   | It is twenty degrees Celsius outside.
            It is 10x faster.                     | It is ten times faster.
            A 64-bit machine.                     | A sixty four bit machine.
            """)
    void unitsAreSaidInFull(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is sent as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Air-filled tyres made riding smoother. | Air-filled tires made riding smoother.
            Tyres and Metres.                      | Tires and Meters.
            A two-litre bottle and a 100 metre run. | A two-liter bottle and a one hundred meter run.
            They realised it was sceptical.        | They realized it was skeptical.
            The colour of the centre stays.        | The colour of the centre stays.
            """)
    void britishSpellingsTheUsLexiconMispronouncesAreSentInUsSpelling(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            It opened on 2024-03-15.              | It opened on March fifteenth, twenty twenty four.
            Signed on March 14, 2026 by all.      | Signed on March fourteenth, twenty twenty six by all.
            Due by October 15.                    | Due by October fifteenth.
            Held on 4 July 1776.                  | Held on the fourth of July, seventeen seventy six.
            From Jan. 5 onwards.                  | From January fifth onwards.
            """)
    void datesAreSaidAsMonthDayYear(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            We meet at 6:30 p.m. in the hall.     | We meet at six thirty P M in the hall.
            Buses run until 9 p.m. every day.     | Buses run until nine P M every day.
            The train leaves at 10:00.            | The train leaves at ten o'clock.
            Lunch is at 12:05.                    | Lunch is at twelve oh five.
            """)
    void timesAreSaidAsClockTimes(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Fruit, e.g. apples, is good.          | Fruit, for example apples, is good.
            One owner, i.e. one scope.            | One owner, that is one scope.
            Cats, dogs, etc. are pets.            | Cats, dogs, et cetera are pets.
            We had cats, dogs, etc.               | We had cats, dogs, et cetera.
            Dr. Smith met Mr. Jones.              | Doctor Smith met Mister Jones.
            It is at 100 Main St. in town.        | It is at one hundred Main Street in town.
            Rust vs. Go today.                    | Rust versus Go today.
            See Fig. 3 below.                     | See figure three below.
            """)
    void abbreviationsAreExpanded(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            The API returns JSON.                 | The A P I returns jason.
            Send it over HTTPS.                   | Send it over H T T P S.
            Two APIs differ.                      | Two A P I's differ.
            NASA launched it.                     | Nasa launched it.
            It runs on the U.S. grid.             | It runs on the U S grid.
            It plays MP3 files.                   | It plays M P three files.
            """)
    void acronymsAreSpelledUnlessSaidAsWords(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Write an AveragedCollection type.     | Write an Averaged Collection type.
            Call update_average when it changes.  | Call update average when it changes.
            A Vec<T> owns its elements.           | A Vec of T owns its elements.
            A HashMap<K, V> owns both.            | A Hash Map of K, V owns both.
            Use String::from here.                | Use String from here.
            Call clone() to copy it.              | Call clone to copy it.
            It takes &mut T as input.             | It takes mutable reference to T as input.
            Then text.len is returned.            | Then text dot len is returned.
            An HTMLParser reads it.               | An H T M L Parser reads it.
            Error E0382 again.                    | Error E zero three eight two again.
            Written in C++ mostly.                | Written in C plus plus mostly.
            """)
    void codeIdentifiersAreSaidAsWords(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            See https://doc.rust-lang.org/book/ch17-01.html for more.   | See doc dot rust dash lang dot org for more.
            Visit www.example.com today.                               | Visit example dot com today.
            Write to jane.doe@example.org with questions.              | Write to jane dot doe at example dot org with questions.
            """)
    void urlsAndEmailAddressesAreSaidByTheirNames(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} is said as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Salt & pepper.                        | Salt and pepper.
            Input → output.                       | Input to output.
            It was fast — very fast.              | It was fast, very fast.
            Wait… then go.                        | Wait, then go.
            Read and/or write.                    | Read and or write.
            Add 1/2 a cup.                        | Add one half a cup.
            The note (see below) matters.         | The note, see below, matters.
            Two things: speed; safety.            | Two things, speed, safety.
            Ticket #3 is open.                    | Ticket number three is open.
            """)
    void symbolsBecomeWordsOrPauses(String written, String spoken) {
        assertThat(en(written)).isEqualTo(spoken);
    }

    @Test
    void listMarkersAreDroppedAndEachItemEndsLikeASentence() {
        assertThat(en("- first item\n- second item\n3. third item"))
                .isEqualTo("first item. second item. third item.");
    }

    @Test
    void textWithoutClosingPunctuationGetsASentenceEnd() {
        assertThat(en("Let's move on to Borrowing")).isEqualTo("Let's move on to Borrowing.");
    }

    @Test
    void plainProseIsLeftAsItIs() {
        String prose = "Few machines have changed everyday life as quietly as the bicycle.";
        assertThat(en(prose)).isEqualTo(prose);
    }

    @Test
    void frenchNumbersAndWordsPassThroughForTheFrenchEngine() {
        assertThat(SpeechNormalizer.normalize("Le budget est de 1 200 euros, soit 4,5 % de plus.", "fr-FR"))
                .isEqualTo("Le budget est de 1 200 euros, soit 4,5 % de plus.");
    }

    @Test
    void otherLanguagesStillLoseListMarkersAndCodePunctuation() {
        assertThat(SpeechNormalizer.normalize("- Erster Punkt\n- Zweiter `Punkt`", "de"))
                .isEqualTo("Erster Punkt. Zweiter Punkt.");
    }

    @Test
    void numbersAsWordsReadsOnlyTheNumbers() {
        assertThat(SpeechNormalizer.numbersAsWords("In 1999, 45% of 2,000 people paid $5."))
                .isEqualTo("In nineteen ninety nine, forty five percent of two thousand people paid five dollars.");
    }

    @Test
    void blankTextStaysBlank() {
        assertThat(en("   ")).isEmpty();
        assertThat(SpeechNormalizer.normalize(null, "en")).isEmpty();
    }

    @Test
    void phonemeSpansFromALexiconReachTheEngineUntouchedWhileTheRestIsNormalized() {
        assertThat(en("In 2024 our data lives in [['si:kw@l]] tables & [[p0dlu:m]] files."))
                .contains("[['si:kw@l]]", "[[p0dlu:m]]", "twenty twenty four", " and ")
                .doesNotContain("2024", "&");
    }
}

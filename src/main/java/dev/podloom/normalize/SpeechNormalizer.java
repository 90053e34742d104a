package dev.podloom.normalize;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a turn's written text into what a speech engine should be sent: numbers, years, ordinals, ranges,
 * money, percentages, units, dates and times as words; abbreviations expanded; acronyms spelled; code identifiers
 * ({@code AveragedCollection}, {@code snake_case}, {@code Vec<T>}), URLs and e-mail addresses made sayable; symbols
 * and list markers replaced; clause pauses marked with commas and every text ended like a sentence.
 *
 * <p>English is rewritten in full. Other languages keep their words and numbers (their engines read their own
 * numbers); only list markers, code punctuation and spacing are tidied. Pure: no state, thread-safe.
 */
public final class SpeechNormalizer {

    private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT = ThreadLocal.withInitial(
            () -> new RuleBasedNumberFormat(ULocale.ENGLISH, RuleBasedNumberFormat.SPELLOUT));

    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October"
            + "|November|December";
    private static final Map<String, String> MONTH_ABBREVIATIONS = Map.ofEntries(
            Map.entry("Jan", "January"), Map.entry("Feb", "February"), Map.entry("Mar", "March"),
            Map.entry("Apr", "April"), Map.entry("Jun", "June"), Map.entry("Jul", "July"),
            Map.entry("Aug", "August"), Map.entry("Sep", "September"), Map.entry("Sept", "September"),
            Map.entry("Oct", "October"), Map.entry("Nov", "November"), Map.entry("Dec", "December"));
    private static final List<String> MONTH_NAMES = List.of(MONTHS.split("\\|"));

    /** Acronyms said as words, not spelled letter by letter. */
    private static final Set<String> SAID_AS_WORDS = Set.of(
            "NASA", "NATO", "UNESCO", "UNICEF", "OPEC", "FIFA", "AIDS", "COVID", "LASER", "RADAR", "SCUBA", "NAFTA",
            "ASCII", "JPEG", "GIF", "PIN", "RAM", "ROM", "LAN", "WAN", "SIM", "POSIX", "UNIX", "LINUX", "CAPTCHA",
            "OPENAI", "IKEA", "ASAP", "SWAT", "GUI", "WASM", "YAML", "TOML", "REST", "CRUD", "SAAS", "DOS");
    private static final Map<String, String> SAID_DIFFERENTLY = Map.of(
            "JSON", "jason", "SQL", "sequel", "OK", "okay", "GIF", "gif", "WiFi", "wifi", "Wi-Fi", "wifi",
            "iOS", "eye O S", "C++", "C plus plus", "C#", "C sharp", "F#", "F sharp");

    private static final Map<String, String[]> UNITS = Map.ofEntries(
            Map.entry("km/h", new String[]{"kilometer per hour", "kilometers per hour"}),
            Map.entry("mph", new String[]{"mile per hour", "miles per hour"}),
            Map.entry("km", new String[]{"kilometer", "kilometers"}),
            Map.entry("cm", new String[]{"centimeter", "centimeters"}),
            Map.entry("mm", new String[]{"millimeter", "millimeters"}),
            Map.entry("m", new String[]{"meter", "meters"}),
            Map.entry("mi", new String[]{"mile", "miles"}),
            Map.entry("ft", new String[]{"foot", "feet"}),
            Map.entry("kg", new String[]{"kilogram", "kilograms"}),
            Map.entry("mg", new String[]{"milligram", "milligrams"}),
            Map.entry("g", new String[]{"gram", "grams"}),
            Map.entry("lb", new String[]{"pound", "pounds"}),
            Map.entry("lbs", new String[]{"pound", "pounds"}),
            Map.entry("TB", new String[]{"terabyte", "terabytes"}),
            Map.entry("GB", new String[]{"gigabyte", "gigabytes"}),
            Map.entry("MB", new String[]{"megabyte", "megabytes"}),
            Map.entry("KB", new String[]{"kilobyte", "kilobytes"}),
            Map.entry("kB", new String[]{"kilobyte", "kilobytes"}),
            Map.entry("GHz", new String[]{"gigahertz", "gigahertz"}),
            Map.entry("MHz", new String[]{"megahertz", "megahertz"}),
            Map.entry("kHz", new String[]{"kilohertz", "kilohertz"}),
            Map.entry("Hz", new String[]{"hertz", "hertz"}),
            Map.entry("kWh", new String[]{"kilowatt hour", "kilowatt hours"}),
            Map.entry("kW", new String[]{"kilowatt", "kilowatts"}),
            Map.entry("MW", new String[]{"megawatt", "megawatts"}),
            Map.entry("ms", new String[]{"millisecond", "milliseconds"}),
            Map.entry("ns", new String[]{"nanosecond", "nanoseconds"}),
            Map.entry("µs", new String[]{"microsecond", "microseconds"}),
            Map.entry("min", new String[]{"minute", "minutes"}),
            Map.entry("hr", new String[]{"hour", "hours"}),
            Map.entry("hrs", new String[]{"hour", "hours"}),
            Map.entry("ml", new String[]{"milliliter", "milliliters"}),
            Map.entry("mL", new String[]{"milliliter", "milliliters"}),
            Map.entry("°C", new String[]{"degree Celsius", "degrees Celsius"}),
            Map.entry("°F", new String[]{"degree Fahrenheit", "degrees Fahrenheit"}),
            Map.entry("°", new String[]{"degree", "degrees"}),
            Map.entry("x", new String[]{"times", "times"}),
            Map.entry("px", new String[]{"pixel", "pixels"}));

    /**
     * British spellings the engines' US lexicons mispronounce (flite reads "tyres" as "t-eye-r-z", "litre" as
     * "lit-r"), sent in their US spelling: same word, same meaning, now said right. Measured with flite's
     * {@code t2p}; words whose British spelling the lexicon already says right (colour, centre, organise) are left.
     */
    private static final Map<String, String> US_SPELLING = Map.ofEntries(
            Map.entry("tyre", "tire"), Map.entry("tyres", "tires"), Map.entry("tyred", "tired"),
            Map.entry("metre", "meter"), Map.entry("metres", "meters"),
            Map.entry("kilometre", "kilometer"), Map.entry("kilometres", "kilometers"),
            Map.entry("centimetre", "centimeter"), Map.entry("centimetres", "centimeters"),
            Map.entry("millimetre", "millimeter"), Map.entry("millimetres", "millimeters"),
            Map.entry("litre", "liter"), Map.entry("litres", "liters"),
            Map.entry("millilitre", "milliliter"), Map.entry("millilitres", "milliliters"),
            Map.entry("calibre", "caliber"), Map.entry("manoeuvre", "maneuver"), Map.entry("manoeuvres", "maneuvers"),
            Map.entry("realise", "realize"), Map.entry("realised", "realized"), Map.entry("realises", "realizes"),
            Map.entry("analyse", "analyze"), Map.entry("analysed", "analyzed"), Map.entry("analyses", "analyzes"),
            Map.entry("licence", "license"), Map.entry("licences", "licenses"),
            Map.entry("sceptical", "skeptical"), Map.entry("moustache", "mustache"),
            Map.entry("paediatric", "pediatric"), Map.entry("oestrogen", "estrogen"));
    private static final Pattern BRITISH_WORD = Pattern.compile("(?i)\\b(?:" + String.join("|",
            US_SPELLING.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) + ")\\b");

    private static final Map<String, String> CURRENCIES = Map.of(
            "$", "dollar", "€", "euro", "£", "pound", "¥", "yen");

    private static final Pattern LIST_MARKER = Pattern.compile(
            "(?m)^[ \\t]*(?:[-*•·▪◦‣–]|\\(?\\d{1,2}[.)]|\\(?[a-z][.)])[ \\t]+");
    private static final Pattern LINE_WITHOUT_STOP = Pattern.compile("(?<=[\\p{L}\\p{N})\"'”’])[ \\t]*\\R+");
    private static final Pattern EMAIL = Pattern.compile("\\b([\\w.+-]+)@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)\\b");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s()<>\\[\\]\"]*[^\\s()<>\\[\\]\".,;:!?']");
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "\\b((?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|edu|gov|co|uk|de|fr|ai|app))\\b");
    private static final Pattern SPECIAL_NAMES = Pattern.compile("(?<![\\w+#])(C\\+\\+|C#|F#|Wi-Fi|WiFi|iOS)(?![\\w+#])");
    private static final Pattern GENERIC = Pattern.compile("\\b([A-Za-z_][\\w]*)<([^<>]{1,60})>");
    private static final Pattern MUT_REFERENCE = Pattern.compile("&mut\\s+");
    private static final Pattern REFERENCE = Pattern.compile("&(?=[A-Za-z_'])");
    private static final Pattern PATH_SEPARATOR = Pattern.compile("(?<=\\w)::(?=\\w)");
    private static final Pattern EMPTY_CALL = Pattern.compile("(?<=\\w)\\(\\)");
    private static final Pattern ARROW = Pattern.compile("\\s*(?:->|=>|→|⟶)\\s*");
    private static final Pattern SNAKE = Pattern.compile("\\b_*([A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+)_*\\b");
    private static final Pattern CAMEL = Pattern.compile("\\b(?!Mc|Mac[A-Z])[A-Za-z]*[a-z][A-Z][A-Za-z]*\\b|\\b(?![A-Z]{2,}s\\b)[A-Z]{2,}[a-z][A-Za-z]*\\b");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final Pattern MEMBER = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)\\b(?!\\.\\w)");
    private static final Pattern TIME = Pattern.compile(
            "\\b([01]?\\d|2[0-3]):([0-5]\\d)(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?(?![\\w]))?");
    private static final Pattern HOUR_MERIDIEM = Pattern.compile("\\b(1[0-2]|0?[1-9])\\s*([AaPp])\\.?\\s?[Mm]\\.?(?!\\w)");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(1\\d{3}|20\\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b(" + MONTHS + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.? ([12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\\b"
                    + "(?:,? ((?:1\\d|20)\\d{2})\\b)?");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b([12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)? (" + MONTHS + ")\\b(?:,? ((?:1\\d|20)\\d{2})\\b)?");
    private static final Pattern MONTH_ABBREVIATION = Pattern.compile(
            "\\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.(?= \\d)");
    private static final Pattern NUMBER_TEXT = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern CURRENCY = Pattern.compile(
            "([$€£¥])\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?((?i:thousand|million|billion|trillion)|bn|[mkMBK])\\b)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?)\\s?(?:%|percent\\b|per cent\\b)");
    private static final Pattern RANGE = Pattern.compile(
            "(?<![\\w.,-])(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?[–—]\\s?|-)(\\d[\\d,]*(?:\\.\\d+)?)(?![\\d-]|\\.\\d)");
    private static final Pattern ORDINAL = Pattern.compile("\\b(\\d+)(st|nd|rd|th)\\b");
    private static final Pattern DECADE = Pattern.compile("(?<![\\w'’])(1\\d|20)?(\\d0)['’]?s\\b|['’](\\d0)s\\b");
    private static final Pattern NUMBER_HYPHEN_WORD = Pattern.compile("(?<=\\d)-(?=[A-Za-z])");
    private static final Pattern UNIT;
    private static final Pattern FRACTION = Pattern.compile("(?<![\\d/])\\b([1-9])/([2-9]|1[0-2])\\b(?![\\d/])");
    private static final Pattern HASH_NUMBER = Pattern.compile("#(?=\\d)");
    private static final Pattern VERSION = Pattern.compile("\\b[vV]?(\\d+(?:\\.\\d+){2,})\\b");
    private static final Pattern LETTERS_DIGITS = Pattern.compile("(?<=[A-Za-z])(?=\\d)|(?<=\\d)(?=[A-Za-z])");
    private static final Pattern MIXED_TOKEN = Pattern.compile("\\b(?=[A-Za-z]*\\d)(?=\\d*[A-Za-z])[A-Za-z\\d]+\\b");
    private static final Pattern ACRONYM = Pattern.compile("\\b([A-Z]{2,6})(s?)\\b");
    private static final Pattern DOTTED_ACRONYM = Pattern.compile("\\b((?:[A-Z]\\.){2,})(?=[\\s,;:!?)]|$)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(-)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?![\\w])");
    private static final Pattern SPACED_DASH = Pattern.compile("\\s+[-–—]\\s+|\\s*—\\s*|\\s+--\\s+");
    private static final Pattern ELLIPSIS = Pattern.compile("\\s*(?:…|\\.\\.\\.)\\s*");
    private static final Pattern WORD_SLASH = Pattern.compile("(?<=[A-Za-z])/(?=[A-Za-z])");
    private static final Pattern OPEN_BRACKET = Pattern.compile("\\s*[(\\[{]\\s*");
    private static final Pattern CLOSE_BRACKET = Pattern.compile("\\s*[)\\]}]");
    private static final Pattern CLAUSE_MARK = Pattern.compile("\\s*[;:]\\s+");
    private static final Pattern DROPPED = Pattern.compile("[`*_|\\\\^~<>#\"“”„«»]");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.!?])");
    private static final Pattern COMMA_BEFORE_STOP = Pattern.compile(",+\\s*([.!?])");
    private static final Pattern COMMAS = Pattern.compile(",(?:\\s*,)+");
    private static final Pattern LEADING_COMMA = Pattern.compile("^[\\s,]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static {
        List<String> units = new ArrayList<>(UNITS.keySet());
        units.sort((a, b) -> b.length() - a.length());
        String alternatives = String.join("|", units.stream().map(Pattern::quote).toList());
        UNIT = Pattern.compile("(?<![\\w.])(\\d[\\d,]*(?:\\.\\d+)?)\\s?(" + alternatives + ")(?![\\w/])");
    }

    private SpeechNormalizer() {
    }

    /** What an engine should be sent for {@code text} written in {@code language} (a BCP-47 tag; null = English). */
    public static String normalize(String text, String language) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text.strip();
        }
        Matcher phonemes = PHONEMES.matcher(text);
        if (phonemes.find()) {
            // Phoneme spans from a pronunciation lexicon (eSpeak NG [[…]], SSML <phoneme>/<sub> for Polly) are what
            // the engine must read: kept as is, the text around them normalized. Placeholders keep the sentence whole
            // for the rules.
            List<String> spans = new ArrayList<>();
            StringBuilder masked = new StringBuilder();
            int last = 0;
            do {
                masked.append(text, last, phonemes.start()).append(" phonemespan").append(placeholder(spans.size()))
                        .append(' ');
                spans.add(phonemes.group());
                last = phonemes.end();
            } while (phonemes.find() && spans.size() < 26 * 26);
            masked.append(text.substring(last));
            String normalized = normalizePlain(masked.toString(), language);
            for (int i = 0; i < spans.size(); i++) {
                normalized = normalized.replace("phonemespan" + placeholder(i), spans.get(i));
            }
            return normalized;
        }
        return normalizePlain(text, language);
    }

    /** Two lower-case letters naming the {@code i}-th kept span (aa, ab, …). */
    private static String placeholder(int i) {
        return "" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    private static final Pattern PHONEMES = Pattern.compile("\\[\\[[^\\]]*]]"
            + "|<phoneme alphabet=\"ipa\" ph=\"[^\"<>]*\">[^<>]*</phoneme>|<sub alias=\"[^\"<>]*\">[^<>]*</sub>");

    private static String normalizePlain(String text, String language) {
        String primary = language == null || language.isBlank() ? "en"
                : language.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        String s = text.replace('\u00a0', ' ').replace('’', '\'').replace('‘', '\'');
        s = LIST_MARKER.matcher(s).replaceAll("");
        s = LINE_WITHOUT_STOP.matcher(s).replaceAll(". ");
        if (!primary.equals("en")) {
            s = DROPPED.matcher(s).replaceAll(" ");
            return tidy(s);
        }
        s = english(s);
        return tidy(s);
    }

    /** The number rules alone (money, percentages, ordinals, decades, years, plain numbers) as words, in English. */
    public static String numbersAsWords(String text) {
        String s = CURRENCY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(money(m)));
        s = PERCENT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(number(m.group(1)) + " percent"));
        s = ORDINAL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(ordinal(Long.parseLong(m.group(1)))));
        s = DECADE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(decade(m)));
        return NUMBER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(plainNumber(m)));
    }

    private static String english(String text) {
        String s = text;
        s = EMAIL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                sayAddressPart(m.group(1)) + " at " + sayAddressPart(m.group(2))));
        s = URL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(sayUrl(m.group())));
        s = BARE_DOMAIN.matcher(s).replaceAll(m -> Matcher.quoteReplacement(sayAddressPart(m.group(1))));
        s = SPECIAL_NAMES.matcher(s).replaceAll(m -> Matcher.quoteReplacement(SAID_DIFFERENTLY.get(m.group(1))));
        s = BRITISH_WORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(usSpelling(m.group())));
        s = abbreviations(s);
        s = dates(s);
        s = times(s);
        s = code(s);
        s = VERSION.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                (m.group().toLowerCase(Locale.ROOT).startsWith("v") ? "version " : "")
                        + String.join(" point ", List.of(m.group(1).split("\\.")).stream()
                        .map(SpeechNormalizer::number).toList())));
        s = RANGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(range(m)));
        s = CURRENCY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(money(m)));
        s = PERCENT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(number(m.group(1)) + " percent"));
        s = ORDINAL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(ordinal(Long.parseLong(m.group(1)))));
        s = DECADE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(decade(m)));
        s = NUMBER_HYPHEN_WORD.matcher(s).replaceAll(" ");
        s = FRACTION.matcher(s).replaceAll(m -> Matcher.quoteReplacement(fraction(m)));
        s = UNIT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(unit(m)));
        s = HASH_NUMBER.matcher(s).replaceAll("number ");
        s = MIXED_TOKEN.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                LETTERS_DIGITS.matcher(m.group()).replaceAll(" ")));
        s = DOTTED_ACRONYM.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                spell(m.group(1).replace(".", ""))));
        s = ACRONYM.matcher(s).replaceAll(m -> Matcher.quoteReplacement(acronym(m.group(1), m.group(2))));
        s = NUMBER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(plainNumber(m)));
        s = symbols(s);
        return s;
    }

    private static String usSpelling(String word) {
        String us = US_SPELLING.get(word.toLowerCase(Locale.ROOT));
        if (word.equals(word.toUpperCase(Locale.ROOT)) && word.length() > 1) {
            return us.toUpperCase(Locale.ROOT);
        }
        return Character.isUpperCase(word.charAt(0)) ? Character.toUpperCase(us.charAt(0)) + us.substring(1) : us;
    }

    // ---- abbreviations -------------------------------------------------------------------------------------

    private record Abbreviation(Pattern pattern, String spoken) {
    }

    private static final List<Abbreviation> ABBREVIATIONS = List.of(
            abbreviation("\\be\\.\\s?g\\.(?=\\s|,|$)|\\beg\\.(?=\\s)", "for example"),
            abbreviation("\\bi\\.\\s?e\\.(?=\\s|,|$)", "that is"),
            abbreviation("\\betc\\.", "et cetera."),
            abbreviation("\\bvs\\.?(?=\\s)", "versus"),
            abbreviation("\\bcf\\.(?=\\s)", "compare"),
            abbreviation("\\bapprox\\.(?=\\s)", "approximately"),
            abbreviation("\\bDr\\.(?=\\s[A-Z])", "Doctor"),
            abbreviation("\\bMr\\.(?=\\s)", "Mister"),
            abbreviation("\\bMrs\\.(?=\\s)", "Missus"),
            abbreviation("\\bMs\\.(?=\\s)", "Miz"),
            abbreviation("\\bProf\\.(?=\\s)", "Professor"),
            abbreviation("\\bSt\\.(?=\\s[A-Z][a-z])", "Saint"),
            abbreviation("(?<=[A-Z][a-z]{1,20} )St\\.", "Street."),
            abbreviation("(?<=[A-Z][a-z]{1,20} )Ave\\.", "Avenue."),
            abbreviation("\\bMt\\.(?=\\s[A-Z])", "Mount"),
            abbreviation("\\bJr\\.", "Junior."),
            abbreviation("\\bInc\\.", "Incorporated."),
            abbreviation("\\bLtd\\.", "Limited."),
            abbreviation("\\bNo\\.(?=\\s?\\d)", "number"),
            abbreviation("\\b[Ff]igs?\\.(?=\\s?\\d)", "figure"),
            abbreviation("\\bch\\.(?=\\s?\\d)", "chapter"),
            abbreviation("\\bp\\.(?=\\s?\\d)", "page"),
            abbreviation("\\bpp\\.(?=\\s?\\d)", "pages"),
            abbreviation("\\bU\\.S\\.A?\\.?(?=\\s[a-z])", "U S"),
            abbreviation("\\bw/(?=\\s)", "with"));

    private static Abbreviation abbreviation(String regex, String spoken) {
        return new Abbreviation(Pattern.compile(regex), spoken);
    }

    private static String abbreviations(String text) {
        String s = text;
        for (Abbreviation a : ABBREVIATIONS) {
            Matcher m = a.pattern().matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String spoken = a.spoken();
                String rest = s.substring(m.end());
                boolean endsSentence = rest.isBlank() || rest.matches("(?s)\\s+[A-Z\"'].*");
                if (spoken.endsWith(".") && !endsSentence) {
                    spoken = spoken.substring(0, spoken.length() - 1);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(spoken));
            }
            m.appendTail(out);
            s = out.toString();
        }
        return MONTH_ABBREVIATION.matcher(s).replaceAll(m -> MONTH_ABBREVIATIONS.get(m.group(1)));
    }

    // ---- code -----------------------------------------------------------------------------------------------

    private static String code(String text) {
        String s = text;
        for (int i = 0; i < 3; i++) {
            String next = GENERIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " of " + m.group(2)));
            if (next.equals(s)) {
                break;
            }
            s = next;
        }
        s = MUT_REFERENCE.matcher(s).replaceAll("mutable reference to ");
        s = REFERENCE.matcher(s).replaceAll("reference to ");
        s = PATH_SEPARATOR.matcher(s).replaceAll(" ");
        s = EMPTY_CALL.matcher(s).replaceAll("");
        s = ARROW.matcher(s).replaceAll(" to ");
        s = SNAKE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1).replaceAll("_+", " ")));
        s = MEMBER.matcher(s).replaceAll("$1 dot $2");
        s = CAMEL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(SAID_DIFFERENTLY.getOrDefault(m.group(),
                CAMEL_BOUNDARY.matcher(m.group()).replaceAll(" "))));
        return s;
    }

    private static String sayUrl(String url) {
        String host = url.replaceFirst("(?i)^https?://", "").replaceFirst("(?i)^www\\.", "");
        host = host.split("[/?#:]", 2)[0];
        return sayAddressPart(host);
    }

    private static String sayAddressPart(String part) {
        return part.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ")
                .replace("+", " plus ").strip();
    }

    // ---- dates and times ---------------------------------------------------------------------------------

    private static String dates(String text) {
        String s = ISO_DATE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                MONTH_NAMES.get(Integer.parseInt(m.group(2)) - 1) + " " + ordinal(Integer.parseInt(m.group(3)))
                        + ", " + year(Integer.parseInt(m.group(1)))));
        s = MONTH_DAY.matcher(s).replaceAll(m -> {
            String month = MONTH_ABBREVIATIONS.getOrDefault(m.group(1), m.group(1));
            String spoken = month + " " + ordinal(Integer.parseInt(m.group(2)));
            if (m.group(3) != null) {
                spoken += ", " + year(Integer.parseInt(m.group(3)));
            }
            return Matcher.quoteReplacement(spoken);
        });
        return DAY_MONTH.matcher(s).replaceAll(m -> {
            String spoken = "the " + ordinal(Integer.parseInt(m.group(1))) + " of " + m.group(2);
            if (m.group(3) != null) {
                spoken += ", " + year(Integer.parseInt(m.group(3)));
            }
            return Matcher.quoteReplacement(spoken);
        });
    }

    private static String times(String text) {
        String s = TIME.matcher(text).replaceAll(m -> {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            String spoken = cardinal(hour);
            if (minute == 0) {
                spoken += m.group(3) == null ? " o'clock" : "";
            } else if (minute < 10) {
                spoken += " oh " + cardinal(minute);
            } else {
                spoken += " " + cardinal(minute);
            }
            if (m.group(3) != null) {
                spoken += m.group(3).equalsIgnoreCase("a") ? " A M" : " P M";
            }
            return Matcher.quoteReplacement(spoken);
        });
        return HOUR_MERIDIEM.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                cardinal(Integer.parseInt(m.group(1))) + (m.group(2).equalsIgnoreCase("a") ? " A M" : " P M")));
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    private static String range(MatchResult m) {
        String from = m.group(1);
        String to = m.group(2);
        // A hyphen between two plain long digit runs is more likely an identifier (phone, ISBN) than a range.
        if (from.length() > 4 && to.length() > 4 && !from.contains(",")) {
            return m.group();
        }
        return from + " to " + to;
    }

    private static String money(MatchResult m) {
        String currency = CURRENCIES.get(m.group(1));
        String amount = m.group(2).replace(",", "");
        String scale = m.group(3) == null ? null : switch (m.group(3).length() > 2 ? m.group(3).toLowerCase(Locale.ROOT) : m.group(3)) {
            case "k", "K", "thousand" -> "thousand";
            case "m", "M", "million" -> "million";
            case "bn", "B", "billion" -> "billion";
            case "trillion" -> "trillion";
            default -> null;
        };
        String plural = currency.equals("yen") ? currency : currency + "s";
        if (scale != null) {
            return number(amount) + " " + scale + " " + plural;
        }
        String[] parts = amount.split("\\.", 2);
        boolean cents = parts.length == 2 && parts[1].length() == 2 && !currency.equals("yen");
        if (cents) {
            long whole = Long.parseLong(parts[0]);
            int hundredths = Integer.parseInt(parts[1]);
            String main = cardinal(whole) + " " + (whole == 1 ? currency : plural);
            if (hundredths == 0) {
                return main;
            }
            String sub = currency.equals("pound") ? (hundredths == 1 ? "penny" : "pence")
                    : hundredths == 1 ? "cent" : "cents";
            return (whole == 0 ? "" : main + " and ") + cardinal(hundredths) + " " + sub;
        }
        return number(amount) + " " + (amount.equals("1") ? currency : plural);
    }

    private static String unit(MatchResult m) {
        String[] names = UNITS.get(m.group(2));
        String amount = m.group(1);
        return number(amount) + " " + (amount.equals("1") ? names[0] : names[1]);
    }

    private static String fraction(MatchResult m) {
        int numerator = Integer.parseInt(m.group(1));
        int denominator = Integer.parseInt(m.group(2));
        String name = switch (denominator) {
            case 2 -> numerator == 1 ? "half" : "halves";
            case 4 -> numerator == 1 ? "quarter" : "quarters";
            default -> ordinal(denominator) + (numerator == 1 ? "" : "s");
        };
        return cardinal(numerator) + " " + name;
    }

    private static String decade(MatchResult m) {
        if (m.group(3) != null) {
            return plural(cardinal(Integer.parseInt(m.group(3))));
        }
        int value = Integer.parseInt((m.group(1) == null ? "" : m.group(1)) + m.group(2));
        return plural(m.group(1) == null ? cardinal(value) : year(value));
    }

    private static String plural(String words) {
        if (words.endsWith("y")) {
            return words.substring(0, words.length() - 1) + "ies";
        }
        return words + (words.endsWith("s") ? "es" : "s");
    }

    /** A number as written ({@code 1,200}, {@code 3.5}, {@code 2024}) in words. */
    private static String number(String written) {
        Matcher m = NUMBER.matcher(written);
        return m.matches() ? plainNumber(m) : written;
    }

    private static String plainNumber(MatchResult m) {
        String sign = m.group(1) == null ? "" : "minus ";
        String whole = m.group(2);
        String fraction = m.group(3);
        String digits = whole.replace(",", "");
        if (fraction == null && digits.length() > 1 && digits.startsWith("0") || digits.length() > 15) {
            return sign + spellDigits(digits);
        }
        long value = Long.parseLong(digits);
        String words;
        if (fraction == null && !whole.contains(",") && digits.length() == 4 && value >= 1100 && value <= 2099
                && sign.isEmpty()) {
            words = year((int) value);
        } else {
            words = cardinal(value);
        }
        if (fraction != null) {
            words += " point " + spellDigits(fraction);
        }
        return sign + words;
    }

    private static String spellDigits(String digits) {
        List<String> words = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            words.add(c == '0' && digits.length() > 1 ? "zero" : cardinal(c - '0'));
        }
        return String.join(" ", words);
    }

    static String cardinal(long value) {
        return spell(value, "%spellout-numbering");
    }

    static String ordinal(long value) {
        return spell(value, "%spellout-ordinal");
    }

    static String year(int value) {
        return spell(value, "%spellout-numbering-year");
    }

    private static String spell(long value, String ruleSet) {
        return SPELLOUT.get().format(value, ruleSet).replace('-', ' ').replace(",", "");
    }

    // ---- acronyms and symbols ----------------------------------------------------------------------------

    private static String acronym(String letters, String pluralS) {
        String said = SAID_DIFFERENTLY.get(letters);
        if (said != null) {
            return said + pluralS;
        }
        if (SAID_AS_WORDS.contains(letters)) {
            return letters.charAt(0) + letters.substring(1).toLowerCase(Locale.ROOT) + pluralS;
        }
        return spell(letters) + (pluralS.isEmpty() ? "" : "'s");
    }

    private static String spell(String letters) {
        return String.join(" ", letters.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    private static String symbols(String text) {
        String s = text;
        s = SPACED_DASH.matcher(s).replaceAll(", ");
        s = ELLIPSIS.matcher(s).replaceAll(", ");
        s = s.replace("and/or", "and or");
        s = WORD_SLASH.matcher(s).replaceAll(" or ");
        s = s.replace("&", " and ").replace("%", " percent").replace("+", " plus ").replace("=", " equals ")
                .replace("×", " times ").replace("≈", " about ").replace("≤", " at most ").replace("≥", " at least ")
                .replace("§", " section ").replace("@", " at ").replace("°", " degrees").replace("/", " ");
        s = s.replaceAll("~(?=\\s?\\d|\\s?[a-z])", "about ");
        s = OPEN_BRACKET.matcher(s).replaceAll(", ");
        s = CLOSE_BRACKET.matcher(s).replaceAll(",");
        s = CLAUSE_MARK.matcher(s).replaceAll(", ");
        s = DROPPED.matcher(s).replaceAll(" ");
        return s;
    }

    private static String tidy(String text) {
        String s = WHITESPACE.matcher(text).replaceAll(" ");
        s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1");
        s = COMMA_BEFORE_STOP.matcher(s).replaceAll("$1");
        s = COMMAS.matcher(s).replaceAll(",");
        s = LEADING_COMMA.matcher(s).replaceAll("");
        s = s.strip();
        if (s.endsWith(",")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty() && !s.matches("(?s).*[.!?]['\")]*$")) {
            s += ".";
        }
        return s;
    }
}

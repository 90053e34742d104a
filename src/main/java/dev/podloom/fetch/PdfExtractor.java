package dev.podloom.fetch;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Readable text from a PDF, page by page, with paragraphs rejoined and end-of-line hyphenation undone. */
final class PdfExtractor {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…:][\"'”’)]*$");

    private PdfExtractor() {
    }

    static SourceDocument extract(String origin, byte[] body) {
        try (PDDocument pdf = Loader.loadPDF(body)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            // Mark PDFBox's detected paragraph boundaries with a blank line so they survive into the text.
            stripper.setParagraphEnd("\n");
            List<String> paragraphs = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                List<String> pageParagraphs = paragraphs(stripper.getText(pdf));
                // A paragraph cut by a page break continues on the next page.
                if (!paragraphs.isEmpty() && !pageParagraphs.isEmpty()
                        && !SENTENCE_END.matcher(paragraphs.getLast()).find()) {
                    paragraphs.set(paragraphs.size() - 1, joinLines(paragraphs.getLast(), pageParagraphs.removeFirst()));
                }
                paragraphs.addAll(pageParagraphs);
            }
            String title = pdf.getDocumentInformation().getTitle();
            if ((title == null || title.isBlank()) && !paragraphs.isEmpty() && looksLikeTitle(paragraphs.getFirst())) {
                title = paragraphs.removeFirst();
            }
            return ContentExtractor.document(origin, title, List.of(new Section(null, paragraphs)));
        } catch (IOException e) {
            throw new PipelineException(FailureCode.NO_READABLE_TEXT, origin + " could not be read as a PDF: " + e.getMessage(),
                    e);
        }
    }

    static boolean looksLikeTitle(String line) {
        return line.split("\\s+").length <= 15 && !SENTENCE_END.matcher(line).find();
    }

    private static List<String> paragraphs(String pageText) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : PARAGRAPH_BREAK.split(pageText.replace("\r\n", "\n"))) {
            String paragraph = "";
            for (String line : block.split("\n")) {
                paragraph = joinLines(paragraph, line.strip());
            }
            if (!paragraph.isBlank()) {
                paragraphs.add(paragraph);
            }
        }
        return new ArrayList<>(paragraphs);
    }

    /** Joins two lines, undoing a hyphen that only split a word across them ("bicy-" + "cle"). */
    static String joinLines(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        if (first.endsWith("-") && first.length() > 1 && Character.isLetter(first.charAt(first.length() - 2))
                && Character.isLowerCase(second.charAt(0))) {
            return first.substring(0, first.length() - 1) + second;
        }
        return first + " " + second;
    }
}

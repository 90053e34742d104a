package dev.podloom.fetch;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Small PDFs made on the fly, so the tests need no binary fixtures. */
final class PdfFixtures {

    static final String TITLE = "Annual Report on Urban Cycling";

    private PdfFixtures() {
    }

    /**
     * Two pages; the first paragraph breaks "infrastructure" with a hyphen at a line end, and the document info
     * carries the title.
     */
    static byte[] twoPageReport() throws IOException {
        return pdf(TITLE, List.of(
                List.of(List.of(
                        "Cycling in the city grew for the fourth year in a row, according to counts taken at",
                        "forty locations across the centre. Most of the growth came from commuters, who",
                        "responded to new protected lanes and better parking with a steady rise in infra-",
                        "structure use during the morning peak."), List.of(
                        "Weekend leisure riding grew more slowly. Counters on the river path recorded",
                        "similar numbers to the previous year, with a small increase in families riding",
                        "together on sunny Sunday afternoons.")),
                List.of(List.of(
                        "The council plans to extend the network of protected lanes to three more",
                        "districts next year. Officers expect the new routes to attract riders who do not",
                        "currently feel safe cycling alongside heavy traffic, especially older residents",
                        "and parents taking children to school."))));
    }

    /** Pages of paragraphs of lines; a wide gap between paragraphs lets PDFBox detect them. */
    static byte[] pdf(String title, List<List<List<String>>> pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (title != null) {
                document.getDocumentInformation().setTitle(title);
            }
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<List<String>> paragraphs : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(60, 720);
                    for (List<String> paragraph : paragraphs) {
                        for (String line : paragraph) {
                            content.showText(line);
                            content.newLineAtOffset(0, -14);
                        }
                        content.newLineAtOffset(0, -28);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}

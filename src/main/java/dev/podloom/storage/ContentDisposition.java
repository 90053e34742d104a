package dev.podloom.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition: inline} with a file name that survives any characters (RFC 6266, RFC 8187). */
final class ContentDisposition {

    private ContentDisposition() {
    }

    static String inline(String fileName) {
        // The quoted form is for old clients: plain ASCII, no quotes or backslashes.
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

package dev.podloom.storage;

import java.util.regex.Pattern;

/**
 * The one rule for object keys, shared by every store: slash-separated segments of letters, digits,
 * '.', '_' and '-', each starting with a letter or digit. This keeps keys safe as file paths (no
 * {@code ..}, no absolute paths, no hidden files) and as URL paths (nothing to escape).
 */
public final class ObjectKeys {

    private static final int MAX_LENGTH = 512;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private ObjectKeys() {
    }

    public static boolean isValid(String key) {
        return key != null && key.length() <= MAX_LENGTH && KEY.matcher(key).matches();
    }

    public static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("Invalid object key: " + key);
        }
        return key;
    }

    /** The last path segment, the natural download name of an object. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}

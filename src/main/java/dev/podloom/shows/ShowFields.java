package dev.podloom.shows;

/** The editable fields of a show, validated; optional ones are null when unset. */
record ShowFields(String title, String description, String language, String author, String category,
                  boolean explicit, String ownerEmail, String introText, String outroText) {
}

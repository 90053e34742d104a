/** Speech-oriented text normalization: what a turn's written text sounds like, as words an engine can say. */
package dev.podloom.normalize;

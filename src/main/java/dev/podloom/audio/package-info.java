/**
 * Turns synthesized turns into a finished episode: pauses, loudness mastering (−16 LUFS, ≤ −1 dBTP),
 * MP3 encoding with ID3v2 tags and chapters, a WebVTT transcript and JSON chapters.
 */
package dev.podloom.audio;

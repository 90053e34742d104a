/**
 * Turns synthesized turns into a finished episode: pauses, loudness mastering (−16 LUFS, ≤ −1 dBTP),
 * MP3 encoding with ID3v2 tags and chapters, a WebVTT transcript and JSON chapters; a show's intro, outro and
 * ducked music bed mixed around the speech; WAV and MP3 files read in Java.
 */
package dev.podloom.audio;

/**
 * Offline text-to-speech engines (FreeTTS in-process, Debian {@code flite} and {@code espeak-ng} as processes)
 * and the {@link dev.podloom.speech.VoiceCatalog} that picks voices per language and knows how fast each speaks.
 */
package dev.podloom.speech;

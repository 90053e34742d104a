/**
 * Speech engines: offline ones (FreeTTS in-process, Debian {@code flite} and {@code espeak-ng} as processes) and
 * provider engines offered when configured (OpenAI-compatible, Gemini, ElevenLabs, Amazon Polly) behind one
 * {@link dev.podloom.speech.ProviderGate}; the {@link dev.podloom.speech.VoiceCatalog} that picks voices per
 * language and knows how fast each speaks; and {@link dev.podloom.speech.DialogueAlignment}, which finds the
 * turns in a whole-dialogue engine's audio.
 */
package dev.podloom.speech;

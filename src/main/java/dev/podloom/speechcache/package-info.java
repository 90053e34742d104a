/**
 * The synthesis cache: speech already made (engine, model, voice, settings, normalized text, lexicon version) kept
 * in the object store and indexed in SQL, so a re-render (a revision) pays only for the turns that changed.
 */
package dev.podloom.speechcache;

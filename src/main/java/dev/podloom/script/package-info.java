/**
 * Script writing: {@link dev.podloom.script.ExtractiveScriptWriter} builds an offline, deterministic dialogue whose
 * content lines are sentences taken verbatim from the sources, ranked by centrality and fitted to a word budget; the
 * language-model writer (through {@code dev.podloom.llm}) writes an outlined, cited dialogue from the same numbered
 * sentences; {@link dev.podloom.script.ScriptWriterSelection} picks one per request ({@code script_writer}).
 */
package dev.podloom.script;

/**
 * Script writing: {@link dev.podloom.script.ExtractiveScriptWriter} builds an offline, deterministic dialogue whose
 * content lines are sentences taken verbatim from the sources, ranked by centrality and fitted to a word budget.
 */
package dev.podloom.script;

/**
 * The {@code render} command: one episode from the command line, built from the same pipeline classes the API
 * uses, with plain constructors (no application context, no database).
 */
package dev.podloom.cli;

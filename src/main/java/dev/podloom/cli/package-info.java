/**
 * The {@code render} command: one episode from the command line, built from the same pipeline classes the API
 * uses, with plain constructors (no application context, no database); and {@code aot-training}, the build's
 * training run for the JDK's AOT cache.
 */
package dev.podloom.cli;

/**
 * How the process starts. The {@code render} command: one episode from the command line, built from the same
 * pipeline classes the API uses, with plain constructors (no application context, no database);
 * {@code aot-training}, the build's training run for the JDK's AOT cache; and, for the service itself, the
 * Micronaut builder ({@link dev.podloom.cli.ServiceLauncher}), its class-path resource loader, the early opening of
 * the embedded database ({@link dev.podloom.cli.EmbeddedDatabaseOpener}) and the logging set up in code
 * ({@link dev.podloom.cli.LogbackConfigurator}).
 */
package dev.podloom.cli;

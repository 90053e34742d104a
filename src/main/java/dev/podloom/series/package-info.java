/**
 * A series from one prompt: a language model plans the episodes (charged as one script), then each episode becomes
 * its own podcast, charged when it starts and published to the show in order, driven by db-scheduler jobs so it
 * survives restarts and runs on any node; a short balance pauses it until credits are added.
 */
package dev.podloom.series;

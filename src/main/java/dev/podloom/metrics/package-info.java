/**
 * Operational figures for Prometheus ({@code /metrics}) and the readiness checks. {@link
 * dev.podloom.metrics.PodloomMetrics} is the small API the rest of the code calls (credits, renders,
 * webhooks); {@link dev.podloom.metrics.ProviderCalls} is the one every outside provider (cloud speech,
 * language models) wraps its HTTP calls in, so all providers report under the same names and tags.
 */
package dev.podloom.metrics;

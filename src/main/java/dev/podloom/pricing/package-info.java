/**
 * What things cost: the rules from pricing-rules.yaml, and the one pure function that turns a
 * request into a quote — used both to estimate and to charge.
 */
package dev.podloom.pricing;

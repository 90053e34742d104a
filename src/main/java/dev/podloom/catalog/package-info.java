/** What clients may ask for: the voices, styles and languages this installation can actually produce. */
package dev.podloom.catalog;

/** Small value types every feature uses; JDK only. */
package dev.podloom.shared;

/**
 * Shows: a title, artwork, their own intro, outro and music bed, and an ordered list of episodes (completed
 * podcasts), published as a public RSS feed with stable media URLs that podcast apps can subscribe to.
 */
package dev.podloom.shows;

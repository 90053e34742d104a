/**
 * Where finished episodes live and how listeners reach them: an {@link dev.podloom.storage.ObjectStore}
 * on the local disk (links signed by the app and served by {@link dev.podloom.storage.LocalFileController})
 * or in any S3-compatible bucket (links presigned by S3).
 */
package dev.podloom.storage;

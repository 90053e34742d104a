package dev.podloom.storage;

/** Thrown when an object is read that is not (or no longer) in the store. */
public final class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
        super("No object stored under key " + key);
    }
}

package dev.groundwork.dynamodb;

import java.nio.file.Path;

/**
 * Another server, in this process or another, holds the data directory: two servers on one directory would each
 * rewrite the snapshot and delete the journal the other appends to.
 */
public final class DataDirectoryInUseException extends IllegalStateException {
    private final Path directory;

    public DataDirectoryInUseException(Path directory) {
        super("The data directory " + directory + " is in use by another embedded DynamoDB server");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}

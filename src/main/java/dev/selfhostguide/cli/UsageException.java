package dev.selfhostguide.cli;

/** A command line the tool does not understand: exit code 2 with a one-line hint. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}

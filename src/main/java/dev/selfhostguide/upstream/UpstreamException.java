package dev.selfhostguide.upstream;

/** A repository that cannot be read as asked (no such folder, commit or git); printed as one line. */
public final class UpstreamException extends Exception {

    public UpstreamException(String message) {
        super(message);
    }
}

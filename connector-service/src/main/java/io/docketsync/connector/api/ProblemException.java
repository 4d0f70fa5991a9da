package io.docketsync.connector.api;

/** Ends a request with a problem response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public Problem problem() {
        return Problem.of(status, title, getMessage());
    }
}

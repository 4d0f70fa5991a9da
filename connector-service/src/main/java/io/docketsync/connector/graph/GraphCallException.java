package io.docketsync.connector.graph;

/** Graph answered an error (status and Graph's error code), or could not be reached (status 0). */
public class GraphCallException extends RuntimeException {
    private final int status;
    private final String code;

    public GraphCallException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean notFound() {
        return status == 404;
    }
}

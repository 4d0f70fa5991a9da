package io.docketsync.sync.domain;

import java.time.Duration;

/** A Graph write that failed, classified for the writer: wait and retry, or give up with Graph's reason. */
public class GraphWriteException extends RuntimeException {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public GraphWriteException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 429 and 503 are Graph asking us to slow down; they pass. Everything else is Graph's final word. */
    public boolean transientFailure() {
        return status == 429 || status == 503 || status == 504 || status == 0;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String reason() {
        return (code == null ? "HTTP " + status : code) + ": " + getMessage();
    }
}

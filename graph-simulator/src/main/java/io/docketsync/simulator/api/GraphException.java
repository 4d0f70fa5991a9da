package io.docketsync.simulator.api;

import java.util.Map;

/** A failure answered in Graph's error shape: status, Graph's error code and message, extra headers. */
public class GraphException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public GraphException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public GraphException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static GraphException itemNotFound() {
        return new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    /** Graph's answer for a mailbox that is not in Exchange Online (on-premises, inactive, unlicensed). */
    public static GraphException mailboxNotEnabled() {
        return new GraphException(404, "MailboxNotEnabledForRESTAPI",
                "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
    }

    public static GraphException invalidUser(String reference) {
        return new GraphException(404, "ErrorInvalidUser", "The requested user '" + reference + "' is invalid.");
    }

    public static GraphException meNeedsDelegatedToken() {
        return badRequest("/me request is only valid with delegated authentication flow.");
    }

    public static GraphException badRequest(String message) {
        return new GraphException(400, "BadRequest", message);
    }

    public static GraphException invalidRequest(String message) {
        return new GraphException(400, "ErrorInvalidRequest", message);
    }

    /**
     * Graph's throttling answer: 429, code TooManyRequests (as Graph's throttling guidance shows it), and a
     * Retry-After in seconds, written as {@link #retryAfter} makes it.
     */
    public static GraphException throttled(String message, String retryAfter) {
        return new GraphException(429, "TooManyRequests", message, Map.of("Retry-After", retryAfter));
    }

    /**
     * A wait as Retry-After writes it: seconds, with a fraction (at most milliseconds, "2.128" as in Graph's own
     * sample) when {@code fractional}, else rounded up to whole seconds; never less than a millisecond / a second.
     */
    public static String retryAfter(java.time.Duration wait, boolean fractional) {
        long millis = Math.max(1, wait.toMillis());
        if (!fractional) {
            return String.valueOf(Math.max(1, (millis + 999) / 1000));
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}

package io.docketsync.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of problem every docketsync API answers, each with a stable type URI
 * ({@code https://docketsync.io/problems/<slug>}): clients may switch on the type, never on the title or detail.
 * A status with no kind of its own here is answered as {@code about:blank} (RFC 9457: nothing beyond the status).
 */
public enum ProblemType {
    /** Malformed JSON, a wrong type, an unknown field or a broken rule; {@code errors} names each field. */
    INVALID_INPUT(400, "invalid-input", "The request is not valid"),
    /** No bearer token, or one that is invalid, expired or lacks a usable {@code sub} or {@code firm} claim. */
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    /** The caller's role or permission does not allow this. */
    FORBIDDEN(403, "forbidden", "Not permitted"),
    /** The token's user is not a user of the token's firm (as the firm's settings list them). */
    NOT_A_FIRM_USER(403, "not-a-firm-user", "Not a user of this firm"),
    /** The token's user is deactivated in the firm's settings. */
    USER_DEACTIVATED(403, "user-deactivated", "User deactivated"),
    /** No such resource in the caller's firm (another firm's resources do not exist for the caller). */
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    /** If-Match names a version that is no longer current, or a concurrent save won. */
    STALE_VERSION(412, "stale-version", "The resource changed"),
    /** The body is larger than the service accepts ({@code quarkus.http.limits.max-body-size}). */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    /** The request line is longer than the service accepts ({@code docketsync.api.max-url-length}). */
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** The body names things (users) the firm does not have; {@code errors} names each field. */
    UNKNOWN_REFERENCE(422, "unknown-reference", "Unknown reference"),
    /** Unexpected: logged on the server; nothing about it is answered. */
    INTERNAL(500, "internal", "Internal server error"),
    /** A moment's overload (e.g. the database pool): nothing was saved; retry after Retry-After. */
    OVERLOADED(503, "overloaded", "Service unavailable");

    public static final String BASE = "https://docketsync.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return BASE + slug;
    }

    /** The general kind of a bare HTTP status (the first listed for it), if there is one. */
    public static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(values()).filter(t -> t.status == status).findFirst();
    }
}

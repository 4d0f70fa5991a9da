package io.docketsync.api;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document (application/problem+json), the one error shape of every docketsync API;
 * {@code errors} names each bad field (empty unless the input was at fault).
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "URI naming the kind of problem, e.g. https://docketsync.io/problems/invalid-input; "
                + "stable, unlike title and detail") String type,
        String title,
        int status,
        @Schema(description = "What went wrong, for a person") String detail,
        @Schema(description = "Each bad field and why (input problems only)") List<Violation> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, List.of());
    }

    /** A kind of problem one endpoint has of its own, whose title is a constant: the type is the title as a slug. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(ProblemType.BASE + slug(title), title, status, detail, List.of());
    }

    /** A bare HTTP status: its kind when it has one, else {@code about:blank} with the reason phrase. */
    public static Problem ofStatus(int status, String detail) {
        return ProblemType.forStatus(status).map(t -> of(t, detail)).orElseGet(() -> {
            Response.StatusType s = Response.Status.fromStatusCode(status);
            return new Problem("about:blank", s == null ? "HTTP " + status : s.getReasonPhrase(), status, detail,
                    List.of());
        });
    }

    /** Input at fault (400 invalid-input, or 422 unknown-reference), each violation named. */
    public static Problem invalid(ProblemType type, List<Violation> errors) {
        String detail = String.join("; ", errors.stream()
                .map(v -> v.field().isEmpty() ? v.message() : v.field() + ": " + v.message()).toList());
        return new Problem(type.uri(), type.title(), type.status(), detail, errors);
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 401) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    public static Response response(int status, String title, String detail) {
        return of(status, title, detail).toResponse();
    }

    static String slug(String title) {
        return title == null ? "problem"
                : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

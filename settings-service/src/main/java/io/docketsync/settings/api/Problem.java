package io.docketsync.settings.api;


import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 7807 problem (application/problem+json); {@code errors} names each bad field. The same shape as
 * activity-service's, copied: the services share no code beyond event-contracts. */
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(
        @Schema(description = "URI naming the kind of problem") String type,
        String title,
        int status,
        @Schema(description = "What went wrong, for a person") String detail,
        @Schema(description = "Each bad field and why (validation problems only)") List<Violation> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String BASE = "https://docketsync.io/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, List.of());
    }

    public static Problem invalid(int status, String title, List<Violation> errors) {
        String detail = String.join("; ", errors.stream()
                .map(v -> v.field().isEmpty() ? v.message() : v.field() + ": " + v.message()).toList());
        return new Problem(BASE + (status == 422 ? "unknown-reference" : "invalid-input"), title, status, detail, errors);
    }
}

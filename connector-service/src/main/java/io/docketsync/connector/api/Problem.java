package io.docketsync.connector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** An RFC 7807 problem document (application/problem+json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("https://docketsync.io/problems/" + slug(title), title, status, detail, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public static Response response(int status, String title, String detail) {
        return of(status, title, detail).toResponse();
    }

    private static String slug(String title) {
        return title == null ? "problem" : title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

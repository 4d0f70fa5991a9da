package io.docketsync.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Where connector-service sends the browser at the end of Connect (its {@code docketsync.connector.frontend-url}):
 * the same path as the connector's own plain landing page, so that a client that stops at that path stops here
 * too. Back to the page, which reads {@code office365=connected|refused|failed&reason=...} and shows it.
 */
@Path("/connections/office365/finished")
public class ConnectLanding {
    @GET
    public Response landed(@Context UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return Response.seeOther(URI.create("/" + (query == null ? "" : "?" + query) + "#/office365"))
                .header("Cache-Control", "no-store").build();
    }
}

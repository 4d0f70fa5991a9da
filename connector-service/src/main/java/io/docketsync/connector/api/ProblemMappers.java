package io.docketsync.connector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error answer is an RFC 7807 problem that names the problem; bad input is never a 500. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response(400, "Malformed JSON", "The request body is not valid JSON for this operation: "
                + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return Problem.response(400, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        Response.ResponseBuilder answer = Response.status(status);
        if (r != null && r.getHeaderString("WWW-Authenticate") != null) {
            answer.header("WWW-Authenticate", r.getHeaderString("WWW-Authenticate"));
        }
        return answer.type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, e.getMessage())).build();
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "Authentication required",
                        "A valid bearer token of the firm's identity provider is required.")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.response(403, "Forbidden", "The bearer token does not allow this operation.");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return Problem.response(500, "Internal error", "The request failed unexpectedly; it is logged.");
    }
}

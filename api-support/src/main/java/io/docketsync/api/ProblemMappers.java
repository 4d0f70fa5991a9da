package io.docketsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a docketsync API answers is a problem document of one shape; bad input is never a 500. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    /** JAX-RS' own errors: unknown path (404), wrong method (405), unsupported media type (415), ... */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return Problem.of(ProblemType.INTERNAL, "The request failed unexpectedly; it is logged.").toResponse();
        }
        return Problem.ofStatus(status, e.getMessage()).toResponse();
    }

    /** A body JAX-RS itself read (typed parameters) that is not JSON of the expected shape. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return StrictJson.problem(e).problem().toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Violation> errors = e.getConstraintViolations().stream()
                .map(v -> new Violation(lastNode(String.valueOf(v.getPropertyPath())), v.getMessage())).toList();
        return Problem.invalid(ProblemType.INVALID_INPUT, errors).toResponse();
    }

    @ServerExceptionMapper({ io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Problem.of(ProblemType.UNAUTHENTICATED, HttpProblems.UNAUTHENTICATED_DETAIL).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.of(ProblemType.FORBIDDEN, "the bearer token does not allow this operation").toResponse();
    }

    /** Two saves of the same version raced and this one lost: the same answer as a stale If-Match. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response staleVersion(RuntimeException e) {
        return ProblemException.preconditionFailed("it was changed by someone else meanwhile; read it again and retry")
                .problem().toResponse();
    }

    /**
     * More saves at once than the database pool serves within its wait: the pool answers a bare "Timeout". That is
     * a moment's overload, not a broken request: 503 with Retry-After, so clients (and the front end) try again.
     */
    @ServerExceptionMapper
    public Response overloaded(NoStackTraceThrowable e) {
        if (!"Timeout".equals(e.getMessage())) {
            return internal(e);
        }
        return Response.fromResponse(Problem.of(ProblemType.OVERLOADED,
                "too many changes at once: nothing was saved, try again in a moment").toResponse())
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return internal(e);
    }

    private static Response internal(Throwable e) {
        LOG.error("unexpected failure", e);
        return Problem.of(ProblemType.INTERNAL, "The request failed unexpectedly; it is logged.").toResponse();
    }

    private static String lastNode(String path) {
        // "method.arg0.field" → "field": the name a client knows
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}

package io.docketsync.activity.api;

import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error this API answers is an RFC 7807 problem. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** JAX-RS' own errors: unknown path (404), wrong method (405), unsupported media type (415), ... */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, "http-" + status, reason, e.getMessage()));
    }

    /** Two saves of the same version raced and this one lost: the same answer as a stale If-Match. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response staleVersion(RuntimeException e) {
        return respond(ProblemException.preconditionFailed("the activity was changed by someone else meanwhile; "
                + "read it again and retry").problem());
    }

    /**
     * More saves at once than the database pool serves within its wait: the pool answers a bare "Timeout". That is
     * a moment's overload, not a broken request: 503 with Retry-After, so clients (and the front end) try again.
     */
    @ServerExceptionMapper
    public Response overloaded(NoStackTraceThrowable e) {
        if (!"Timeout".equals(e.getMessage())) {
            return respond(Problem.of(500, "internal", "Internal Server Error", "an unexpected error: " + e.getMessage()));
        }
        return Response.fromResponse(respond(Problem.of(503, "overloaded", "Service Unavailable",
                "too many changes at once: nothing was saved, try again in a moment"))).header("Retry-After", "1")
                .build();
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}

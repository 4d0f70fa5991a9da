package io.docketsync.activity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aDatabasePoolTimeoutIsA503WithRetryAfterNotA500() {
        Response r = new ProblemMappers().overloaded(new NoStackTraceThrowable("Timeout"));
        assertEquals(503, r.getStatus());
        assertEquals("1", r.getHeaderString("Retry-After"));
        assertEquals("overloaded", ((Problem) r.getEntity()).type().replaceAll(".*/", ""));
    }

    @Test
    void otherBareVertxFailuresStayInternalErrors() {
        assertEquals(500, new ProblemMappers().overloaded(new NoStackTraceThrowable("Connection reset")).getStatus());
    }
}

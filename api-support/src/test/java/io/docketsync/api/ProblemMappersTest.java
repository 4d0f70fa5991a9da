package io.docketsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aDatabasePoolTimeoutIsA503WithRetryAfterNotA500() {
        Response r = new ProblemMappers().overloaded(new NoStackTraceThrowable("Timeout"));
        assertEquals(503, r.getStatus());
        assertEquals("1", r.getHeaderString("Retry-After"));
        assertEquals("https://docketsync.io/problems/overloaded", ((Problem) r.getEntity()).type());
    }

    @Test
    void otherBareVertxFailuresStayInternalErrors() {
        Response r = new ProblemMappers().overloaded(new NoStackTraceThrowable("Connection reset"));
        assertEquals(500, r.getStatus());
        assertEquals("https://docketsync.io/problems/internal", ((Problem) r.getEntity()).type());
    }

    @Test
    void jaxRsOwnErrorsKeepTheirStatusAndGetTheirKind() {
        Response r = new ProblemMappers().webApplication(new NotAllowedException("GET"));
        assertEquals(405, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals("https://docketsync.io/problems/method-not-allowed", ((Problem) r.getEntity()).type());
    }

    @Test
    void aStatusWithoutAKindOfItsOwnIsAboutBlank() {
        Problem p = Problem.ofStatus(418, "short and stout");
        assertEquals("about:blank", p.type());
        assertEquals(418, p.status());
    }

    @Test
    void unauthenticatedAnswersCarryTheBearerChallenge() {
        Response r = ProblemException.unauthenticated("the bearer token has no 'sub' claim").problem().toResponse();
        assertEquals(401, r.getStatus());
        assertEquals("Bearer", r.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void anEndpointsOwnProblemIsTypedByItsConstantTitle() {
        assertEquals("https://docketsync.io/problems/reauthorization-required",
                Problem.of(409, "Reauthorization required", "reconnect").type());
    }
}

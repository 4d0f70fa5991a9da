package io.docketsync.sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.EventCodec;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * connector-service's internal token endpoint (blocking: called from the Graph pool). A refusal comes back as a
 * {@link Refusal} with the problem's {@code type} (RFC 9457), never judged by its words. When connector-service
 * keeps failing, the breaker stops asking it for a while (refusals about a user's connection are not failures).
 */
@RegisterRestClient(configKey = "connector")
@Path("/internal/firms/{firmId}/users/{userId}/graph-token")
public interface ConnectorApi {

    /** What the endpoint answers for a user with a usable connection. */
    record GraphToken(String firmId, String userId, String accessToken, String mailbox, Instant expiresAt) {
        @Override
        public String toString() {
            return "GraphToken[" + firmId + "/" + userId + ", " + mailbox + ", expires " + expiresAt + "]";
        }
    }

    /** The ids are path segments encoded by the caller: an id may hold any character, '/' and '?' included. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(30_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = Refusal.class)
    GraphToken token(@PathParam("firmId") @Encoded String firmId, @PathParam("userId") @Encoded String userId,
            @HeaderParam("Authorization") String authorization);

    /** A problem answer of the endpoint: its status, type URI and detail. */
    final class Refusal extends RuntimeException {
        private final int status;
        private final String type;

        public Refusal(int status, String type, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        /** The problem type URI, e.g. https://docketsync.io/problems/reauthorization-required */
        public String type() {
            return type;
        }
    }

    /** 4xx answers become refusals (a 5xx stays a failure, which the breaker counts). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() >= 500) {
            return new IllegalStateException("connector-service answered " + response.getStatus());
        }
        String type = "about:blank";
        String detail = "no Office 365 connection";
        try {
            JsonNode problem = EventCodec.mapper().readTree(response.readEntity(String.class));
            type = problem.path("type").asText(type);
            detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : problem.path("title").asText(detail);
        } catch (Exception unreadable) {
            // no problem body: the status alone says it
        }
        return new Refusal(response.getStatus(), type, detail);
    }
}

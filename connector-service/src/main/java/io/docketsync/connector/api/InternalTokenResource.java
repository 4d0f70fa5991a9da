package io.docketsync.connector.api;

import io.docketsync.api.Problem;
import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.graph.GraphTokens;
import io.docketsync.contracts.UserKey;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For the sync-worker only: a user's valid Graph access token. Authenticated by the shared service credential
 * (Authorization: Bearer &lt;docketsync.connector.internal-credential&gt;), not by app user tokens.
 */
@Path("/internal/firms/{firmId}/users/{userId}/graph-token")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class InternalTokenResource {
    public record GraphToken(String firmId, String userId, String accessToken, String mailbox, Instant expiresAt) {
        @Override
        public String toString() {
            return "GraphToken[" + firmId + "/" + userId + ", " + mailbox + ", expires " + expiresAt + "]";
        }
    }

    @Inject
    ConnectorConfig config;
    @Inject
    GraphTokens tokens;

    @GET
    @Operation(summary = "A valid delegated access token for the user's mailbox (refreshed when about to expire); "
            + "404 not connected, 409 must reconnect (reauth), 424 mailbox not supported")
    public Uni<Response> token(@PathParam("firmId") String firmId, @PathParam("userId") String userId,
            @HeaderParam("Authorization") String authorization) {
        if (!authorized(authorization)) {
            return Uni.createFrom().item(Response.status(401).type(Problem.MEDIA_TYPE)
                    .header("WWW-Authenticate", "Bearer realm=\"docketsync-internal\"")
                    .entity(Problem.of(401, "Service credential required",
                            "This internal API needs the service credential as bearer token.")).build());
        }
        if (!validId(firmId) || !validId(userId)) {
            return Uni.createFrom().item(Problem.response(400, "Invalid firm or user id",
                    "The firm id and the user id must each be 1 to 200 characters without control characters."));
        }
        return tokens.forUser(UserKey.of(firmId, userId)).map(result -> {
            if (result instanceof GraphTokens.Issued issued) {
                return Response.ok(new GraphToken(firmId, userId, issued.accessToken(), issued.mailbox(), issued.expiresAt()))
                        .header("Cache-Control", "no-store").build();
            }
            GraphTokens.Unavailable u = (GraphTokens.Unavailable) result;
            return Problem.response(u.status(), u.title(), u.detail());
        });
    }

    private static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= 200 && id.chars().noneMatch(Character::isISOControl);
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.internalCredential().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }
}

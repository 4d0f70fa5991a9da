package io.docketsync.connector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.api.Problem;
import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.messaging.NotificationIntake;
import io.docketsync.contracts.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Microsoft Graph's webhooks: the validation handshake, change notifications and lifecycle notifications.
 * Accepted notifications are recorded for publishing and answered 202 at once; the sync-worker does the work.
 */
@Path("/graph")
@PermitAll
public class GraphWebhookResource {
    private static final int MAX_NOTIFICATIONS = 1000;

    @Inject
    ConnectorConfig config;
    @Inject
    NotificationIntake intake;

    @POST
    @Path("notifications")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Graph change notifications (and the validationToken handshake)")
    public Uni<Response> notifications(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(validationToken, body, false);
    }

    @POST
    @Path("lifecycle")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Graph lifecycle notifications: reauthorizationRequired, subscriptionRemoved, missed "
            + "(and the validationToken handshake)")
    public Uni<Response> lifecycle(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(validationToken, body, true);
    }

    private Uni<Response> receive(String validationToken, byte[] body, boolean lifecycle) {
        if (validationToken != null) {
            // the handshake: 200, text/plain, the token as sent
            return Uni.createFrom().item(Response.ok(validationToken, MediaType.TEXT_PLAIN_TYPE)
                    .header("X-Content-Type-Options", "nosniff").build());
        }
        if (body != null && body.length > config.webhookMaxBodyBytes()) {
            return Uni.createFrom().item(Problem.response(413, "Payload too large", "Notification bodies are limited to "
                    + config.webhookMaxBodyBytes() + " bytes."));
        }
        if (body == null || body.length == 0) {
            return Uni.createFrom().item(Problem.response(400, "Malformed notification", "The body is empty."));
        }
        JsonNode root;
        try {
            root = EventCodec.mapper().readTree(body);
        } catch (IOException e) {
            return Uni.createFrom().item(Problem.response(400, "Malformed JSON", "The body is not valid JSON."));
        }
        JsonNode value = root == null ? null : root.get("value");
        if (value == null || !value.isArray()) {
            return Uni.createFrom().item(Problem.response(400, "Malformed notification",
                    "A notification body is an object with a 'value' array."));
        }
        if (value.size() > MAX_NOTIFICATIONS) {
            return Uni.createFrom().item(Problem.response(413, "Too many notifications",
                    "At most " + MAX_NOTIFICATIONS + " notifications per request."));
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode n : value) {
            if (!n.isObject()) {
                return Uni.createFrom().item(Problem.response(400, "Malformed notification",
                        "Every element of 'value' must be an object."));
            }
            items.add(n);
        }
        return intake.accept(items, lifecycle).map(tally -> Response.accepted().build());
    }
}

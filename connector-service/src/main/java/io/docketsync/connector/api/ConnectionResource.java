package io.docketsync.connector.api;

import io.docketsync.api.Caller;
import io.docketsync.api.ProblemException;
import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.domain.AuthorizationRequestRules;
import io.docketsync.connector.graph.ConnectFlow;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** User Settings &gt; Office 365: the caller's own connection. */
@Path("/connections/office365")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
public class ConnectionResource {
    /** The optional body of Connect: which Microsoft account to sign in with. */
    @Schema(description = "Optional: which Microsoft account to sign in with")
    public record ConnectRequest(
            @Schema(description = "The e-mail address (user principal name) of the Microsoft account, passed to Entra "
                    + "ID as login_hint. Optional with Entra ID, whose page lets the user pick an account; the local "
                    + "Graph simulator shows no page and signs in exactly the user it names, so a front end of the "
                    + "local run sends it", examples = "alice@halemarsh.test") String loginHint) {
    }

    /** Where to send the browser, and until when that link works. */
    public record AuthorizationStarted(String authorizationUrl, Instant expiresAt) {
    }

    @Inject
    Caller caller;
    @Inject
    ConnectFlow flow;
    @Inject
    ConnectorConfig config;

    @GET
    @WithSession
    @Operation(summary = "The caller's Office 365 connection: state, mailbox, since, last error")
    public Uni<ConnectionChanged> get() {
        String userId = caller.userId();
        String firmId = caller.firmId();
        return ConnectionEntity.<ConnectionEntity>findById(UserKey.of(firmId, userId)).map(c -> c == null
                ? new ConnectionChanged(userId, firmId, ConnectionState.DISCONNECTED, null, null, null)
                : c.toEvent());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start connecting: answers the Entra ID authorization URL to send the browser to "
            + "(authorization code with PKCE, single-use state)",
            description = "User Settings > Office 365 > Connect. The front end sends the browser to authorizationUrl "
                    + "before expiresAt (the state is single-use). Microsoft signs the user in and asks for consent "
                    + "(Calendars.ReadWrite, offline_access), then redirects to GET /connections/office365/callback, "
                    + "which checks that the mailbox is Microsoft-hosted, subscribes to its changes and redirects the "
                    + "browser to the front end (docketsync.connector.frontend-url) with ?office365=connected, refused "
                    + "(with &reason=, e.g. an on-premises mailbox) or failed (&reason=). GET /connections/office365 "
                    + "then says CONNECTED or REFUSED with lastError.")
    @APIResponse(responseCode = "200", description = "Where to send the browser, and until when",
            content = @Content(schema = @Schema(implementation = AuthorizationStarted.class)))
    @APIResponse(responseCode = "400", description = "A body that is not {\"loginHint\": \"...\"}, or a login hint "
            + "that is not an e-mail address", content = @Content(mediaType = "application/problem+json"))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectRequest.class)))
    public Uni<AuthorizationStarted> connect(byte[] body) {
        String userId = caller.userId();
        String firmId = caller.firmId();
        ConnectRequest request = null;
        if (body != null && body.length > 0) {
            try {
                request = EventCodec.mapper().readValue(body, ConnectRequest.class);
            } catch (java.io.IOException e) {
                throw new ProblemException(400, "Malformed JSON", "The body must be {\"loginHint\": \"...\"} or empty.");
            }
        }
        String hint = AuthorizationRequestRules.loginHint(request == null ? null : request.loginHint());
        if (!AuthorizationRequestRules.validLoginHint(hint)) {
            throw new ProblemException(400, "Invalid login hint",
                    "loginHint must be the e-mail address (user principal name) of a Microsoft account.");
        }
        return flow.start(userId, firmId, hint).map(s -> new AuthorizationStarted(s.authorizationUrl(), s.expiresAt()));
    }

    @GET
    @Path("callback")
    @PermitAll
    @Operation(summary = "Entra ID's redirect back (the browser, no app token): completes the connection and "
            + "redirects to the front end with ?office365=connected|refused|failed&reason=...",
            description = "Called by the browser, never by a front end: Entra ID redirects here with code and state "
                    + "(or error and error_description). Always answers 302 to the front end, whatever happened, with "
                    + "the outcome in its query; a used, unknown or expired state is 'failed'.")
    @APIResponse(responseCode = "302", description = "To the front end, with ?office365=...&reason=...")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
        return flow.complete(code, state, error, errorDescription)
                .map(outcome -> Response.status(302).location(outcome.redirect(config.frontendUrl()))
                        .header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("finished")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A plain landing page for the end of the Connect flow when no front end is configured")
    public Response finished(@QueryParam("office365") String outcome, @QueryParam("reason") String reason) {
        String kind = outcome == null ? "unknown" : outcome.replaceAll("[^a-z]", "");
        String text = "Office 365: " + kind + (reason == null ? "" : "\n" + reason) + "\n";
        return Response.ok(text, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @DELETE
    @Operation(summary = "Disconnect the caller from Office 365: the subscription is deleted, the tokens erased")
    public Uni<ConnectionChanged> disconnect() {
        return flow.disconnect(caller.userId(), caller.firmId());
    }
}

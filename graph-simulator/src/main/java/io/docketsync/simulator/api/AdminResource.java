package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.auth.GrantStore;
import io.docketsync.simulator.auth.TokenService;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.limits.FaultInjector;
import io.docketsync.simulator.limits.LatencyModel;
import io.docketsync.simulator.limits.MailboxLimits;
import io.docketsync.simulator.notify.Notifier;
import io.docketsync.simulator.notify.Subscription;
import io.docketsync.simulator.notify.SubscriptionStore;
import io.docketsync.simulator.state.CalendarStore;
import io.docketsync.simulator.state.DemoData;
import io.docketsync.simulator.state.Directory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The simulator's own controls (no authentication): directory, tokens, limits, faults, lifecycle, log, reset. */
@Path("/_sim")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Simulator administration")
public class AdminResource {
    public record NewUser(String userPrincipalName, String displayName, boolean onPremises, String id) {
    }

    /** @param client the app the token is for; absent: the user's Outlook ({@code outlook-client-id}) */
    public record TokenRequest(String user, String scope, String client) {
    }

    public record LifecycleRequest(String lifecycleEvent) {
    }

    private static final Set<String> LIFECYCLE_EVENTS = Set.of("reauthorizationRequired", "subscriptionRemoved", "missed");

    @Inject
    Directory directory;
    @Inject
    CalendarStore calendars;
    @Inject
    GrantStore grants;
    @Inject
    TokenService tokens;
    @Inject
    MailboxLimits limits;
    @Inject
    FaultInjector faults;
    @Inject
    LatencyModel latency;
    @Inject
    SubscriptionStore subscriptions;
    @Inject
    Notifier notifier;
    @Inject
    RequestLog log;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent start) {
        if (config.demoData()) {
            DemoData.load(directory);
        }
    }

    @POST
    @Path("reset")
    @Operation(summary = "Forget everything (events, subscriptions, grants, limits, faults, log); reload demo data")
    public Response reset() {
        calendars.clear();
        subscriptions.clear();
        grants.clear();
        limits.reset();
        faults.reset();
        latency.reset();
        log.clear();
        directory.clear();
        if (config.demoData()) {
            DemoData.load(directory);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("users")
    public List<Directory.User> users() {
        return List.copyOf(directory.users());
    }

    @POST
    @Path("users")
    @Operation(summary = "Create a user with a mailbox in Exchange Online, or on-premises (onPremises=true)")
    public Response createUser(NewUser user) {
        if (user == null || user.userPrincipalName() == null) {
            throw bad("userPrincipalName is required");
        }
        return Response.status(201).entity(directory.addUser(user.id(), user.userPrincipalName(), user.displayName(),
                user.onPremises())).build();
    }

    @POST
    @Path("users/{user}/expire-delta-tokens")
    @Operation(summary = "Every calendarView delta token of the mailbox handed out so far expires now: its next use is "
            + "410 Gone, syncStateNotFound (as Graph answers tokens it no longer keeps)")
    public Response expireDeltaTokens(@PathParam("user") String user) {
        calendars.expireDeltaTokens(user(user).id());
        return Response.noContent().build();
    }

    @POST
    @Path("users/{user}/events/{id}/move-and-back")
    @Operation(summary = "As the user dragging the event (regular or immutable id) to another calendar folder and back: "
            + "it gets a new regular id and keeps its immutable id; regular-id subscribers and delta rounds see the old "
            + "id deleted and the new one created, immutable-id ones an update. Answers previousId, id, immutableId")
    public CalendarStore.Moved moveAndBack(@PathParam("user") String user, @PathParam("id") String id) {
        Directory.User owner = user(user);
        try {
            return calendars.moveAndBack(owner, id);
        } catch (GraphException e) {
            throw new WebApplicationException(Response.status(e.status()).entity(Map.of("message", e.getMessage()))
                    .build());
        }
    }

    @POST
    @Path("users/{user}/revoke-refresh-tokens")
    @Operation(summary = "Every refresh token of the user stops working (invalid_grant), as after a revoke")
    public Response revoke(@PathParam("user") String user) {
        grants.revokeAll(user(user).id());
        return Response.noContent().build();
    }

    @POST
    @Path("token")
    @Operation(summary = "An access token (and refresh token) for a user without the browser flow: for the command line",
            description = "For the user's own Outlook by default (Microsoft Office's client id, with that app's "
                    + "per-mailbox limits, not docketsync's); {\"client\": \"docketsync-local\"} for docketsync's app.")
    public ObjectNode token(TokenRequest request) {
        Directory.User user = user(request == null ? null : request.user());
        String scope = request.scope() == null ? "User.Read Calendars.ReadWrite" : request.scope();
        String client = request.client() == null || request.client().isBlank() ? config.outlookClientId()
                : request.client();
        ObjectNode out = json.createObjectNode();
        out.put("token_type", "Bearer");
        out.put("access_token", tokens.accessToken(user, client, scope));
        out.put("refresh_token", grants.newRefreshToken(user.id(), client, scope + " offline_access"));
        out.put("expires_in", config.accessTokenLifetime().toSeconds());
        return out;
    }

    @GET
    @Path("limits")
    public MailboxLimits.Settings getLimits() {
        return limits.settings();
    }

    @PUT
    @Path("limits")
    @Operation(summary = "Replace the per (application, mailbox) limits: requestsPerWindow, window (ISO-8601), maxConcurrent")
    public MailboxLimits.Settings setLimits(MailboxLimits.Settings settings) {
        if (settings == null || settings.requestsPerWindow() < 1 || settings.maxConcurrent() < 1) {
            throw bad("requestsPerWindow and maxConcurrent must be at least 1");
        }
        limits.configure(new MailboxLimits.Settings(settings.requestsPerWindow(),
                settings.window() == null ? Duration.ofMinutes(10) : settings.window(), settings.maxConcurrent()));
        return limits.settings();
    }

    @GET
    @Path("limits/usage")
    @Operation(summary = "Per (application, mailbox): requests in flight now, the most in flight at once since the "
            + "last reset, and requests counted in the current window")
    public List<MailboxLimits.InUse> limitsUsage() {
        return limits.usage();
    }

    @GET
    @Path("latency")
    public LatencyModel.Settings getLatency() {
        return latency.settings();
    }

    @PUT
    @Path("latency")
    @Operation(summary = "Replace Graph's answer-time model: enabled, median (ISO-8601), sigma, max (ISO-8601), seed "
            + "(0: unseeded); POST /_sim/reset restores the configured one")
    public LatencyModel.Settings setLatency(LatencyModel.Settings settings) {
        if (settings == null) {
            throw bad("a body is required");
        }
        latency.configure(settings);
        return latency.settings();
    }

    @GET
    @Path("faults")
    public Map<String, FaultInjector.Faults> getFaults() {
        return faults.all();
    }

    @PUT
    @Path("faults/{user}")
    @Operation(summary = "Inject faults for one mailbox: throttledRate, unavailableRate, slowRate, slowDelay, retryAfterSeconds, seed")
    public FaultInjector.Faults setFaults(@PathParam("user") String user, FaultInjector.Faults f) {
        if (f == null) {
            throw bad("a body is required");
        }
        faults.configure(user(user).id(), f);
        return f;
    }

    @DELETE
    @Path("faults/{user}")
    public Response clearFaults(@PathParam("user") String user) {
        faults.remove(user(user).id());
        return Response.noContent().build();
    }

    @GET
    @Path("subscriptions")
    public List<Map<String, Object>> subscriptions() {
        return subscriptions.all().stream().map(s -> Map.<String, Object>of("id", s.id, "resource", s.resource,
                "mailboxUserId", s.mailboxUserId, "expirationDateTime", s.expirationDateTime.toString(),
                "expired", s.expired())).toList();
    }

    @POST
    @Path("subscriptions/{id}/lifecycle")
    @Operation(summary = "Send a lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed); "
            + "subscriptionRemoved also removes the subscription")
    public Response lifecycle(@PathParam("id") String id, LifecycleRequest request) {
        String event = request == null ? null : request.lifecycleEvent();
        if (!LIFECYCLE_EVENTS.contains(event)) {
            throw bad("lifecycleEvent must be one of " + LIFECYCLE_EVENTS);
        }
        Subscription s = subscriptions.get(id).orElseThrow(() -> new WebApplicationException(
                Response.status(404).entity(Map.of("message", "no subscription " + id)).build()));
        if (s.lifecycleNotificationUrl == null) {
            throw new WebApplicationException(Response.status(409)
                    .entity(Map.of("message", "subscription " + id + " has no lifecycleNotificationUrl")).build());
        }
        if ("subscriptionRemoved".equals(event)) {
            subscriptions.remove(id);
        }
        notifier.lifecycle(s, event);
        return Response.accepted().build();
    }

    @GET
    @Path("requests")
    @Operation(summary = "The request log: time, app, mailbox, method, path, status")
    public List<RequestLog.Entry> requests() {
        return log.entries();
    }

    private Directory.User user(String idOrUpn) {
        return directory.user(idOrUpn).orElseThrow(() -> new WebApplicationException(
                Response.status(404).entity(Map.of("message", "no user " + idOrUpn)).build()));
    }

    private static WebApplicationException bad(String message) {
        return new WebApplicationException(Response.status(400).entity(Map.of("message", message)).build());
    }
}

package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.auth.TokenService;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.notify.Notifier;
import io.docketsync.simulator.notify.Subscription;
import io.docketsync.simulator.notify.SubscriptionStore;
import io.docketsync.simulator.state.Directory;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Graph's /subscriptions for Outlook events: validated on creation, renewed by PATCH, bounded in length. */
@Path("/v1.0/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Microsoft Graph v1.0")
public class SubscriptionResource {
    private static final Pattern EVENTS_RESOURCE = Pattern.compile(
            "^/?(me|users/([^/]+))/(events|calendar/events|calendars/[^/]+/events)$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");

    @Inject
    SubscriptionStore subscriptions;
    @Inject
    Notifier notifier;
    @Inject
    Directory directory;
    @Inject
    RequestInfo info;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;
    @Context
    UriInfo uri;
    @Context
    jakarta.ws.rs.core.HttpHeaders headers;

    @POST
    public Response create(ObjectNode body) {
        TokenService.Caller caller = info.caller();
        String resource = required(body, "resource");
        String changeType = required(body, "changeType");
        String notificationUrl = required(body, "notificationUrl");
        String lifecycleUrl = body.path("lifecycleNotificationUrl").asText(null);
        Instant expiration = expiration(body);
        for (String c : changeType.split(",")) {
            if (!CHANGE_TYPES.contains(c.trim())) {
                throw GraphException.invalidRequest("'" + c.trim() + "' is not a supported changeType for this resource.");
            }
        }
        checkUrl("NotificationUrl", notificationUrl);
        if (lifecycleUrl != null) {
            checkUrl("LifecycleNotificationUrl", lifecycleUrl);
        }
        Directory.User mailbox = mailboxOf(resource, caller);
        for (String url : lifecycleUrl == null ? new String[] {notificationUrl} : new String[] {notificationUrl, lifecycleUrl}) {
            String failure = notifier.validate(url);
            if (failure != null) {
                throw new GraphException(400, "ValidationError", failure);
            }
        }
        Subscription s = new Subscription(UUID.randomUUID().toString(), caller.appId(),
                caller.appOnly() ? TokenService.SERVICE_PRINCIPAL_ID : caller.userId(), mailbox.tenantId(), resource,
                mailbox.id(), changeType, body.path("clientState").asText(null), notificationUrl, lifecycleUrl,
                expiration, immutableIdsPreferred());
        subscriptions.put(s);
        return Response.status(201).entity(render(s, true)).build();
    }

    @GET
    public ObjectNode list() {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", uri.getBaseUri() + "v1.0/$metadata#subscriptions");
        var value = out.putArray("value");
        subscriptions.forApp(info.caller().appId()).forEach(s -> value.add(render(s, false)));
        return out;
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@PathParam("id") String id) {
        return render(owned(id), true);
    }

    /** Renewal: only expirationDateTime may change, within the same maximum as at creation. */
    @PATCH
    @Path("{id}")
    public ObjectNode renew(@PathParam("id") String id, ObjectNode body) {
        Subscription s = owned(id);
        s.expirationDateTime = expiration(body);
        return render(s, true);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        subscriptions.remove(owned(id).id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/reauthorize")
    public Response reauthorize(@PathParam("id") String id) {
        owned(id);
        return Response.noContent().build();
    }

    private Subscription owned(String id) {
        return subscriptions.get(id).filter(s -> s.appId.equals(info.caller().appId()))
                .orElseThrow(() -> new GraphException(404, "ResourceNotFound",
                        "The object was not found. Subscription '" + id + "' does not exist."));
    }

    /** Graph sends immutable ids in the notifications of a subscription created with Prefer: IdType="ImmutableId". */
    private boolean immutableIdsPreferred() {
        java.util.List<String> prefer = headers.getRequestHeader("Prefer");
        return prefer != null && EventJson.prefersImmutableIds(String.join(", ", prefer));
    }

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /**
     * Graph accepts only HTTPS notification URLs (400 InvalidRequest "NotificationUrl scheme='http' is not
     * supported."). With subscriptions.allow-http-loopback-notifications, http:// to a loopback host passes too.
     */
    private void checkUrl(String name, String url) {
        java.net.URI parsed;
        try {
            parsed = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new GraphException(400, "InvalidRequest", name + " '" + url + "' is not a valid URL.");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!parsed.isAbsolute() || parsed.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new GraphException(400, "InvalidRequest", name + " '" + url + "' is not a valid URL.");
        }
        boolean loopback = LOOPBACK.contains(parsed.getHost().toLowerCase(java.util.Locale.ROOT));
        if (scheme.equals("http") && !(loopback && config.subscriptions().allowHttpLoopbackNotifications())) {
            throw new GraphException(400, "InvalidRequest", name + " scheme='http' is not supported.");
        }
    }

    private Directory.User mailboxOf(String resource, TokenService.Caller caller) {
        Matcher m = EVENTS_RESOURCE.matcher(resource);
        if (!m.matches()) {
            throw GraphException.invalidRequest("Resource '" + resource
                    + "' is not supported by this simulator: subscribe to a mailbox's events.");
        }
        Directory.User mailbox;
        if ("me".equalsIgnoreCase(m.group(1))) {
            if (caller.appOnly()) {
                throw GraphException.meNeedsDelegatedToken();
            }
            mailbox = directory.user(caller.userId()).orElseThrow();
        } else {
            mailbox = directory.user(m.group(2)).filter(u -> u.tenantId().equals(caller.tenantId()))
                    .orElseThrow(() -> GraphException.invalidUser(m.group(2)));
            if (!caller.appOnly() && !mailbox.id().equals(caller.userId())) {
                throw new GraphException(403, "ExtensionError", "Operation: Create; Exception: [Status Code: "
                        + "Forbidden; Reason: Access is denied. Check credentials and try again.]");
            }
        }
        if (mailbox.onPremises()) {
            throw GraphException.mailboxNotEnabled();
        }
        return mailbox;
    }

    private Instant expiration(ObjectNode body) {
        String value = required(body, "expirationDateTime");
        Instant expiration;
        try {
            expiration = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphException.badRequest("Invalid expirationDateTime '" + value + "'.");
        }
        Instant now = Instant.now();
        if (!expiration.isAfter(now)) {
            throw GraphException.invalidRequest("Subscription expiration must be in the future.");
        }
        long max = config.subscriptions().maxExpirationMinutes();
        if (expiration.isAfter(now.plusSeconds(max * 60))) {
            throw new GraphException(400, "ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest; "
                    + "Reason: Subscription expiration can only be " + max + " minutes in the future.]");
        }
        return expiration;
    }

    private static String required(ObjectNode body, String field) {
        String value = body == null ? null : body.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw GraphException.badRequest("Property '" + field + "' is required.");
        }
        return value;
    }

    private ObjectNode render(Subscription s, boolean withContext) {
        ObjectNode out = json.createObjectNode();
        if (withContext) {
            out.put("@odata.context", uri.getBaseUri() + "v1.0/$metadata#subscriptions/$entity");
        }
        out.put("id", s.id);
        out.put("resource", s.resource);
        out.put("applicationId", s.appId);
        out.put("changeType", s.changeType);
        if (s.clientState != null) {
            out.put("clientState", s.clientState);
        } else {
            out.putNull("clientState");
        }
        out.put("notificationUrl", s.notificationUrl);
        out.putNull("notificationQueryOptions");
        out.put("lifecycleNotificationUrl", s.lifecycleNotificationUrl);
        out.put("expirationDateTime", s.expirationDateTime.toString());
        out.put("creatorId", s.creatorId);
        out.putNull("includeResourceData");
        out.put("latestSupportedTlsVersion", "v1_2");
        out.putNull("encryptionCertificate");
        out.putNull("encryptionCertificateId");
        out.putNull("notificationUrlAppId");
        return out;
    }
}

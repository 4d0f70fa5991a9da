package io.docketsync.connector.graph;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.docketsync.connector.ConnectorConfig;
import io.docketsync.graph.GraphClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * What connector-service asks of Microsoft Graph, through the Graph SDK (graph-client's factory). Every method
 * blocks: call it through {@link Offload}. Errors come out as {@link GraphCallException}.
 */
@ApplicationScoped
public class GraphGateway {
    /** The user's own events: what the subscription watches. */
    public static final String EVENTS_RESOURCE = "me/events";
    public static final String CHANGE_TYPES = "created,updated,deleted";

    public record Mailbox(String id, String address) {
    }

    public record CreatedSubscription(String id, Instant expiresAt) {
    }

    @Inject
    ConnectorConfig config;

    private volatile GraphClientFactory factory;

    GraphClientFactory factory() {
        if (factory == null) {
            synchronized (this) {
                if (factory == null) {
                    factory = new GraphClientFactory(new GraphClientFactory.Settings(config.graphBaseUrl(), true, 3,
                            Duration.ofSeconds(30)));
                }
            }
        }
        return factory;
    }

    private GraphServiceClient client(String accessToken) {
        return factory().forToken(accessToken);
    }

    /** The signed-in user's mailbox address: mail, else userPrincipalName. */
    public Mailbox me(String accessToken) {
        User me = call(() -> client(accessToken).me().get(user -> user.queryParameters.select =
                new String[] {"id", "userPrincipalName", "mail"}));
        String address = me.getMail() != null && !me.getMail().isBlank() ? me.getMail() : me.getUserPrincipalName();
        return new Mailbox(me.getId(), address);
    }

    /** Reads the user's calendar: an on-premises or third-party-hosted mailbox fails here
     * (MailboxNotEnabledForRESTAPI). */
    public void readCalendar(String accessToken) {
        call(() -> client(accessToken).me().calendar().get(c -> c.queryParameters.select = new String[] {"id"}));
    }

    public CreatedSubscription createSubscription(String accessToken, String clientState, Instant expiration) {
        Subscription s = new Subscription();
        s.setChangeType(CHANGE_TYPES);
        s.setResource(EVENTS_RESOURCE);
        s.setNotificationUrl(webhook("/graph/notifications"));
        s.setLifecycleNotificationUrl(webhook("/graph/lifecycle"));
        s.setClientState(clientState);
        s.setExpirationDateTime(expiration.atOffset(ZoneOffset.UTC));
        // immutable ids in notifications, as the worker links events by them (graph/outlook-immutable-id)
        Subscription created = call(() -> client(accessToken).subscriptions().post(s,
                rc -> rc.headers.add("Prefer", "IdType=\"ImmutableId\"")));
        return new CreatedSubscription(created.getId(), created.getExpirationDateTime() == null ? expiration
                : created.getExpirationDateTime().toInstant());
    }

    public Instant renewSubscription(String accessToken, String subscriptionId, Instant expiration) {
        Subscription s = new Subscription();
        s.setExpirationDateTime(expiration.atOffset(ZoneOffset.UTC));
        Subscription renewed = call(() -> client(accessToken).subscriptions().bySubscriptionId(subscriptionId).patch(s));
        return renewed == null || renewed.getExpirationDateTime() == null ? expiration
                : renewed.getExpirationDateTime().toInstant();
    }

    public void reauthorizeSubscription(String accessToken, String subscriptionId) {
        call(() -> {
            client(accessToken).subscriptions().bySubscriptionId(subscriptionId).reauthorize().post();
            return null;
        });
    }

    /** Deletes the subscription; one that Graph no longer has counts as deleted. */
    public void deleteSubscription(String accessToken, String subscriptionId) {
        try {
            call(() -> {
                client(accessToken).subscriptions().bySubscriptionId(subscriptionId).delete();
                return null;
            });
        } catch (GraphCallException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    private String webhook(String path) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ODataError e) {
            String code = e.getError() == null ? null : e.getError().getCode();
            String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
            throw new GraphCallException(e.getResponseStatusCode(), code, message, e);
        } catch (ApiException e) {
            throw new GraphCallException(e.getResponseStatusCode(), null, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new GraphCallException(0, "GraphUnreachable", "Microsoft Graph could not be reached: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}

package io.docketsync.simulator.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.state.MailboxChange;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers change and lifecycle notifications: asynchronously (never inside the Graph request that caused
 * them), retried with exponential backoff (up to {@code notifications.max-backoff} apart) while the receiver
 * fails or is too slow, for up to {@code notifications.delivery-retry-window} (Graph: 4 hours). A change
 * notification still not taken then is dropped, and the subscription's lifecycleNotificationUrl is sent a
 * {@code missed} lifecycle notification (once, until a change notification is delivered again). Plus the
 * validation handshake that subscription creation waits for.
 */
@ApplicationScoped
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class);

    @Inject
    SubscriptionStore subscriptions;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;

    // HTTP/1.1 as Graph speaks to webhooks; no h2c upgrade attempt on plain http
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "notification-retries");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }

    /** Called for every calendar change (synchronously after the store's step): only enqueues. */
    void onChange(@Observes MailboxChange change) {
        for (Subscription s : subscriptions.forMailbox(change.userId())) {
            // a subscription made with immutable ids sees the change as those ids do (a move: an update)
            String changeType = s.immutableIds ? change.immutableChangeType() : change.changeType();
            String eventId = s.immutableIds ? change.immutableId() : change.eventId();
            if (s.expired() || changeType == null || !s.wants(changeType)) {
                continue;
            }
            ObjectNode notification = json.createObjectNode();
            notification.put("subscriptionId", s.id);
            notification.put("subscriptionExpirationDateTime", s.expirationDateTime.toString());
            notification.put("changeType", changeType);
            String resource = "Users/" + change.userId() + "/Events/" + eventId;
            notification.put("resource", resource);
            ObjectNode data = notification.putObject("resourceData");
            data.put("@odata.type", "#Microsoft.Graph.Event");
            data.put("@odata.id", resource);
            data.put("@odata.etag", change.etag());
            data.put("id", eventId);
            if (s.clientState != null) {
                notification.put("clientState", s.clientState);
            } else {
                notification.putNull("clientState");
            }
            notification.put("tenantId", s.tenantId);
            deliver(s, s.notificationUrl, envelope(notification), true, 1, System.nanoTime());
        }
    }

    /** reauthorizationRequired, subscriptionRemoved or missed, to the subscription's lifecycleNotificationUrl. */
    public void lifecycle(Subscription s, String lifecycleEvent) {
        ObjectNode notification = json.createObjectNode();
        notification.put("subscriptionId", s.id);
        notification.put("subscriptionExpirationDateTime", s.expirationDateTime.toString());
        notification.put("tenantId", s.tenantId);
        if (s.clientState != null) {
            notification.put("clientState", s.clientState);
        }
        notification.put("lifecycleEvent", lifecycleEvent);
        deliver(s, s.lifecycleNotificationUrl, envelope(notification), false, 1, System.nanoTime());
    }

    private String envelope(ObjectNode notification) {
        ObjectNode body = json.createObjectNode();
        ArrayNode value = body.putArray("value");
        value.add(notification);
        return body.toString();
    }

    /**
     * One attempt; a failure (no 2xx within the timeout) is tried again after a back-off that doubles each time,
     * while the retry window (counted from the first attempt) lasts.
     *
     * @param change a change notification (its loss is reported as {@code missed}); false: a lifecycle notification
     */
    private void deliver(Subscription s, String url, String body, boolean change, int attempt, long firstNanos) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.notifications().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("client-request-id", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean delivered = failure == null && response.statusCode() / 100 == 2;
            if (delivered) {
                if (change) {
                    s.missedReported = false;
                }
                return;
            }
            String why = failure != null ? failure.toString() : "HTTP " + response.statusCode();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - firstNanos);
            Duration left = config.notifications().deliveryRetryWindow().minus(elapsed);
            if (left.isNegative() || left.isZero()) {
                LOG.warnf("notification for subscription %s dropped after %d attempts in %s: %s", s.id, attempt,
                        elapsed, why);
                if (change) {
                    reportMissed(s);
                }
                return;
            }
            Duration delay = backoff(attempt);
            if (delay.compareTo(left) > 0) {
                delay = left; // one last attempt as the window closes
            }
            LOG.debugf("notification for subscription %s failed (%s); retry %d in %s", s.id, why, attempt, delay);
            retries.schedule(() -> deliver(s, url, body, change, attempt + 1, firstNanos), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** initial-backoff × 2^(attempt−1), at most max-backoff. */
    private Duration backoff(int attempt) {
        Duration max = config.notifications().maxBackoff();
        Duration delay = config.notifications().initialBackoff();
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Graph's {@code missed} lifecycle notification, once until change notifications get through again. */
    private void reportMissed(Subscription s) {
        if (s.lifecycleNotificationUrl == null || s.expired() || subscriptions.get(s.id).isEmpty()) {
            return;
        }
        synchronized (s) {
            if (s.missedReported) {
                return;
            }
            s.missedReported = true;
        }
        lifecycle(s, "missed");
    }

    /** Graph's handshake: POST ?validationToken=..., expecting 200 text/plain with the token, in time. */
    public String validate(String url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        try {
            String separator = url.contains("?") ? "&" : "?";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + separator + "validationToken="
                            + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
                    .timeout(config.subscriptions().validationTimeout())
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response = answer.get(config.subscriptions().validationTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200) {
                return "Subscription validation request failed. Notification endpoint must respond with 200 OK to "
                        + "validation request.";
            }
            if (!type.toLowerCase().startsWith("text/plain") || !token.equals(response.body())) {
                return "Subscription validation request failed. Response must exactly match validationToken query "
                        + "parameter.";
            }
            return null;
        } catch (java.util.concurrent.TimeoutException e) {
            return "Subscription validation request timed out.";
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof java.net.http.HttpTimeoutException
                    ? "Subscription validation request timed out."
                    : "Subscription validation request failed. Notification endpoint must respond with 200 OK to "
                            + "validation request.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Subscription validation request failed.";
        } catch (Exception e) {
            return "Subscription validation request failed. Notification endpoint must respond with 200 OK to "
                    + "validation request.";
        }
    }
}

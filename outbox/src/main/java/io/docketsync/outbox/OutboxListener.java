package io.docketsync.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.jboss.logging.Logger;

/**
 * LISTENs on the outbox's channel (the trigger of migration V0_2 notifies it when rows are committed) on a
 * connection of its own, and wakes the relay on each notification. When the connection cannot be made or is lost
 * it tries again every second with a new one; meanwhile the relay polls ({@link OutboxRelay#listening(boolean)}),
 * and once listening again it looks at once.
 */
public final class OutboxListener {
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    public static final String CHANNEL = "outbox_event";
    private static final long RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final OutboxRelay relay;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;
    private boolean warned;

    private OutboxListener(Vertx vertx, PgConnectOptions options, OutboxRelay relay) {
        this.vertx = vertx;
        this.options = options;
        this.relay = relay;
    }

    /** The connection options of a reactive datasource URL ({@code postgresql://host:port/db}). */
    public static PgConnectOptions options(String url, String user, String password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        if (user != null) {
            options.setUser(user);
        }
        if (password != null) {
            options.setPassword(password);
        }
        return options;
    }

    public static OutboxListener listen(Vertx vertx, PgConnectOptions options, OutboxRelay relay) {
        OutboxListener listener = new OutboxListener(vertx, options, relay);
        listener.connect();
        return listener;
    }

    private void connect() {
        if (closed) {
            return;
        }
        PgSubscriber s = PgSubscriber.subscriber(vertx, options);
        subscriber = s;
        s.closeHandler(() -> {
            relay.listening(false);
            retryLater();
        });
        s.channel(CHANNEL)
                .subscribeHandler(() -> {
                    warned = false;
                    LOG.debug("outbox relay listening");
                    relay.listening(true);
                })
                .handler(payload -> relay.wake());
        s.connect().subscribe().with(ok -> {
        }, failure -> {
            if (!warned) {
                warned = true;
                LOG.warnf("outbox relay cannot listen (%s): polling every idle-wait until it can", failure.getMessage());
            }
            relay.listening(false);
            s.closeAndForget();
            retryLater();
        });
    }

    private void retryLater() {
        if (!closed) {
            vertx.setTimer(RETRY_MILLIS, id -> {
                if (subscriber == null || subscriber.closed()) {
                    connect();
                }
            });
        }
    }

    public void close() {
        closed = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close().await().atMost(java.time.Duration.ofSeconds(5));
        }
    }
}

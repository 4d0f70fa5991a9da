package io.docketsync.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * LISTENs on a PostgreSQL channel on a connection of its own and hands each notification's payload on. When the
 * connection cannot be made or is lost it tries again every second with a new one, and says whether it listens
 * ({@code false} when the connection is gone, {@code true} once LISTEN holds again: notifications in between are
 * lost, so whoever relies on them looks for themselves then).
 *
 * <p>The outbox relay listens on {@link #OUTBOX_CHANNEL} (the outbox's trigger notifies it, with the rows' lanes, when
 * outbox rows are committed); services may listen on channels of their own the same way.
 */
public final class ChannelListener {
    private static final Logger LOG = Logger.getLogger(ChannelListener.class);
    public static final String OUTBOX_CHANNEL = "outbox_event";
    private static final long RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Consumer<String> onNotification;
    private final Consumer<Boolean> onListening;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;
    private volatile boolean warned;

    private ChannelListener(Vertx vertx, PgConnectOptions options, String channel, Consumer<String> onNotification,
            Consumer<Boolean> onListening) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.onNotification = onNotification;
        this.onListening = onListening;
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

    /** Wakes the relay's workers of the lanes each notification of the outbox's channel names. */
    public static ChannelListener outbox(Vertx vertx, PgConnectOptions options, OutboxRelay relay) {
        return listen(vertx, options, OUTBOX_CHANNEL, payload -> relay.wake(OutboxRelay.lanesNotified(payload)),
                relay::listening);
    }

    public static ChannelListener listen(Vertx vertx, PgConnectOptions options, String channel,
            Consumer<String> onNotification, Consumer<Boolean> onListening) {
        ChannelListener listener = new ChannelListener(vertx, options, channel, onNotification, onListening);
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
            onListening.accept(false);
            retryLater();
        });
        s.channel(channel)
                .subscribeHandler(() -> {
                    warned = false;
                    LOG.debugf("listening on %s", channel);
                    onListening.accept(true);
                })
                .handler(onNotification);
        s.connect().subscribe().with(ok -> {
        }, failure -> {
            if (!warned) {
                warned = true;
                LOG.warnf("cannot listen on %s (%s): trying again every second", channel, failure.getMessage());
            }
            onListening.accept(false);
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

package io.docketsync.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;

/** An outbox relay as its own process, so that a test can kill it with SIGKILL. Args: host port database
 * user password bootstrapServers batchSize. Two workers, woken by the outbox's notifications. */
public final class RelayProcess {
    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost(args[0]).setPort(Integer.parseInt(args[1]))
                .setDatabase(args[2]).setUser(args[3]).setPassword(args[4]);
        PgPool pool = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(3));
        var relay = new OutboxRelay(pool, OutboxProducers.create(args[5], "relay-process"),
                Integer.parseInt(args[6]), Duration.ofMillis(20), Duration.ofSeconds(2), 2);
        ChannelListener.outbox(vertx, options, relay);
        System.out.println("relay started");
        relay.run();
    }
}

package io.docketsync.sync.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Blocking work (the Graph SDK, connector-service) off the event loop, resuming on the caller's Vert.x context:
 * Hibernate Reactive sessions must be used on the context that opened them. */
final class Offload {
    private Offload() {
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}

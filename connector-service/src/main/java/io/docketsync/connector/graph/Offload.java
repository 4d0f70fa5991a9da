package io.docketsync.connector.graph;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Blocking work (the Graph SDK) off the event loop, resuming on the caller's Vert.x context: Hibernate
 * Reactive sessions must be used on the context that opened them. */
final class Offload {
    private Offload() {
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? offloaded : offloaded.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}

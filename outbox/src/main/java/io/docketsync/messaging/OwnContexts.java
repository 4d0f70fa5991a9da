package io.docketsync.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Where a lane's run starts ({@link KeyedLanes}): on a Vert.x duplicated context of its own, marked safe for Hibernate
 * Reactive (as Quarkus marks the contexts it makes for a request or a message). Runs of different lanes are
 * concurrent, and Hibernate Reactive keeps its session per context: sharing one would mix their sessions.
 */
public final class OwnContexts {
    private OwnContexts() {
    }

    public static Consumer<Runnable> of(Vertx vertx) {
        return run -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> run.run());
        };
    }
}

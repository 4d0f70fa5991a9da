package io.docketsync.sync.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Steps of one Hibernate Reactive session, one after another: a session takes one operation at a time, so steps
 * over a list are concatenated, never merged.
 */
public final class InOrder {
    private InOrder() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> step.apply(item)).collect().last()
                .replaceWithVoid();
    }
}

package io.docketsync.activity.messaging;

import io.docketsync.activity.service.OfficeCommandService;
import io.docketsync.contracts.ActivityCommand;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where a command from Office 365 enters: its transaction, opened declaratively (the README's threading model),
 * on the Vert.x context of the lane {@link ActivityCommandConsumer} runs it in.
 */
@ApplicationScoped
public class CommandTransaction {
    @Inject
    OfficeCommandService commands;

    @WithTransaction
    public Uni<Void> apply(String firmId, ActivityCommand command) {
        return commands.apply(firmId, command);
    }
}

package io.docketsync.sync.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.MailboxTokens;

/** Chooses the token source by docketsync.sync.token-source: connector (per-user delegated) or app (app-only). */
@ApplicationScoped
public class MailboxTokensProducer {
    @Inject
    ConnectorTokens connector;
    @Inject
    AppOnlyTokens app;
    @Inject
    SyncConfig config;

    @Produces
    @Named("mailboxTokens")
    @ApplicationScoped
    MailboxTokens mailboxTokens() {
        String source = config.tokenSource();
        return switch (source) {
            case "connector" -> connector;
            case "app" -> app;
            default -> throw new IllegalArgumentException(
                    "docketsync.sync.token-source must be 'connector' or 'app', not '" + source + "'");
        };
    }
}

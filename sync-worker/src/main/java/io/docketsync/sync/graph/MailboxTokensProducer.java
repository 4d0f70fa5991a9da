package io.docketsync.sync.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the token source by docketsync.sync.token-source: connector (per-user delegated) or app (app-only). */
@ApplicationScoped
public class MailboxTokensProducer {
    @Inject
    ConnectorTokenClient connector;
    @Inject
    AppOnlyTokens app;
    @ConfigProperty(name = "docketsync.sync.token-source")
    String source;

    @Produces
    @Named("mailboxTokens")
    @ApplicationScoped
    MailboxTokens mailboxTokens() {
        return switch (source) {
            case "connector" -> connector;
            case "app" -> app;
            default -> throw new IllegalArgumentException(
                    "docketsync.sync.token-source must be 'connector' or 'app', not '" + source + "'");
        };
    }
}

package io.docketsync.connector.persistence;

import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.domain.TokenCipher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Seals and opens the tokens of credential rows with the configured keys (docketsync.connector.token-keys). */
@ApplicationScoped
public class TokenVault {
    private static final Logger LOG = Logger.getLogger(TokenVault.class);
    static final String LOCAL_KEY_ID = "local";

    @Inject
    ConnectorConfig config;

    private volatile TokenCipher cipher;

    /** Bad key configuration stops the service at start, not at the first connect. */
    void check(@Observes StartupEvent ignored) {
        TokenCipher c = cipher();
        if (LOCAL_KEY_ID.equals(c.activeKeyId())) {
            LOG.warn("tokens are sealed with the built-in local key: set DOCKETSYNC_CONNECTOR_TOKEN_KEYS and "
                    + "DOCKETSYNC_CONNECTOR_ACTIVE_KEY_ID outside a local run");
        }
        LOG.infof("token encryption: %s", c);
    }

    public TokenCipher cipher() {
        if (cipher == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = TokenCipher.fromConfig(config.tokenKeys(), config.activeKeyId());
                }
            }
        }
        return cipher;
    }

    public void store(CredentialEntity row, String accessToken, String refreshToken, Instant accessExpiresAt) {
        row.accessToken = cipher().seal(accessToken, CredentialEntity.context(row.firmId, row.userId, "access"));
        row.refreshToken = cipher().seal(refreshToken, CredentialEntity.context(row.firmId, row.userId, "refresh"));
        row.accessExpiresAt = accessExpiresAt;
        row.updatedAt = Instant.now();
    }

    public String accessToken(CredentialEntity row) {
        return open(row, row.accessToken, "access");
    }

    public String refreshToken(CredentialEntity row) {
        return open(row, row.refreshToken, "refresh");
    }

    private String open(CredentialEntity row, String sealed, String which) {
        try {
            return cipher().open(sealed, CredentialEntity.context(row.firmId, row.userId, which));
        } catch (TokenCipher.SealedValueException e) {
            // sealed before tokens were bound to the firm too
            return cipher().open(sealed, CredentialEntity.legacyContext(row.userId, which));
        }
    }

    public String seal(String value, String context) {
        return cipher().seal(value, context);
    }

    public String open(String sealed, String context) {
        return cipher().open(sealed, context);
    }
}

package io.docketsync.connector.domain;

import java.time.Duration;
import java.time.Instant;

/** An access token is handed out only while it has more than {@code skew} to live; otherwise it is refreshed. */
public record TokenPolicy(Duration skew) {
    public TokenPolicy {
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("the refresh skew must be zero or positive");
        }
    }

    public boolean needsRefresh(Instant accessTokenExpiresAt, Instant now) {
        return accessTokenExpiresAt == null || !accessTokenExpiresAt.isAfter(now.plus(skew));
    }
}

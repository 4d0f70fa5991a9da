package io.docketsync.connector.domain;

import java.time.Duration;
import java.time.Instant;

/** When a user's change-notification subscription expires, and when it must be worked on. */
public final class SubscriptionPolicy {
    /** Graph's longest subscription on Outlook events (10,080 minutes); we stay a minute under it. */
    public static final Duration GRAPH_MAX_EVENTS_LIFETIME = Duration.ofMinutes(10080);
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final Duration lifetime;
    private final Duration renewBefore;

    public SubscriptionPolicy(Duration lifetime, Duration renewBefore) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("subscription lifetime must be positive");
        }
        if (renewBefore.isNegative() || renewBefore.compareTo(lifetime) >= 0) {
            throw new IllegalArgumentException("renew-before (" + renewBefore + ") must be shorter than the lifetime ("
                    + lifetime + "), or every subscription would be renewed as soon as it is made");
        }
        Duration max = GRAPH_MAX_EVENTS_LIFETIME.minus(MARGIN);
        this.lifetime = lifetime.compareTo(max) > 0 ? max : lifetime;
        this.renewBefore = renewBefore;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The expirationDateTime to ask Graph for, on creation and on renewal. */
    public Instant expirationFrom(Instant now) {
        return now.plus(lifetime);
    }

    /** A subscription is due when it expires within renew-before, or a lifecycle event asked for work, and no
     * earlier failure asked to wait. */
    public boolean isDue(Instant expiresAt, boolean actionPending, Instant notBefore, Instant now) {
        if (notBefore != null && notBefore.isAfter(now)) {
            return false;
        }
        return actionPending || !expiresAt.isAfter(now.plus(renewBefore));
    }

    /** The latest expiry that is due now (what the scheduler's query compares with). */
    public Instant dueIfExpiringBefore(Instant now) {
        return now.plus(renewBefore);
    }
}

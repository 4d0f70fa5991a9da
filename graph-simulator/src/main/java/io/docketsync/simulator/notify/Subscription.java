package io.docketsync.simulator.notify;

import java.time.Instant;

/** A change-notification subscription on one mailbox's events. Mutable fields change under the store's lock. */
public final class Subscription {
    public final String id;
    public final String appId;
    public final String creatorId;
    public final String tenantId;
    public final String resource;
    public final String mailboxUserId;
    public final String changeType;
    public final String clientState;
    public final String notificationUrl;
    public final String lifecycleNotificationUrl;
    public volatile Instant expirationDateTime;
    /** Created with {@code Prefer: IdType="ImmutableId"}: its notifications name events by their immutable ids. */
    public final boolean immutableIds;
    /** A {@code missed} lifecycle notification was sent and no change notification has been delivered since. */
    volatile boolean missedReported;

    public Subscription(String id, String appId, String creatorId, String tenantId, String resource,
            String mailboxUserId, String changeType, String clientState, String notificationUrl,
            String lifecycleNotificationUrl, Instant expirationDateTime, boolean immutableIds) {
        this.id = id;
        this.appId = appId;
        this.creatorId = creatorId;
        this.tenantId = tenantId;
        this.resource = resource;
        this.mailboxUserId = mailboxUserId;
        this.changeType = changeType;
        this.clientState = clientState;
        this.notificationUrl = notificationUrl;
        this.lifecycleNotificationUrl = lifecycleNotificationUrl;
        this.expirationDateTime = expirationDateTime;
        this.immutableIds = immutableIds;
    }

    public boolean expired() {
        return !expirationDateTime.isAfter(Instant.now());
    }

    public boolean wants(String change) {
        for (String c : changeType.split(",")) {
            if (c.trim().equalsIgnoreCase(change)) {
                return true;
            }
        }
        return false;
    }
}

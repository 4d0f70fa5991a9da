package io.docketsync.contracts;

import java.time.Instant;

/**
 * On {@link Topics#GRAPH_NOTIFICATIONS}, keyed by firm id + user id ({@link UserKey#kafkaKey()}): a validated Graph notification as received,
 * or a request to repair the mailbox by a delta query.
 *
 * @param changeType     created / updated / deleted for CHANGE
 * @param lifecycleEvent reauthorizationRequired / subscriptionRemoved / missed for LIFECYCLE
 * @param eventId        resourceData.id of the changed event
 * @param changeKey      the event's change key after the change (resourceData's {@code @odata.etag}), when Graph
 *                       sent one: lets the worker recognise the echo of its own write without reading the event
 */
public record GraphNotification(Kind kind, String userId, String firmId, String mailbox, String subscriptionId,
        String changeType, String lifecycleEvent, String resource, String eventId, String changeKey,
        Instant receivedAt) {
    public static final String TYPE = "io.docketsync.graph.notification.v1";

    public UserKey user() {
        return UserKey.of(firmId, userId);
    }

    public enum Kind { CHANGE, LIFECYCLE, DELTA_REPAIR }
}

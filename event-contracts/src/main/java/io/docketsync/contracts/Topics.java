package io.docketsync.contracts;

import java.util.List;

/** Kafka topic names: the contract between services (DESIGN.md section 2). A payload change that is
 * not additive gets a new {@code .vN} topic, never an edit of these. */
public final class Topics {
    private Topics() {
    }

    /** Keyed by activity id. Created / updated / deleted activities, full snapshot. */
    public static final String ACTIVITY_CHANGES = "activity.changes.v1";
    /** Keyed by activity id (firm id for creates). Changes that came from Office 365. */
    public static final String ACTIVITY_COMMANDS = "activity.commands.v1";
    /** Compacted, keyed by firm id. A firm's Office 365 settings and its users. */
    public static final String SETTINGS_CHANGES = "settings.changes.v1";
    /** Compacted, keyed by firm id + user id ({@link UserKey#kafkaKey()}). A user's Office 365 connection state. */
    public static final String CONNECTIONS = "connections.v1";
    /** Keyed by mailbox (firm id + user id, {@link UserKey#kafkaKey()}). Validated Graph change and lifecycle notifications. */
    public static final String GRAPH_NOTIFICATIONS = "graph.notifications.v1";
    /** Keyed by mailbox (firm id + user id, {@link UserKey#kafkaKey()}). One planned write to one mailbox. */
    public static final String MAILBOX_OPS = "sync.mailbox-ops.v1";
    /** Keyed by activity id (job id for job progress). Per activity and user sync status. */
    public static final String SYNC_STATUS = "sync.status.v1";
    /** Keyed by firm id + user id ({@link UserKey#kafkaKey()}). Push-my-calendar and import jobs accepted by activity-service for the
     * sync-worker (not in DESIGN.md's first table: a job needs a way from the API to the worker). */
    public static final String SYNC_JOBS = "sync.jobs.v1";

    /** Compacted topics hold state; the others hold a stream of changes. */
    public static final List<String> COMPACTED = List.of(SETTINGS_CHANGES, CONNECTIONS);

    public static final List<String> ALL = List.of(ACTIVITY_CHANGES, ACTIVITY_COMMANDS, SETTINGS_CHANGES,
            CONNECTIONS, GRAPH_NOTIFICATIONS, MAILBOX_OPS, SYNC_STATUS, SYNC_JOBS);

    /** The dead-letter topic of a topic: what could not be processed after retries, with the reason. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}

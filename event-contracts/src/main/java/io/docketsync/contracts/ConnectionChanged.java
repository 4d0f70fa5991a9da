package io.docketsync.contracts;

import java.time.Instant;

/** On compacted {@link Topics#CONNECTIONS}, keyed by firm id + user id ({@link UserKey#kafkaKey()}). */
public record ConnectionChanged(String userId, String firmId, ConnectionState state, String mailbox, Instant since,
        String lastError) {
    public static final String TYPE = "io.docketsync.connection.changed.v1";

    public UserKey user() {
        return UserKey.of(firmId, userId);
    }
}

package io.docketsync.contracts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A user as every service names one: a user id is unique only inside its firm (DESIGN.md section 1), so every table,
 * key, cache and internal call that names a user names the firm too.
 *
 * <p>{@link #kafkaKey()} is the key of the per-user topics ({@code connections.v1}, {@code graph.notifications.v1},
 * {@code sync.mailbox-ops.v1}, {@code sync.jobs.v1}): both parts URL-encoded and joined by '/', so two different
 * (firm, user) pairs never share a key (firm "a/b" + user "c" is not firm "a" + user "b/c").
 */
public record UserKey(String firmId, String userId) {
    public UserKey {
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(userId, "userId");
    }

    public static UserKey of(String firmId, String userId) {
        return new UserKey(firmId, userId);
    }

    public String kafkaKey() {
        return encode(firmId) + "/" + encode(userId);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return firmId + "/" + userId;
    }
}

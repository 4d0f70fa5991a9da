package io.docketsync.sync.domain;

import java.time.Instant;

/** A delegated access token for one user's mailbox, as connector-service hands it out. */
public record MailboxToken(String accessToken, String mailbox, Instant expiresAt) {
}

package io.docketsync.connector.domain;

import java.util.Optional;
import java.util.Set;

/** Only Microsoft-hosted (Exchange Online) mailboxes can be synced; Graph tells the others apart by error code. */
public final class MailboxHosting {
    /** Graph's answer for on-premises, third-party-hosted, inactive or soft-deleted mailboxes. */
    private static final Set<String> NOT_HOSTED = Set.of("MailboxNotEnabledForRESTAPI", "MailboxNotSupportedForRESTAPI");

    public static final String REFUSAL = "Your mailbox is not hosted by Microsoft (it is on-premises or with a "
            + "third-party host). Only Microsoft-hosted Office 365 mailboxes can be synced.";

    private MailboxHosting() {
    }

    /** The message to show the user when Graph's error code means the mailbox cannot be connected. */
    public static Optional<String> refusal(String graphErrorCode) {
        return graphErrorCode != null && NOT_HOSTED.contains(graphErrorCode) ? Optional.of(REFUSAL) : Optional.empty();
    }
}

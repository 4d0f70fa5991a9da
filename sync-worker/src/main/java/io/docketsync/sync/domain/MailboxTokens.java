package io.docketsync.sync.domain;

import io.docketsync.contracts.UserKey;

/** Where the worker's Graph access tokens come from (blocking; call off the event loop). */
public interface MailboxTokens {
    /** A token valid for the user's mailbox now. */
    MailboxToken tokenFor(UserKey user);

    /** The token was refused (401): do not hand it out again. */
    void forget(UserKey user);
}

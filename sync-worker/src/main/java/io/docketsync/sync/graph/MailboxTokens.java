package io.docketsync.sync.graph;

/** Where the worker's Graph access tokens come from (blocking; call off the event loop). */
public interface MailboxTokens {
    /** A token valid for the user's mailbox now. */
    MailboxToken tokenFor(String userId);

    /** The token was refused (401): do not hand it out again. */
    void forget(String userId);
}

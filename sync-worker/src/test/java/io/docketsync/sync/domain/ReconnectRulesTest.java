package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ConnectionState;
import io.docketsync.sync.domain.ReconnectRules.LinkFate;
import io.docketsync.sync.domain.ReconnectRules.RetiredFate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a connection change does to a user's links (issue 18). */
class ReconnectRulesTest {

    @ParameterizedTest(name = "link in {0}, connection {1} {2} -> {3}")
    @CsvSource({
        // the same mailbox (any case): the links stay, writes resume on the same events
        "a@firm.test, CONNECTED, a@firm.test, KEEP",
        "A@Firm.Test, CONNECTED, a@firm.test, KEEP",
        // another mailbox: the old links are retired (events and activities left alone)
        "a@firm.test, CONNECTED, b@firm.test, RETIRE",
        // disconnecting, or waiting for re-authorisation, or refused: nothing changes
        "a@firm.test, DISCONNECTED, , KEEP",
        "a@firm.test, DISCONNECTED, b@firm.test, KEEP",
        "a@firm.test, NEEDS_REAUTH, a@firm.test, KEEP",
        "a@firm.test, REFUSED, b@firm.test, KEEP",
        // a connection that names no mailbox cannot tell: keep
        "a@firm.test, CONNECTED, , KEEP",
    })
    void aLinkWhenTheConnectionChanges(String linkMailbox, ConnectionState state, String mailbox, LinkFate expected) {
        assertEquals(expected, ReconnectRules.fate(linkMailbox, state, mailbox));
    }

    @ParameterizedTest(name = "retired from {0}, connection {1} {2}, live {3}, scheduled {4}, linked since {5} -> {6}")
    @CsvSource({
        // the mailbox is connected again: its links come back (its events are updated, never made twice)
        "a@firm.test, CONNECTED, a@firm.test, true, true, false, RELINK",
        "a@firm.test, CONNECTED, A@FIRM.TEST, true, true, false, RELINK",
        // unless the activity is gone, the user left it, or it was written there anew meanwhile
        "a@firm.test, CONNECTED, a@firm.test, false, false, false, STAY",
        "a@firm.test, CONNECTED, a@firm.test, true, false, false, STAY",
        "a@firm.test, CONNECTED, a@firm.test, true, true, true, STAY",
        // another mailbox, or not connected: they stay retired
        "a@firm.test, CONNECTED, b@firm.test, true, true, false, STAY",
        "a@firm.test, DISCONNECTED, a@firm.test, true, true, false, STAY",
    })
    void aRetiredLink(String retiredMailbox, ConnectionState state, String mailbox, boolean live, boolean scheduled,
            boolean linked, RetiredFate expected) {
        assertEquals(expected, ReconnectRules.retired(retiredMailbox, state, mailbox, live, scheduled, linked));
    }
}

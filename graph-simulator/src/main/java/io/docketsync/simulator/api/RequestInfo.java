package io.docketsync.simulator.api;

import io.docketsync.simulator.auth.TokenService;
import io.docketsync.simulator.state.Directory;
import jakarta.enterprise.context.RequestScoped;

/**
 * What the Graph filter learned about the current request: ids, caller, and the mailbox it addresses.
 * Only methods: a request-scoped bean is reached through a client proxy, whose own fields are shared.
 */
@RequestScoped
public class RequestInfo {
    private String requestId;
    private String clientRequestId;
    private TokenService.Caller caller;
    private Directory.User mailbox;
    private String mailboxRef;
    private boolean holdsSlot;
    private long received;

    public String requestId() {
        return requestId;
    }

    public void requestId(String id) {
        requestId = id;
    }

    public String clientRequestId() {
        return clientRequestId;
    }

    public void clientRequestId(String id) {
        clientRequestId = id;
    }

    public TokenService.Caller caller() {
        return caller;
    }

    public void caller(TokenService.Caller c) {
        caller = c;
    }

    public Directory.User mailbox() {
        return mailbox;
    }

    public void mailbox(Directory.User m) {
        mailbox = m;
    }

    public String mailboxRef() {
        return mailboxRef;
    }

    public void mailboxRef(String ref) {
        mailboxRef = ref;
    }

    public boolean holdsSlot() {
        return holdsSlot;
    }

    public void holdsSlot(boolean holds) {
        holdsSlot = holds;
    }

    /** System.nanoTime() when the request reached the Graph filter. */
    public long received() {
        return received;
    }

    public void received(long nanoTime) {
        received = nanoTime;
    }
}

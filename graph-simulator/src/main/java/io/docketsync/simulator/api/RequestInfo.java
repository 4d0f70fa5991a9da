package io.docketsync.simulator.api;

import io.docketsync.simulator.auth.TokenService;
import io.docketsync.simulator.state.Directory;
import jakarta.enterprise.context.RequestScoped;

/** What the Graph filter learned about the current request: ids, caller, and the mailbox it addresses. */
@RequestScoped
public class RequestInfo {
    String requestId;
    String clientRequestId;
    TokenService.Caller caller;
    Directory.User mailbox;
    String mailboxRef;
    boolean holdsSlot;

    public String requestId() {
        return requestId;
    }

    public String clientRequestId() {
        return clientRequestId;
    }

    public TokenService.Caller caller() {
        return caller;
    }
}

package io.docketsync.simulator.api;

import io.docketsync.simulator.auth.TokenService;
import io.docketsync.simulator.limits.FaultInjector;
import io.docketsync.simulator.limits.LatencyModel;
import io.docketsync.simulator.limits.MailboxLimits;
import io.docketsync.simulator.state.Directory;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every Graph call goes through before its resource: request ids, bearer token, the mailbox it
 * addresses (on-premises mailboxes refused), the mailbox's limits and injected faults. Runs on the worker
 * thread of the (blocking) resource, so an injected delay holds its concurrency slot like a slow Exchange.
 */
public class GraphFilter {
    private static final Pattern MAILBOX_PATH = Pattern.compile("^/?v1\\.0/(me|users/([^/]+))(/[^?]*)?$");
    private static final Pattern CALENDAR_PATH = Pattern.compile("^/(events|calendar|calendarView|mailboxSettings)(/.*)?$");

    private static final Uni<Void> NO_WAIT = Uni.createFrom().voidItem();

    @Inject
    TokenService tokens;
    @Inject
    Directory directory;
    @Inject
    MailboxLimits limits;
    @Inject
    FaultInjector faults;
    @Inject
    RequestInfo info;
    @Inject
    GraphErrors errors;
    @Inject
    RequestLog log;
    @Inject
    LatencyModel latency;
    @Inject
    Vertx vertx;

    /** Clients may write OData's '$' as %24 in the path (/v1.0/%24batch): route both alike. */
    @ServerRequestFilter(preMatching = true)
    public void decodeDollar(ContainerRequestContext request) {
        java.net.URI uri = request.getUriInfo().getRequestUri();
        if (uri.getRawPath().contains("%24")) {
            String raw = uri.toString();
            int query = raw.indexOf('?');
            String path = query < 0 ? raw : raw.substring(0, query);
            request.setRequestUri(java.net.URI.create(path.replace("%24", "$") + (query < 0 ? "" : raw.substring(query))));
        }
    }

    @ServerRequestFilter
    public Response before(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isGraph(path)) {
            return null;
        }
        info.received(System.nanoTime());
        info.requestId(UUID.randomUUID().toString());
        String clientRequestId = request.getHeaderString("client-request-id");
        info.clientRequestId(clientRequestId == null ? info.requestId() : clientRequestId);
        try {
            info.caller(tokens.verify(request.getHeaderString("Authorization")));
            resolveMailbox(path);
            return null;
        } catch (GraphException e) {
            return errors.response(e);
        }
    }

    private void resolveMailbox(String path) {
        Matcher m = MAILBOX_PATH.matcher(path);
        if (!m.matches()) {
            return;
        }
        TokenService.Caller caller = info.caller();
        String rest = m.group(3) == null ? "" : m.group(3);
        if ("me".equals(m.group(1))) {
            if (caller.appOnly()) {
                throw GraphException.meNeedsDelegatedToken();
            }
            info.mailboxRef(caller.userId());
        } else {
            info.mailboxRef(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        info.mailbox(directory.user(info.mailboxRef()).filter(u -> u.tenantId().equals(caller.tenantId())).orElse(null));
        if (!CALENDAR_PATH.matcher(rest).matches()) {
            return; // the user resource itself: its resource answers a missing user in Entra's words
        }
        Directory.User mailbox = info.mailbox();
        if (mailbox == null) {
            throw GraphException.invalidUser(info.mailboxRef());
        }
        if (!caller.appOnly() && !mailbox.id().equals(caller.userId())) {
            throw new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        if (mailbox.onPremises()) {
            throw GraphException.mailboxNotEnabled();
        }
        limits.acquire(caller.appId(), mailbox.id());
        info.holdsSlot(true);
        faults.apply(mailbox.id());
    }

    /**
     * Graph's answer time (the latency model, off unless configured): after {@link #before} let the request through,
     * so the wait holds the mailbox's concurrency slot as Exchange serving it would. A Vert.x timer: no thread waits,
     * the request is suspended and resumed on its worker. A $batch's envelope takes no time of its own; its inner
     * requests, replayed against this server, each wait theirs (four at a time, as Graph runs them).
     */
    @ServerRequestFilter(priority = Priorities.USER + 10)
    public Uni<Void> latency(ContainerRequestContext request) {
        String path = stripSlash(request.getUriInfo().getPath());
        if (!isGraph(path) || path.startsWith("v1.0/$batch")) {
            return NO_WAIT;
        }
        Duration wait = latency.next();
        if (wait.isZero()) {
            return NO_WAIT;
        }
        return Uni.createFrom().emitter(done -> vertx.setTimer(Math.max(1, wait.toMillis()), id -> done.complete(null)));
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!isGraph(path) || info.requestId() == null) {
            return;
        }
        if (info.holdsSlot()) {
            info.holdsSlot(false);
            limits.release(info.caller().appId(), info.mailbox().id());
        }
        response.getHeaders().putSingle("request-id", info.requestId());
        response.getHeaders().putSingle("client-request-id",
                info.clientRequestId() == null ? info.requestId() : info.clientRequestId());
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        log.record(new RequestLog.Entry(Instant.now(), info.caller() == null ? null : info.caller().appId(),
                info.mailbox() != null ? info.mailbox().userPrincipalName() : info.mailboxRef(), request.getMethod(),
                "/" + stripSlash(path) + (query == null ? "" : "?" + query), response.getStatus(), info.requestId(),
                (System.nanoTime() - info.received()) / 1_000_000));
    }

    private static boolean isGraph(String path) {
        return stripSlash(path).startsWith("v1.0/") || stripSlash(path).equals("v1.0");
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}

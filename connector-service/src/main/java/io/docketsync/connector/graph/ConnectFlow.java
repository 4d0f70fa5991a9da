package io.docketsync.connector.graph;

import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.domain.AuthorizationRequestRules;
import io.docketsync.connector.domain.ConnectOutcome;
import io.docketsync.connector.domain.MailboxHosting;
import io.docketsync.connector.domain.Secrets;
import io.docketsync.connector.domain.SubscriptionPolicy;
import io.docketsync.connector.domain.TokenCipher;
import io.docketsync.connector.messaging.ConnectionPublisher;
import io.docketsync.connector.persistence.AuthorizationRequestEntity;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.connector.persistence.CredentialEntity;
import io.docketsync.contracts.UserKey;
import io.docketsync.connector.persistence.SubscriptionEntity;
import io.docketsync.connector.persistence.TokenVault;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Origin;
import io.docketsync.graph.EntraEndpoints;
import io.docketsync.graph.Pkce;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * User Settings &gt; Office 365 &gt; Connect: the authorization-code flow with PKCE against Entra ID, the check
 * that the mailbox is Microsoft-hosted, the change-notification subscription, and Disconnect.
 */
@ApplicationScoped
public class ConnectFlow {
    private static final Logger LOG = Logger.getLogger(ConnectFlow.class);
    public static final String CALLBACK_PATH = "/connections/office365/callback";

    public record Started(String authorizationUrl, Instant expiresAt) {
    }

    /** What the callback learnt from Graph about the signed-in mailbox. */
    private record Probe(GraphGateway.Mailbox mailbox, Optional<String> refusal) {
    }

    private record Attempt(AuthorizationRequestEntity request, EntraTokenClient.TokenSet tokens) {
    }

    /** Ends the flow early with an outcome for the browser. */
    private static final class Stop extends RuntimeException {
        final transient ConnectOutcome outcome;

        Stop(ConnectOutcome outcome) {
            super(outcome.reason(), null, false, false);
            this.outcome = outcome;
        }
    }

    @Inject
    ConnectorConfig config;
    @Inject
    TokenVault vault;
    @Inject
    EntraTokenClient entra;
    @Inject
    GraphGateway graph;
    @Inject
    GraphTokens tokens;
    @Inject
    ConnectionPublisher publisher;

    /** Inconsistent lifetimes, or a base URL Graph would not deliver to, stop the service at start. */
    void check(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        io.docketsync.connector.domain.PublicBaseUrl.check(config.publicBaseUrl());
        subscriptionPolicy();
        new io.docketsync.connector.domain.TokenPolicy(config.tokenRefreshSkew());
        new EntraEndpoints(config.entraAuthority(), config.entraTenant());
        java.net.URI.create(redirectUri());
    }

    public String redirectUri() {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH;
    }

    public SubscriptionPolicy subscriptionPolicy() {
        return new SubscriptionPolicy(config.subscriptionLifetime(), config.subscriptionRenewBefore());
    }

    /** A new single-use state bound to the user, a PKCE pair, and the URL to send the browser to. */
    public Uni<Started> start(String userId, String firmId, String loginHint) {
        String state = Secrets.random();
        Pkce pkce = Pkce.create();
        Instant now = Instant.now();
        AuthorizationRequestEntity request = new AuthorizationRequestEntity();
        request.stateHash = Secrets.hash(state);
        request.userId = userId;
        request.firmId = firmId;
        request.codeVerifier = vault.seal(pkce.verifier(), AuthorizationRequestEntity.verifierContext(request.stateHash));
        request.createdAt = now;
        request.expiresAt = AuthorizationRequestRules.expiresAt(now, config.stateLifetime());
        String url = new EntraEndpoints(config.entraAuthority(), config.entraTenant()).authorizeRequest(config.clientId(),
                redirectUri(), AuthorizationRequestRules.SCOPES, state, pkce.challenge(), loginHint);
        return Panache.withTransaction(() -> AuthorizationRequestEntity.delete("expiresAt < ?1", now)
                .chain(() -> request.persist()))
                .map(ignored -> new Started(url, request.expiresAt));
    }

    /** The browser's return from Entra ID: always an outcome for the front end, never an exception. */
    public Uni<ConnectOutcome> complete(String code, String state, String error, String errorDescription) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().item(ConnectOutcome.failed(
                    "The answer from Microsoft carried no state. Please connect again."));
        }
        return consume(state)
                .map(request -> {
                    if (error != null) {
                        throw new Stop(ConnectOutcome.failed("Microsoft did not sign you in: "
                                + (errorDescription == null ? error : errorDescription)));
                    }
                    if (code == null || code.isBlank()) {
                        throw new Stop(ConnectOutcome.failed("The answer from Microsoft carried no authorization code."));
                    }
                    return request;
                })
                .chain(request -> {
                    String verifier;
                    try {
                        verifier = vault.open(request.codeVerifier, AuthorizationRequestEntity.verifierContext(
                                request.stateHash));
                    } catch (TokenCipher.SealedValueException e) {
                        throw new Stop(ConnectOutcome.failed("The sign-in could not be completed. Please connect again."));
                    }
                    return entra.exchangeCode(code, redirectUri(), verifier)
                            .onFailure(e -> !(e instanceof Stop)).transform(e -> new Stop(ConnectOutcome.failed(
                                    "Microsoft did not complete the sign-in: " + e.getMessage())))
                            .map(t -> new Attempt(request, t));
                })
                .chain(this::connect)
                .onFailure(Stop.class).recoverWithItem(e -> ((Stop) e).outcome)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "the Connect flow failed");
                    return ConnectOutcome.failed("The connection could not be completed. Please try again.");
                });
    }

    /**
     * The request, once: deleted as it is read, in one statement, so a replayed state finds nothing. Not a loaded
     * entity's {@code delete()}: with callbacks at the same moment, Hibernate Reactive completed that delete on
     * another request's event loop (HR000069, quarkusio/quarkus#41945) and the callback failed or hung.
     */
    private Uni<AuthorizationRequestEntity> consume(String state) {
        String hash = Secrets.hash(state);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from authorization_request where state_hash = :hash returning *",
                        AuthorizationRequestEntity.class).setParameter("hash", hash).getSingleResultOrNull()))
                .map(request -> {
                    if (request == null) {
                        throw new Stop(ConnectOutcome.failed("This sign-in was already used or is unknown. "
                                + "Please connect again."));
                    }
                    if (AuthorizationRequestRules.expired(request.expiresAt, Instant.now())) {
                        throw new Stop(ConnectOutcome.failed("The sign-in took too long. Please connect again."));
                    }
                    return request;
                });
    }

    private Uni<ConnectOutcome> connect(Attempt attempt) {
        String accessToken = attempt.tokens().accessToken();
        return Offload.blocking(() -> {
            GraphGateway.Mailbox mailbox = graph.me(accessToken);
            try {
                graph.readCalendar(accessToken);
                return new Probe(mailbox, Optional.<String>empty());
            } catch (GraphCallException e) {
                Optional<String> refusal = MailboxHosting.refusal(e.code());
                if (refusal.isEmpty()) {
                    throw e;
                }
                return new Probe(mailbox, refusal);
            }
        }).chain(probe -> probe.refusal().isPresent()
                ? refuse(attempt.request(), probe.mailbox().address(), probe.refusal().get())
                : subscribeAndStore(attempt, probe.mailbox().address()))
                .onFailure(GraphCallException.class).transform(e -> new Stop(ConnectOutcome.failed(
                        "Office 365 answered an error: " + e.getMessage())));
    }

    private Uni<ConnectOutcome> refuse(AuthorizationRequestEntity request, String mailbox, String reason) {
        // a user who was connected (to another mailbox) loses that connection: its subscription is deleted at Graph
        // with its own tokens, which are then erased like the refused mailbox's
        return Panache.withTransaction(() -> lockOrCreate(request.userId, request.firmId).call(c -> SubscriptionEntity
                .<SubscriptionEntity>findById(c.key()).chain(sub -> deleteAtGraph(c, sub))).chain(c -> {
            c.state = ConnectionState.REFUSED;
            c.mailbox = mailbox;
            c.since = Instant.now();
            c.lastError = reason;
            return CredentialEntity.erase(c.firmId, c.userId)
                    .chain(() -> SubscriptionEntity.delete("firmId = ?1 and userId = ?2", c.firmId, c.userId))
                    .chain(() -> c.<ConnectionEntity>persist())
                    .call(saved -> publisher.stateChanged(saved, Origin.app(saved.userId)));
        })).map(ignored -> ConnectOutcome.refused(reason));
    }

    private Uni<ConnectOutcome> subscribeAndStore(Attempt attempt, String mailbox) {
        EntraTokenClient.TokenSet t = attempt.tokens();
        if (t.refreshToken() == null) {
            return Uni.createFrom().item(ConnectOutcome.failed(
                    "Microsoft granted no refresh token (offline_access); the connection would not last."));
        }
        String clientState = Secrets.random();
        Instant expiration = subscriptionPolicy().expirationFrom(Instant.now());
        return Offload.blocking(() -> graph.createSubscription(t.accessToken(), clientState, expiration))
                .onFailure(GraphCallException.class).transform(e -> new Stop(ConnectOutcome.failed(
                        "Office 365 did not accept the change-notification subscription: " + e.getMessage())))
                .chain(created -> store(attempt.request(), mailbox, t, created, clientState)
                        .onFailure().call(e -> Offload.blocking(() -> {
                            graph.deleteSubscription(t.accessToken(), created.id());
                            return null;
                        }).onFailure().recoverWithNull()))
                .call(previous -> previous == null ? Uni.createFrom().voidItem()
                        : Offload.blocking(() -> {
                            // best effort: the old subscription's clientState is gone, so its notifications are
                            // rejected anyway, and Graph ends it when it expires
                            graph.deleteSubscription(t.accessToken(), previous);
                            return null;
                        }).onFailure().invoke(e -> LOG.infof("old subscription %s not deleted: %s", previous,
                                e.getMessage())).onFailure().recoverWithNull().replaceWithVoid())
                .map(ignored -> ConnectOutcome.connected());
    }

    /** Stores the connection; answers the id of a subscription it replaced (to delete at Graph), or null. */
    private Uni<String> store(AuthorizationRequestEntity request, String mailbox, EntraTokenClient.TokenSet t,
            GraphGateway.CreatedSubscription created, String clientState) {
        return Panache.withTransaction(() -> lockOrCreate(request.userId, request.firmId).chain(c -> {
            Instant now = Instant.now();
            c.state = ConnectionState.CONNECTED;
            c.mailbox = mailbox;
            c.since = now;
            c.lastError = null;
            return c.<ConnectionEntity>persist()
                    .chain(saved -> CredentialEntity.<CredentialEntity>findById(saved.key()))
                    .chain(existing -> {
                        CredentialEntity credential = existing == null ? new CredentialEntity() : existing;
                        credential.firmId = c.firmId;
                        credential.userId = c.userId;
                        vault.store(credential, t.accessToken(), t.refreshToken(), t.accessExpiresAt());
                        return credential.persist();
                    })
                    .chain(() -> SubscriptionEntity.<SubscriptionEntity>findById(c.key()))
                    .chain(existing -> {
                        String previous = existing == null || existing.subscriptionId.equals(created.id()) ? null
                                : existing.subscriptionId;
                        SubscriptionEntity s = existing == null ? new SubscriptionEntity() : existing;
                        s.firmId = c.firmId;
                        s.userId = c.userId;
                        s.subscriptionId = created.id();
                        s.clientStateHash = Secrets.hash(clientState);
                        s.resource = GraphGateway.EVENTS_RESOURCE;
                        s.expiresAt = created.expiresAt();
                        s.pendingAction = null;
                        s.nextAttemptAt = null;
                        s.renewals = 0;
                        s.lastError = null;
                        s.createdAt = now;
                        s.updatedAt = now;
                        return s.persist().replaceWith(previous);
                    })
                    .call(() -> publisher.stateChanged(c, Origin.app(c.userId)));
        }));
    }

    /** Disconnect: the subscription is deleted at Graph, the tokens erased, DISCONNECTED published. */
    public Uni<ConnectionChanged> disconnect(String userId, String firmId) {
        return Panache.withTransaction(() -> lockOrCreate(userId, firmId).chain(c -> SubscriptionEntity
                .<SubscriptionEntity>findById(c.key()).chain(sub -> deleteAtGraph(c, sub)).chain(() -> {
                    c.state = ConnectionState.DISCONNECTED;
                    c.since = Instant.now();
                    c.lastError = null;
                    return SubscriptionEntity.delete("firmId = ?1 and userId = ?2", firmId, userId)
                            .chain(() -> CredentialEntity.erase(firmId, userId))
                            .chain(() -> c.<ConnectionEntity>persist())
                            .call(saved -> publisher.stateChanged(saved, Origin.app(userId)))
                            .map(ConnectionEntity::toEvent);
                })));
    }

    private Uni<Void> deleteAtGraph(ConnectionEntity c, SubscriptionEntity sub) {
        if (sub == null || c.state != ConnectionState.CONNECTED) {
            return Uni.createFrom().voidItem();
        }
        return tokens.forLockedConnection(c).chain(result -> {
            if (result instanceof GraphTokens.Issued issued) {
                return Offload.blocking(() -> {
                    graph.deleteSubscription(issued.accessToken(), sub.subscriptionId);
                    return null;
                });
            }
            return Uni.createFrom().nullItem();
        }).onFailure().invoke(e -> LOG.warnf("subscription %s of user %s not deleted at Graph (it expires on its own; "
                + "its notifications are rejected): %s", sub.subscriptionId, c.key(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The user's connection in their own firm, locked; a user id of another firm is another connection. */
    private static Uni<ConnectionEntity> lockOrCreate(String userId, String firmId) {
        return ConnectionEntity.<ConnectionEntity>findById(UserKey.of(firmId, userId), LockModeType.PESSIMISTIC_WRITE)
                .map(found -> {
            if (found != null) {
                return found;
            }
            ConnectionEntity c = new ConnectionEntity();
            c.userId = userId;
            c.firmId = firmId;
            c.state = ConnectionState.DISCONNECTED;
            c.since = Instant.now();
            return c;
        });
    }
}

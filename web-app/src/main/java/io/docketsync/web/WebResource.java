package io.docketsync.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** What the page needs before anyone signs in: how to sign in, and whether the simulator's calendars are there. */
@Path("/web")
@Produces(MediaType.APPLICATION_JSON)
public class WebResource {
    @Inject
    WebConfig config;
    @Inject
    DemoTokens demo;

    public record Oidc(String issuer, String clientId, String scope) {
    }

    /** signIn: {@code demo} (local run), {@code oidc} (the firm's provider) or {@code none} (not configured). */
    public record ClientConfig(String signIn, List<DemoTokens.DemoUser> demoUsers, Oidc oidc, boolean simulator,
            String mailboxDomain) {
    }

    public record DemoSignIn(String user) {
    }

    @GET
    @Path("config")
    public ClientConfig clientConfig() {
        boolean oidc = config.oidc().issuer().isPresent() && config.oidc().clientId().isPresent();
        String signIn = config.demo().enabled() ? "demo" : oidc ? "oidc" : "none";
        return new ClientConfig(signIn, config.demo().enabled() ? demo.users() : List.of(),
                oidc ? new Oidc(config.oidc().issuer().get(), config.oidc().clientId().get(), config.oidc().scope()) : null,
                config.simulator().url().isPresent(), config.simulator().mailboxDomain());
    }

    /** The local run's sign-in: a token for a demo user. 404 unless the local run turned demo sign-in on. */
    @POST
    @Path("demo-token")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response demoToken(DemoSignIn in) {
        if (!config.demo().enabled()) {
            return Problems.response(404, "No demo sign-in", "Demo sign-in exists only in the local run.");
        }
        return demo.sign(in == null ? null : in.user()).map(t -> Response.ok(t).build())
                .orElseGet(() -> Problems.response(400, "No such demo user", "Demo users: "
                        + demo.users().stream().map(DemoTokens.DemoUser::id).toList()));
    }
}

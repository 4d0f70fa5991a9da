package io.docketsync.api;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Problem documents for what is refused before JAX-RS sees a request: bodies over
 * {@code quarkus.http.limits.max-body-size} (413), request targets longer than {@code docketsync.api.max-url-length}
 * (414) and bearer tokens the authentication mechanism refuses (401). Without this Vert.x answers them with a bare
 * status and no body. (Unknown paths and methods reach JAX-RS, whose exceptions ProblemMappers answers.)
 *
 * <p>The HTTP codec's own line limit ({@code quarkus.http.limits.max-initial-line-length}, set above
 * {@code max-url-length} by this module) still cuts absurd request lines with a bare 414: Quarkus offers no hook
 * into Vert.x's invalid-request handler.
 */
@Singleton
public class HttpProblems {
    static final String UNAUTHENTICATED_DETAIL = "the bearer token is missing, invalid or expired: a valid bearer token "
            + "of the firm's identity provider is required";
    /** Ahead of Quarkus' own upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2), which answers bare 413s. */
    static final int ORDER = -3;

    void routes(@Observes Router router) {
        var config = ConfigProvider.getConfig();
        long maxBody = config.getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .map(s -> new MemorySizeConverter().convert(s).asLongValue()).orElse(Long.MAX_VALUE);
        int maxUrl = config.getOptionalValue("docketsync.api.max-url-length", Integer.class).orElse(8192);

        router.route().order(ORDER).handler(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && uri.length() > maxUrl) {
                refuse(ctx, Problem.of(ProblemType.URI_TOO_LONG, "the request target is " + uri.length()
                        + " characters long; at most " + maxUrl + " are accepted"));
                return;
            }
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, maxBody)) {
                refuse(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body is " + length.trim()
                        + " bytes; at most " + maxBody + " are accepted"));
                return;
            }
            ctx.next();
        });

        router.route().order(ORDER).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            if (ctx.response().ended()) {
                return;
            }
            if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
                send(ctx, Problem.of(ProblemType.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL));
            } else if (failure instanceof io.quarkus.security.ForbiddenException) {
                send(ctx, Problem.of(ProblemType.FORBIDDEN, "the bearer token does not allow this operation"));
            } else if (failure instanceof HttpException h && h.getStatusCode() < 500) {
                // e.g. Vert.x' body handler: 413 for a chunked body past the limit
                send(ctx, Problem.ofStatus(h.getStatusCode(), h.getPayload()));
            } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                send(ctx, Problem.ofStatus(ctx.statusCode(), null));
            } else {
                ctx.next();
            }
        });
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed Content-Length itself
        }
    }

    /** Answers and closes the connection: the rest of the request is not read. */
    private static void refuse(RoutingContext ctx, Problem problem) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().endHandler(ignored -> ctx.request().connection().close());
        send(ctx, problem);
    }

    static void send(RoutingContext ctx, Problem problem) {
        byte[] body;
        try {
            body = StrictJson.MAPPER.writeValueAsBytes(problem);
        } catch (Exception e) {
            body = ("{\"type\":\"" + problem.type() + "\",\"status\":" + problem.status() + "}").getBytes();
        }
        var response = ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(Buffer.buffer(body));
    }
}

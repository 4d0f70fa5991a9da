package io.docketsync.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The browser's way to the public APIs: {@code /api/activity/...}, {@code /api/settings/...} and
 * {@code /api/connector/...} are passed on to the service with the caller's bearer token, and the answer comes
 * back as the service gave it (status, problem+json, ETag). Same origin, so the services need no CORS, and only
 * their public resources are reachable: nothing under {@code /internal} or {@code /q}.
 */
@Path("/api/{service}")
public class ApiProxy {
    /** Per service, the first path segments a front end may call (the services' public resources). */
    static final Map<String, List<String>> PUBLIC = Map.of(
            "activity", List.of("activities", "office365", "me"),
            "settings", List.of("settings", "users"),
            "connector", List.of("connections"));
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept", "If-Match",
            "If-None-Match");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Retry-After");

    @Inject
    WebConfig config;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @GET
    @Path("{path: .+}")
    public CompletionStage<Response> get(@PathParam("service") String service, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward("GET", service, uri, headers, null);
    }

    @POST
    @Path("{path: .+}")
    public CompletionStage<Response> post(@PathParam("service") String service, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return forward("POST", service, uri, headers, body);
    }

    @PUT
    @Path("{path: .+}")
    public CompletionStage<Response> put(@PathParam("service") String service, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", service, uri, headers, body);
    }

    @PATCH
    @Path("{path: .+}")
    public CompletionStage<Response> patch(@PathParam("service") String service, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return forward("PATCH", service, uri, headers, body);
    }

    @DELETE
    @Path("{path: .+}")
    public CompletionStage<Response> delete(@PathParam("service") String service, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward("DELETE", service, uri, headers, null);
    }

    private CompletionStage<Response> forward(String method, String service, UriInfo uri, HttpHeaders headers,
            byte[] body) {
        Optional<String> base = baseUrl(service);
        String rawPath = uri.getRequestUri().getRawPath().substring(("/api/" + service).length());
        if (base.isEmpty() || !isPublic(service, rawPath)) {
            return CompletableFuture.completedFuture(Problems.response(404, "Not a public API",
                    "The web app passes on only the services' public resources: " + PUBLIC));
        }
        String query = uri.getRequestUri().getRawQuery();
        URI target = URI.create(base.get() + rawPath + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.apiTimeout())
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(answer -> {
                    Response.ResponseBuilder out = Response.status(answer.statusCode());
                    if (answer.body().length > 0) {
                        out.entity(answer.body());
                    }
                    for (String name : RESPONSE_HEADERS) {
                        answer.headers().firstValue(name).ifPresent(v -> out.header(name, v));
                    }
                    return out.build();
                })
                .exceptionally(e -> Problems.response(502, service + "-service is not answering",
                        "The web app could not reach " + base.get() + ": " + rootMessage(e)));
    }

    private Optional<String> baseUrl(String service) {
        return Optional.ofNullable(switch (service) {
            case "activity" -> config.activityUrl();
            case "settings" -> config.settingsUrl();
            case "connector" -> config.connectorUrl();
            default -> null;
        }).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** The path names a public resource, and no segment climbs out of it ({@code ..}, an encoded slash). */
    static boolean isPublic(String service, String rawPath) {
        List<String> roots = PUBLIC.get(service);
        if (roots == null || !rawPath.startsWith("/")) {
            return false;
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (String segment : segments) {
            String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return false;
            }
        }
        return roots.contains(segments[0]);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

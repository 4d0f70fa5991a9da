package io.docketsync.graph;

import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Builds Graph SDK clients for docketsync: the same code talks to graph-simulator or to graph.microsoft.com,
 * only the base URL differs. Tokens come from a supplier because they are per user (mailbox) and rotate.
 */
public final class GraphClientFactory {
    public static final String PRODUCTION_BASE_URL = "https://graph.microsoft.com/v1.0";

    /**
     * @param baseUrl    Graph's root including the version segment, e.g. http://localhost:8090/v1.0
     * @param sdkRetries false switches the SDK's RetryHandler off, so callers see 429/503 with Retry-After
     *                   and retry on their own terms (sync-worker paces mailboxes itself)
     * @param maxRetries retries per request when sdkRetries is on (the SDK allows at most 10)
     * @param timeout    connect/read/call timeout of the HTTP client
     */
    public record Settings(String baseUrl, boolean sdkRetries, int maxRetries, Duration timeout) {
        public Settings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            URI uri = URI.create(baseUrl);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("Graph base URL must be an absolute http(s) URL: " + baseUrl);
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            if (maxRetries < 0 || maxRetries > RetryHandlerOption.MAX_RETRIES) {
                throw new IllegalArgumentException("maxRetries must be 0.." + RetryHandlerOption.MAX_RETRIES);
            }
            timeout = timeout == null ? Duration.ofSeconds(100) : timeout;
        }

        public static Settings of(String baseUrl) {
            return new Settings(baseUrl, true, RetryHandlerOption.DEFAULT_MAX_RETRIES, null);
        }

        public Settings withoutSdkRetries() {
            return new Settings(baseUrl, false, 0, timeout);
        }

        public String host() {
            return URI.create(baseUrl).getHost();
        }
    }

    private final Settings settings;
    // one connection pool for all clients of this factory; clients differ only by their token supplier
    private final OkHttpClient http;

    public GraphClientFactory(Settings settings) {
        this.settings = settings;
        this.http = com.microsoft.graph.core.requests.GraphClientFactory
                .create(new GraphClientOption(), com.microsoft.graph.core.requests.GraphClientFactory
                        .createDefaultGraphInterceptors(new RequestOption[] {retryOption(settings)}))
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** A client that sends {@code accessToken.get()} as bearer token, to the configured host only. */
    public GraphServiceClient create(Supplier<String> accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        GraphServiceClient client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(
                new SuppliedTokens(accessToken, new AllowedHostsValidator(settings.host()))), http);
        client.getRequestAdapter().setBaseUrl(settings.baseUrl());
        return client;
    }

    /**
     * The client of one access token, built once: building a client (its request adapter and serializers) cost more
     * CPU than the request it then sends, and a token serves an hour of a mailbox's requests. The least recently used
     * of more than {@value #CACHED_CLIENTS} tokens are let go (a client holds no connection of its own).
     */
    public GraphServiceClient forToken(String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        return byToken.computeIfAbsent(accessToken, token -> create(() -> token));
    }

    static final int CACHED_CLIENTS = 1024;

    private final Map<String, GraphServiceClient> byToken = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, GraphServiceClient> eldest) {
                    return size() > CACHED_CLIENTS;
                }
            });

    static RetryHandlerOption retryOption(Settings settings) {
        if (!settings.sdkRetries()) {
            return new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0);
        }
        return new RetryHandlerOption(RetryHandlerOption.DEFAULT_SHOULD_RETRY, settings.maxRetries(),
                RetryHandlerOption.DEFAULT_DELAY);
    }

    private record SuppliedTokens(Supplier<String> tokens, AllowedHostsValidator hosts) implements AccessTokenProvider {
        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            // the authentication provider asks only for allowed hosts; anything else gets no token
            return hosts.isUrlHostValid(uri) ? tokens.get() : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
        }
    }
}

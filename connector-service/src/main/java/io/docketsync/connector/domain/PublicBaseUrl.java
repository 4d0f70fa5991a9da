package io.docketsync.connector.domain;

import java.net.URI;
import java.util.Locale;

/**
 * How Graph and browsers reach connector-service. Graph delivers change notifications only to HTTPS endpoints
 * (graph/api/resources/subscription), and Entra's callback carries an authorization code: the base URL is https,
 * except plain http on a loopback host for a local run (whose Graph is the simulator on the same machine).
 */
public final class PublicBaseUrl {
    private PublicBaseUrl() {
    }

    /** The URL when it may serve Graph's webhooks; refused with the reason otherwise. */
    public static URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw refused(url, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw refused(url, "it must be an absolute https:// URL");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw refused(url, "Graph delivers notifications only to https:// endpoints; http:// is allowed only on a "
                    + "loopback host (localhost, 127.0.0.1, [::1]) for a local run");
        }
        return uri;
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static IllegalArgumentException refused(String url, String why) {
        return new IllegalArgumentException("docketsync.connector.public-base-url (DOCKETSYNC_CONNECTOR_PUBLIC_BASE_URL) '"
                + url + "' is refused: " + why);
    }
}

package io.docketsync.connector.domain;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the browser lands after the Connect flow: the front end, told the outcome in its query. */
public record ConnectOutcome(Kind kind, String reason) {
    public enum Kind { CONNECTED, REFUSED, FAILED }

    public static ConnectOutcome connected() {
        return new ConnectOutcome(Kind.CONNECTED, null);
    }

    public static ConnectOutcome refused(String reason) {
        return new ConnectOutcome(Kind.REFUSED, reason);
    }

    public static ConnectOutcome failed(String reason) {
        return new ConnectOutcome(Kind.FAILED, reason);
    }

    /** {@code frontendUrl?office365=connected|refused|failed[&reason=...]}, keeping the URL's own query. */
    public URI redirect(String frontendUrl) {
        StringBuilder url = new StringBuilder(frontendUrl);
        url.append(frontendUrl.contains("?") ? '&' : '?').append("office365=").append(kind.name().toLowerCase());
        if (reason != null && !reason.isBlank()) {
            String shortReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
            url.append("&reason=").append(URLEncoder.encode(shortReason, StandardCharsets.UTF_8));
        }
        return URI.create(url.toString());
    }
}

package io.docketsync.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource sees them, path parameters holding control characters (ids never do) and query
 * parameters holding NUL (which PostgreSQL cannot store): 400 invalid-input naming the parameter, for every
 * endpoint of every service, instead of a database error (500) or a forged log line.
 */
public class RequestGuards {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        List<Violation> bad = new ArrayList<>();
        check(uri.getPathParameters(), true, bad);
        check(uri.getQueryParameters(), false, bad);
        ProblemException.requireValid(bad);
    }

    private static void check(MultivaluedMap<String, String> params, boolean path, List<Violation> bad) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            for (String value : p.getValue()) {
                if (path && TextRules.hasControl(value)) {
                    bad.add(new Violation(TextRules.visible(p.getKey()),
                            "must not contain control characters such as NUL, CR or LF"));
                    break;
                }
                if (!path && TextRules.hasNul(value)) {
                    bad.add(new Violation(TextRules.visible(p.getKey()), TextRules.NUL_MESSAGE));
                    break;
                }
            }
        }
    }
}

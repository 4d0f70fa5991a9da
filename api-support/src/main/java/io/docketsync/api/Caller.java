package io.docketsync.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling a public API, from the bearer token: user id ({@code sub}), firm ({@code firm}), roles
 * ({@code groups}). Every read and write is scoped to {@link #firmId()}. A signature-valid token whose
 * {@code sub} or {@code firm} is missing, not a string, or not an id is not a usable credential: 401, never a 500
 * or a 403 (a 403 would say "you are someone, but not allowed").
 */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken jwt;

    private String userId;
    private String firmId;

    /** The token's user; the token must name a usable firm too. */
    public String userId() {
        validate();
        return userId;
    }

    /** The token's firm; the token must name a usable user too (a request is always someone's). */
    public String firmId() {
        validate();
        return firmId;
    }

    private void validate() {
        if (userId == null) {
            String user = id("sub", "user id");
            firmId = id("firm", "firm id");
            userId = user;
        }
    }

    public boolean isAdmin() {
        return jwt.getGroups() != null && jwt.getGroups().contains("admin");
    }

    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw ProblemException.forbidden("only a firm administrator may " + action);
        }
    }

    private String id(String claim, String what) {
        Object value = jwt.getClaim(claim);
        if (value == null) {
            throw ProblemException.unauthenticated("the bearer token has no '" + claim + "' claim (the " + what + ")");
        }
        if (value instanceof JsonString s) {
            value = s.getString();
        }
        if (!(value instanceof String id)) {
            throw ProblemException.unauthenticated("the bearer token's '" + claim + "' claim is not a string (the "
                    + what + ")");
        }
        if (!TextRules.ID.matcher(id).matches()) {
            throw ProblemException.unauthenticated("the bearer token's '" + claim + "' claim is not a " + what
                    + " (letters, digits, '.', '_', '@', '-'; at most 128)");
        }
        return id;
    }
}

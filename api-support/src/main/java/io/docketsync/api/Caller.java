package io.docketsync.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling a public API, from the bearer token: user id ({@code sub}), firm ({@code firm}), roles
 * ({@code groups}). Every read and write is scoped to {@link #firmId()}. */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken jwt;

    public String userId() {
        return jwt.getSubject();
    }

    public String firmId() {
        String firm = jwt.getClaim("firm");
        if (firm == null || firm.isBlank()) {
            throw new ForbiddenException("the bearer token names no firm (claim 'firm')");
        }
        return firm;
    }

    public boolean isAdmin() {
        return jwt.getGroups().contains("admin");
    }

    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw new ForbiddenException("only a firm administrator may " + action);
        }
    }
}

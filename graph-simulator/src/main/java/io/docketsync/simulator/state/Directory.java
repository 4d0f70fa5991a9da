package io.docketsync.simulator.state;

import io.docketsync.simulator.api.GraphException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Entra ID's view: tenants and their users, each user with a mailbox in Exchange Online or on-premises. */
@ApplicationScoped
public class Directory {
    public record Tenant(String id, String domain) {
    }

    public record User(String id, String userPrincipalName, String displayName, String tenantId, boolean onPremises) {
        public String mail() {
            return userPrincipalName;
        }
    }

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, User> usersById = new ConcurrentHashMap<>();
    private final Map<String, User> usersByUpn = new ConcurrentHashMap<>();

    public synchronized Tenant addTenant(String id, String domain) {
        Tenant tenant = new Tenant(id == null ? UUID.randomUUID().toString() : id, domain.toLowerCase(Locale.ROOT));
        tenants.put(tenant.id(), tenant);
        return tenant;
    }

    /** A new user; the UPN's domain names the tenant, which is created when it is new. */
    public synchronized User addUser(String id, String upn, String displayName, boolean onPremises) {
        String normalized = upn.toLowerCase(Locale.ROOT);
        int at = normalized.indexOf('@');
        if (at < 1 || at == normalized.length() - 1) {
            throw GraphException.badRequest("userPrincipalName must look like name@domain: " + upn);
        }
        if (usersByUpn.containsKey(normalized)) {
            throw new GraphException(409, "Request_BadRequest",
                    "Another object with the same value for property userPrincipalName already exists.");
        }
        String domain = normalized.substring(at + 1);
        Tenant tenant = tenantByName(domain).orElseGet(() -> addTenant(null, domain));
        User user = new User(id == null ? UUID.randomUUID().toString() : id, normalized,
                displayName == null ? normalized.substring(0, at) : displayName, tenant.id(), onPremises);
        usersById.put(user.id(), user);
        usersByUpn.put(normalized, user);
        return user;
    }

    /** By object id or userPrincipalName (case-insensitive), as Graph's /users/{id | userPrincipalName}. */
    public Optional<User> user(String idOrUpn) {
        if (idOrUpn == null) {
            return Optional.empty();
        }
        User byId = usersById.get(idOrUpn.toLowerCase(Locale.ROOT));
        return byId != null ? Optional.of(byId) : Optional.ofNullable(usersByUpn.get(idOrUpn.toLowerCase(Locale.ROOT)));
    }

    public Optional<User> userByAddress(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(usersByUpn.get(address.toLowerCase(Locale.ROOT)));
    }

    /** A tenant by id or verified domain. */
    public Optional<Tenant> tenantByName(String idOrDomain) {
        if (idOrDomain == null) {
            return Optional.empty();
        }
        String key = idOrDomain.toLowerCase(Locale.ROOT);
        Tenant byId = tenants.get(key);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tenants.values().stream().filter(t -> t.domain().equals(key)).findFirst();
    }

    public Optional<Tenant> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public Collection<User> users() {
        return usersById.values();
    }

    public synchronized void clear() {
        tenants.clear();
        usersById.clear();
        usersByUpn.clear();
    }
}

package io.docketsync.simulator.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Live subscriptions; an expired one is gone (Graph removes them), so it neither notifies nor renews. */
@ApplicationScoped
public class SubscriptionStore {
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

    public void put(Subscription s) {
        byId.put(s.id, s);
    }

    public Optional<Subscription> get(String id) {
        Subscription s = byId.get(id);
        if (s != null && s.expired()) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    public boolean remove(String id) {
        return byId.remove(id) != null;
    }

    public List<Subscription> forMailbox(String userId) {
        return byId.values().stream().filter(s -> s.mailboxUserId.equals(userId)).toList();
    }

    public List<Subscription> forApp(String appId) {
        return byId.values().stream().filter(s -> s.appId.equals(appId) && !s.expired()).toList();
    }

    public List<Subscription> all() {
        return List.copyOf(byId.values());
    }

    public void clear() {
        byId.clear();
    }
}

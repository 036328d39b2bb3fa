package dev.spindle.examples.shop;

import dev.spindle.cluster.ServiceInstance;
import dev.spindle.cluster.ServiceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-robin over the healthy instances of a service, with failover order.
 *
 * <p>{@link #candidates(String)} reads the {@link ServiceRegistry}'s local view (no network round
 * trip), starts at the next instance in turn, and lists the others after it: the caller tries them
 * in order until one answers. An instance the caller could not reach ({@link #unreachable}) is put
 * last for {@link #PENALTY}, so a crashed instance that is still registered (its member not yet
 * noticed gone, or its process hung until its TTL runs out) costs one failed connection, not one per
 * request.
 */
final class LoadBalancer {
    static final Duration PENALTY = Duration.ofSeconds(5);

    private final ServiceRegistry registry;
    /** Next turn, per service name. */
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    /** Instance id to the System.nanoTime() before which it goes last. */
    private final Map<String, Long> penalized = new ConcurrentHashMap<>();

    LoadBalancer(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** The healthy instances of {@code service} in the order to try them; empty if none. */
    List<ServiceInstance> candidates(String service) {
        List<ServiceInstance> healthy = registry.instances(service);
        if (healthy.isEmpty()) {
            return healthy;
        }
        int start = (int) Math.floorMod(turns.computeIfAbsent(service, s -> new AtomicLong()).getAndIncrement(),
                (long) healthy.size());
        List<ServiceInstance> good = new ArrayList<>(healthy.size());
        List<ServiceInstance> suspect = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < healthy.size(); i++) {
            ServiceInstance instance = healthy.get((start + i) % healthy.size());
            Long until = penalized.get(instance.id());
            if (until != null && now - until < 0) {
                suspect.add(instance);
            } else {
                good.add(instance);
            }
        }
        good.addAll(suspect);
        return good;
    }

    /** The caller could not connect to {@code instance}: try it last for a while. */
    void unreachable(ServiceInstance instance) {
        penalized.put(instance.id(), System.nanoTime() + PENALTY.toNanos());
    }
}

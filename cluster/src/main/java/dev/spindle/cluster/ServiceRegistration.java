package dev.spindle.cluster;

/**
 * A live registration in the {@link ServiceRegistry}; {@link #close()} deregisters it at once and
 * stops its heartbeat.
 *
 * @since 0.1.0
 */
public final class ServiceRegistration implements AutoCloseable {
    private final ServiceInstance instance;
    private final Runnable deregister;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    ServiceRegistration(ServiceInstance instance, Runnable deregister) {
        this.instance = instance;
        this.deregister = deregister;
    }

    /** {@return the registered instance} */
    public ServiceInstance instance() {
        return instance;
    }

    /** Deregisters and stops the heartbeat. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deregister.run();
        }
    }
}

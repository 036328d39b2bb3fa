package dev.spindle.bench.channels;

/**
 * Runs a scenario's roles on fresh virtual threads and joins them all. The first failure interrupts
 * the other roles (so a consumer that died cannot leave its producer parked forever) and is rethrown.
 */
final class Crew {
    /** One role of a scenario: a producer, a consumer, or both. */
    @FunctionalInterface
    interface Role {
        void run() throws InterruptedException;
    }

    private final Thread[] threads;
    private volatile Throwable failure;

    private Crew(int size) {
        threads = new Thread[size];
    }

    /** Starts every role on its own virtual thread and waits for all of them. */
    static void run(Role... roles) throws InterruptedException {
        Crew crew = new Crew(roles.length);
        for (int i = 0; i < roles.length; i++) {
            crew.threads[i] = Thread.ofVirtual().unstarted(crew.guard(roles[i]));
        }
        for (Thread t : crew.threads) {
            t.start();
        }
        for (Thread t : crew.threads) {
            t.join();
        }
        if (crew.failure != null) {
            throw new IllegalStateException("a role failed", crew.failure);
        }
    }

    private Runnable guard(Role role) {
        return () -> {
            try {
                role.run();
            } catch (Throwable e) {
                fail(e);
            }
        };
    }

    private synchronized void fail(Throwable e) {
        if (failure != null) {
            return;
        }
        failure = e;
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }
}

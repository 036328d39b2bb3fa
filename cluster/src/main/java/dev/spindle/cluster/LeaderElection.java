package dev.spindle.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.spindle.channels.Channel;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.Go;
import java.util.Objects;
import java.util.Optional;

/**
 * One leader among the live candidates of an election, with fenced term numbers.
 *
 * <pre>{@code
 * LeaderElection election = cluster.election("scheduler");
 * try (Candidacy me = election.campaign("node-1");
 *      Subscription<Leader> changes = election.watch()) {
 *     for (Leader l : changes) {
 *         if (me.isLeader()) { ... act, passing l.term() to whatever checks fences ... }
 *     }
 * }
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * Leadership is holding the {@link DistributedLock} {@code spindle.election.<name>} without a lease.
 * Each candidate runs a virtual thread that waits for that lock (a local wait woken by releases, so
 * resigning never leaves a grant behind); the winner's fencing token is its term, and it publishes
 * {@code (candidate, term, owner)} in the internal map {@code spindle.leaders}, which
 * {@link #leader()} reads and {@link #watch()} follows. Resigning unlocks; a crashed leader's lock
 * is released when its member (or client) leaves (see {@link DistributedLock}), and the next waiting
 * candidate wins.
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>Leader's member crashes: a new leader (larger term) within about a second on a LAN (the time
 *       to notice the member is gone plus one round trip).</li>
 *   <li>Leader pauses: it stays leader until its member is removed by the heartbeat timeout (default
 *       60 s); after that, a new leader is elected while the paused one may still believe it leads
 *       when it resumes. Check terms ({@link #checkTerm(long)}) where it matters.</li>
 *   <li>Network partition: each side elects its own leader (two leaders at once, with possibly equal
 *       terms). The open-source edition cannot prevent this; a CP system can.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class LeaderElection {
    static final String LEADERS = "spindle.leaders";
    private static final long SLICE_MS = 100;

    private final Cluster cluster;
    private final String name;
    private final DistributedLock lock;
    private final IMap<String, Leader> leaders;

    LeaderElection(Cluster cluster, String name) {
        cluster.plumbing().ensureOpen("election", name, "open"); // before the lock, so the error names the election
        this.cluster = cluster;
        this.name = name;
        this.lock = new DistributedLock(cluster, "spindle.election." + name);
        this.leaders = cluster.plumbing().call("election", name, "open", () -> cluster.hazelcast().getMap(LEADERS));
    }

    /** {@return the election's cluster-wide name} */
    public String name() {
        return name;
    }

    /**
     * Enters {@code candidate} into the election; it becomes leader when no other live candidate
     * is, and stays leader until the candidacy is closed or its process leaves the cluster.
     *
     * @param candidate this candidate's id (shown in {@link Leader#candidate()})
     * @return the candidacy; close it to resign
     */
    public Candidacy campaign(String candidate) {
        ClusterPlumbing.checkName(candidate);
        cluster.plumbing().ensureOpen("election '" + name + "': campaign");
        CancellableContext ctx = Context.background().withCancel();
        Candidacy c = new Candidacy(this, candidate, ctx);
        // Started before it is tracked: if the cluster closes in between, the thread sees it and
        // ends, so closing the candidacy never waits for a thread that does not exist.
        Go.go("spindle-election-" + name + "-" + candidate, () -> run(c, ctx));
        return cluster.plumbing().track(c);
    }

    /**
     * The current leader, if any live one is known: the last published leader, unless its member
     * has left the cluster (then empty until the next leader publishes).
     *
     * @return the leader
     */
    public Optional<Leader> leader() {
        Leader l = cluster.plumbing().call("election", name, "leader", () -> leaders.get(name));
        if (l == null) {
            return Optional.empty();
        }
        boolean ownerIsMember = false;
        for (var m : cluster.hazelcast().getCluster().getMembers()) {
            if (m.getUuid().equals(l.owner())) {
                ownerIsMember = true;
            }
        }
        // A leader running in a client is not in the member list: it leads while the lock is held.
        return ownerIsMember || lock.isLocked() ? Optional.of(l) : Optional.empty();
    }

    /**
     * Every new leadership from now on, as a channel.
     *
     * @return the subscription; close it when done
     */
    public Subscription<Leader> watch() {
        return cluster.plumbing().listen("election", name, "watch", Channel.unlimited(),
                sub -> leaders.addEntryListener(new Listener(sub), name, true), leaders::removeEntryListener);
    }

    /**
     * Throws if a leadership newer than {@code term} has begun.
     *
     * @param term a term this process got as leader
     * @throws StaleTokenException if a newer term exists
     */
    public void checkTerm(long term) {
        cluster.plumbing().ensureOpen("election", name, "checkTerm"); // so the error names the election, not its lock
        lock.checkToken(term);
    }

    @Override
    public String toString() {
        return "LeaderElection[" + name + "]";
    }

    private void run(Candidacy c, CancellableContext ctx) {
        boolean held = false;
        RuntimeException failure = null;
        try {
            long term = lock.lockWithoutLease(ctx); // the grant and its token are one call
            held = true;
            Leader me = new Leader(c.candidate(), term, cluster.plumbing().localId());
            cluster.plumbing().call("election", name, "publish", () -> {
                leaders.set(name, me);
                return null;
            });
            c.elected(me);
            ctx.await();
        } catch (CancelledException | ClusterClosedException | InterruptedException stopped) {
            // resigned, or the cluster went away (its locks with it)
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            try {
                Leader published = c.leaderNow();
                if (published != null) {
                    cluster.plumbing().removeQuietly(() -> leaders.remove(name, published));
                }
                if (held) {
                    cluster.plumbing().removeQuietly(lock::unlockRaw);
                }
            } finally {
                c.ended(failure);
            }
        }
    }


    private static final class Listener implements EntryAddedListener<String, Leader>, EntryUpdatedListener<String, Leader> {
        private final Subscription<Leader> sub;

        Listener(Subscription<Leader> sub) {
            this.sub = sub;
        }

        @Override
        public void entryAdded(EntryEvent<String, Leader> e) {
            sub.deliver(e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Leader> e) {
            sub.deliver(e.getValue());
        }
    }

    /** A candidate in an election; {@link #close()} resigns (and gives up leadership if held). */
    public static final class Candidacy implements AutoCloseable {
        private final LeaderElection election;
        private final String candidate;
        private final CancellableContext ctx;
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private volatile Leader leader;
        private volatile RuntimeException failure;
        private final java.util.concurrent.CountDownLatch elected = new java.util.concurrent.CountDownLatch(1);

        Candidacy(LeaderElection election, String candidate, CancellableContext ctx) {
            this.election = election;
            this.candidate = candidate;
            this.ctx = Objects.requireNonNull(ctx);
        }

        /** {@return this candidate's id} */
        public String candidate() {
            return candidate;
        }

        /** {@return whether this candidate leads now (as far as it knows; see the class doc)} */
        public boolean isLeader() {
            return leader != null && ended.getCount() > 0;
        }

        /** {@return this candidate's term while it leads} */
        public Optional<Long> term() {
            Leader l = leader;
            return isLeader() ? Optional.of(l.term()) : Optional.empty();
        }

        /**
         * Waits until this candidate is elected or {@code ctx} is done.
         *
         * @param ctx gives up when done
         * @return the leadership
         * @throws CancelledException if {@code ctx} is done first
         * @throws InterruptedException if interrupted
         * @throws ClusterClosedException if the candidacy ended because its cluster was closed
         * @throws IllegalStateException if the candidacy ended otherwise (resigned, or failed: the
         *     failure is the cause)
         */
        public Leader awaitLeadership(Context ctx) throws InterruptedException {
            while (!elected.await(SLICE_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ctx.throwIfDone();
                if (ended.getCount() == 0) {
                    break;
                }
            }
            Leader l = leader;
            if (l == null || ended.getCount() == 0) {
                election.cluster.plumbing().ensureOpen("election", election.name, "awaitLeadership");
                throw new IllegalStateException("election '" + election.name + "': candidacy of " + candidate
                        + " ended" + (l == null ? " before it was elected" : " (resigned)"), failure);
            }
            return l;
        }

        /**
         * Resigns: stops campaigning and releases leadership if held. Waits until the lock is
         * released, so another candidate can win right after this returns.
         */
        @Override
        public void close() {
            ctx.cancel();
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            election.cluster.plumbing().untrack(this);
        }

        void elected(Leader l) {
            leader = l;
            elected.countDown();
        }

        Leader leaderNow() {
            return leader;
        }

        void ended(RuntimeException why) {
            failure = why;
            ended.countDown();
        }
    }
}

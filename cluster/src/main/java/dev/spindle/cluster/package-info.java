/**
 * Go-style programs that span several JVMs, on a Hazelcast (open-source edition) cluster.
 *
 * <p>Start with {@link dev.spindle.cluster.Cluster}: {@code Cluster.embedded()} starts a member in
 * this JVM, {@code Cluster.connect(...)} joins an existing cluster as a client, {@code Cluster.of(hz)}
 * wraps an instance configured by the user. From a cluster come the primitives:
 * {@link dev.spindle.cluster.DistributedMap}, {@link dev.spindle.cluster.DistributedLock},
 * {@link dev.spindle.cluster.DistributedChannel}, {@link dev.spindle.cluster.DistributedTopic},
 * {@link dev.spindle.cluster.LeaderElection}, {@link dev.spindle.cluster.ServiceRegistry},
 * {@link dev.spindle.cluster.DistributedCounter}, {@link dev.spindle.cluster.IdGenerator},
 * {@link dev.spindle.cluster.RateLimiter} and {@link dev.spindle.cluster.ClusterTaskGroup}.
 *
 * <h2>What holds when things fail</h2>
 * The open-source edition of Hazelcast is an AP system: it stays available during a network
 * partition and reconciles afterwards. Every primitive's javadoc states its own guarantees; the
 * common ground is:
 * <ul>
 *   <li><b>Member crash</b> ({@code kill -9}): with the default backup count of 1, every write that
 *       was acknowledged survives the loss of one member. Locks held by threads of the dead member
 *       are released when the survivors notice (well under a second on a LAN, by a closed socket;
 *       up to {@code hazelcast.max.no.heartbeat.seconds}, default 60 s, if the member hangs
 *       instead). A call that was in flight to the member that died may fail with Hazelcast's
 *       {@code TargetDisconnectedException} or {@code MemberLeftException}: reads are retried by
 *       Hazelcast, writes that are not idempotent are not (a client never redoes them), so retry
 *       only what is safe to repeat.</li>
 *   <li><b>Long pause</b> (GC, SIGSTOP): a paused member still counts as a member until its
 *       heartbeat times out; a lease-less lock it holds stays held until then. Give locks a lease.
 *       A member that resumes after its lease expired may believe it still holds the lock: that is
 *       what fencing tokens are for.</li>
 *   <li><b>Network partition</b> (split brain): each side keeps serving. Two lock holders are
 *       possible, one per side; writes made on the smaller side can be lost when the sides merge
 *       (Jepsen's Hazelcast analysis, 2017). The defence is fencing tokens checked by the resource
 *       ({@link dev.spindle.cluster.DistributedLock#checkToken(long)}) and idempotent actions.</li>
 * </ul>
 *
 * <h2>Threads, interrupts and contexts</h2>
 * Every blocking call is made for virtual threads. Calls that take a
 * {@link dev.spindle.core.Context} wait in short slices and give up with the context's
 * {@link dev.spindle.core.CancelledException} when it is done; they never interrupt a Hazelcast
 * call, because an interrupted remote call may still complete on the member (a queue item taken, a
 * lock granted) after the caller has given up. Interrupting a thread blocked in a call without a
 * context is honoured by Hazelcast, with that risk; each method says what it does about it.
 */
package dev.spindle.cluster;

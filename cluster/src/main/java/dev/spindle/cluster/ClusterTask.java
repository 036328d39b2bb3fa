package dev.spindle.cluster;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task that runs on a cluster member: serializable, and its class present on every member. A
 * lambda assigned to this type is serializable; it must capture only serializable values.
 *
 * <p>To reach the cluster from inside the task, implement
 * {@code com.hazelcast.core.HazelcastInstanceAware} too and wrap the instance it is given with
 * {@link Cluster#of(com.hazelcast.core.HazelcastInstance)}.
 *
 * @param <T> result type (serializable)
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClusterTask<T> extends Callable<T>, Serializable {}

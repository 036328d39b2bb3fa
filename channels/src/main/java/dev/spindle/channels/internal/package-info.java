/**
 * Spindle channel internals: the lock-per-channel implementation, waiter nodes and the select
 * engine. Not exported.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>"Guarded by the channel lock" fields are read and written only while holding that channel's
 *       {@link java.util.concurrent.locks.ReentrantLock}.</li>
 *   <li>A waiter's outcome is decided by one compare-and-set on its {@link
 *       dev.spindle.channels.internal.Parker} (claim or cancel); only the winner of that CAS may
 *       complete or withdraw it.</li>
 *   <li>Threads are woken after the channel lock is released, never while holding it.</li>
 * </ul>
 */
package dev.spindle.channels.internal;

package dev.spindle.http.internal;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import dev.spindle.http.Handler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * The running server: the accept loop (one virtual thread), the set of open connections (one
 * virtual thread each), the sweeper (write, head and idle deadlines; idle buffers), and shutdown.
 *
 * <p>Lifecycle: {@code RUNNING} until {@link #shutdown(Duration)} or {@link #close()}. Shutdown
 * closes the listening socket (no new connections), sets {@code shuttingDown} (every response
 * from then on carries {@code Connection: close}), closes idle connections, waits for the others
 * to finish their request until the deadline, then closes what is left and cancels the root
 * context (and with it every request's context). {@link #close()} does all of that without
 * waiting. Responses that never end on their own (event streams) register a hook with
 * {@link #onShutdown(Runnable)}; shutdown runs these hooks first (each cancels its stream's
 * context), so such a handler returns at once instead of holding shutdown until the deadline.
 *
 * <p>Invariants: a connection is in {@code connections} from accept until its thread ends;
 * {@code open} counts them and is what {@code maxConnections} is checked against; the
 * {@code drained} condition is signalled when the set becomes empty. No {@code synchronized}
 * (virtual threads on JDK 21 would pin): a {@link ReentrantLock} guards the condition.
 */
public final class ServerCore {
    private static final System.Logger LOG = System.getLogger("dev.spindle.http");
    private static final AtomicInteger CONNECTION_IDS = new AtomicInteger();
    /** Shortest sweeper tick. */
    static final long MIN_TICK_MILLIS = 10;
    /** Longest sweeper tick; also bounds how late idle buffers are given back. */
    static final long MAX_TICK_MILLIS = 100;

    private final ServerSocket listener;
    private final Handler handler;
    private final ServerConfig config;
    private final ServerObserver observer;
    private final CancellableContext root = Context.background().withCancel();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /**
     * Hooks of responses that never end on their own (event streams), run once when graceful
     * shutdown starts; a hook is in the set from its registration until it runs or is removed.
     */
    private final Set<Runnable> shutdownHooks = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final CountDownLatch acceptEnded = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean shuttingDown;
    private volatile boolean closed;
    private Thread sweeper;

    /**
     * Binds the listening socket.
     *
     * @param address where to listen (port 0 = any free port)
     * @param ssl the TLS context, or {@code null} for plain HTTP
     * @param backlog the accept backlog
     * @param handler the composed handler
     * @param config the limits
     * @param observer the metrics hook
     * @throws IOException if the address cannot be bound
     */
    public ServerCore(InetSocketAddress address, SSLContext ssl, int backlog, Handler handler,
                      ServerConfig config, ServerObserver observer) throws IOException {
        this.handler = handler;
        this.config = config;
        this.observer = observer;
        ServerSocket socket = ssl == null ? new ServerSocket() : ssl.getServerSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, backlog);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        this.listener = socket;
    }

    /** Starts the accept loop and the sweeper. */
    public void start() {
        int port = listener.getLocalPort();
        Thread.ofVirtual().name("spindle-http-accept-" + port).start(this::acceptLoop);
        sweeper = Thread.ofVirtual().name("spindle-http-sweeper-" + port).start(this::sweepLoop);
    }

    /**
     * Accepts until shutdown. A failing accept (for example, out of file descriptors) is logged and
     * retried after a pause that doubles from 5 ms to 1 s, as Go's server does, instead of spinning.
     */
    private void acceptLoop() {
        long pauseMillis = 0;
        try {
            while (!closed && !shuttingDown) {
                Socket socket;
                try {
                    socket = listener.accept();
                    pauseMillis = 0;
                } catch (IOException e) {
                    if (closed || shuttingDown) {
                        return;
                    }
                    pauseMillis = pauseMillis == 0 ? 5 : Math.min(1000, pauseMillis * 2);
                    LOG.log(System.Logger.Level.WARNING, "accept failed; retrying in " + pauseMillis + " ms", e);
                    if (!pause(pauseMillis)) {
                        return;
                    }
                    continue;
                }
                admit(socket);
            }
        } finally {
            acceptEnded.countDown();
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis); // back-off before retrying accept, not a wait for an event
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void admit(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException ignored) {
            // not fatal
        }
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            observer.rejected("max-connections");
            Thread.ofVirtual().name("spindle-http-reject").start(() -> refuse(socket));
            return;
        }
        Connection connection = new Connection(this, socket);
        connections.add(connection);
        observer.connectionOpened();
        if (closed) {
            connection.abort();
        }
        Thread.ofVirtual().name("spindle-http-conn-" + CONNECTION_IDS.incrementAndGet()).start(connection);
    }

    /**
     * Serves one connected socket on the calling thread until the connection ends, outside the
     * accept loop and the connection set (so neither shutdown nor the sweeper sees it). For
     * benchmarks and tests that drive the request path over an in-memory {@link Socket} subclass.
     *
     * @param socket the connection
     */
    public void serve(Socket socket) {
        new Connection(this, socket).run();
    }

    private static void refuse(Socket socket) {
        try (socket) {
            HttpOutput out = new HttpOutput(socket.getOutputStream(), 0);
            ResponseOutput.writeError(out, 503, "too many connections", false);
        } catch (IOException ignored) {
            // the client went away first
        }
    }

    /**
     * Every tick, lets each connection check its deadlines (write; head and idle on plain sockets)
     * and give back idle buffers. The tick is a quarter of the shortest timeout, between
     * {@value #MIN_TICK_MILLIS} and {@value #MAX_TICK_MILLIS} ms, so a deadline is enforced at most
     * a tick late.
     */
    private void sweepLoop() {
        long tickMillis = MAX_TICK_MILLIS;
        for (Duration t : new Duration[] {config.writeTimeout(), config.readHeaderTimeout(), config.idleTimeout()}) {
            if (!t.isZero()) {
                tickMillis = Math.min(tickMillis, t.toMillis() / 4);
            }
        }
        tickMillis = Math.max(MIN_TICK_MILLIS, tickMillis);
        while (!closed) {
            try {
                Thread.sleep(tickMillis); // a periodic scan, not a wait for an event
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection c : connections) {
                c.sweep(now);
            }
        }
    }

    /** Called by a connection's thread when it ends. */
    void closed(Connection connection) {
        if (connections.remove(connection)) {
            open.decrementAndGet();
            observer.connectionClosed();
            if (connections.isEmpty()) {
                lock.lock();
                try {
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Stops accepting, closes idle connections, waits for active ones up to {@code grace}, then
     * closes the rest.
     *
     * @param grace the longest wait for in-flight requests
     * @return {@code true} if every connection ended within the grace period
     * @throws InterruptedException if interrupted while waiting (the server is then closed)
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        shuttingDown = true;
        closeListener();
        runShutdownHooks();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean done;
        try {
            done = awaitDrained(deadline);
        } finally {
            close();
        }
        return done;
    }

    private boolean awaitDrained(long deadline) throws InterruptedException {
        while (true) {
            for (Connection c : connections) {
                c.closeIfIdle();
            }
            lock.lock();
            try {
                if (connections.isEmpty()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // wake up regularly to close connections that became idle since the last pass
                drained.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Registers {@code hook} to run once when graceful shutdown starts, on the thread that calls
     * {@link #shutdown(Duration)}; if shutdown has started already, runs it now on this thread. For
     * responses that never end by themselves (Go's {@code Server.RegisterOnShutdown}): the hook must
     * be short and must not block, typically a context cancellation.
     *
     * <p>No registration is missed: the hook is added before {@code shuttingDown} is read, and
     * shutdown sets {@code shuttingDown} before it walks the set, so at least one side sees the
     * other; removal from the set decides which side runs it.
     *
     * @param hook what to run
     * @return removes the hook (call it when the response ends)
     */
    Runnable onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
        if (shuttingDown && shutdownHooks.remove(hook)) {
            hook.run();
        }
        return () -> shutdownHooks.remove(hook);
    }

    private void runShutdownHooks() {
        for (Runnable hook : java.util.List.copyOf(shutdownHooks)) {
            if (shutdownHooks.remove(hook)) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "http-lite bug: a shutdown hook failed", e);
                }
            }
        }
    }

    /** Closes the listener and every connection at once, and cancels every request's context. */
    public void close() {
        shuttingDown = true;
        closed = true;
        closeListener();
        for (Connection c : connections) {
            c.abort();
        }
        root.cancel(new IOException("server closed"));
        if (sweeper != null) {
            sweeper.interrupt();
        }
        terminated.countDown();
        try {
            acceptEnded.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until {@link #close()} has run (directly or at the end of a shutdown).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /**
     * The bound address.
     *
     * @return the local address, with the actual port
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /**
     * How many connections are open.
     *
     * @return the count
     */
    public int openConnections() {
        return open.get();
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    Handler handler() {
        return handler;
    }

    ServerConfig config() {
        return config;
    }

    ServerObserver observer() {
        return observer;
    }

    Context rootContext() {
        return root;
    }
}

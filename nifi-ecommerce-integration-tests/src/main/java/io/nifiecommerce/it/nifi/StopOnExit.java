package io.nifiecommerce.it.nifi;

/**
 * Stops what the harness started exactly once: when closed, or when the JVM exits without closing it
 * (a shutdown hook), so that neither a test run nor the demo leaves NiFi processes behind.
 */
final class StopOnExit implements AutoCloseable {

    private final Runnable stop;
    private final String what;
    private final Thread hook;
    private volatile boolean stopped;

    StopOnExit(final String what, final Runnable stop) {
        this.what = what;
        this.stop = stop;
        this.hook = new Thread(this::stopOnce, "stop-" + what);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        stopOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException shuttingDown) {
            // already running the hooks: nothing to unregister
        }
    }

    private synchronized void stopOnce() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            stop.run();
        } catch (final RuntimeException e) {
            System.err.println("Could not stop " + what + ": " + e.getMessage());
        }
    }
}

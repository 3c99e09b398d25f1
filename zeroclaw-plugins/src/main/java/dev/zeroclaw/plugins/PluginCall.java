package dev.zeroclaw.plugins;

/**
 * Runs a call into a plugin's code with the plugin's class loader as the thread's context class
 * loader, as libraries inside the plugin expect (Trino's {@code ThreadContextClassLoader}); the
 * caller's loader is restored afterwards.
 */
final class PluginCall {

    private PluginCall() {}

    /** A call that returns a value and may throw {@code E}. */
    @FunctionalInterface
    interface Body<T, E extends Exception> {
        T call() throws E;
    }

    static <T, E extends Exception> T in(ClassLoader plugin, Body<T, E> body) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

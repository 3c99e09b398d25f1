package dev.zeroclaw.daemon.lifecycle;

/** Starting or stopping one service; may block and may fail. */
@FunctionalInterface
public interface LifeCycleStep {

    LifeCycleStep NOTHING = () -> {};

    void run() throws Exception;
}

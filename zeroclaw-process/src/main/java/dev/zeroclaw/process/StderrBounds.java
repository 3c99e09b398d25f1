package dev.zeroclaw.process;

/** What a server's stderr relay has held and dropped, for tests that look at its bounds. */
interface StderrBounds {

    /** Lines dropped because the queue was full, so far. */
    long droppedLines();

    /** The most lines the queue ever held at once; never above {@link StderrRelay#MAX_QUEUED_LINES}. */
    int queuedPeak();
}

package dev.zeroclaw.daemon.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One entry of {@code zeroclaw logs}: a line a server said, an instance's start, or a follower's dropped lines. */
public sealed interface LogEntry permits StderrLine, InstanceStart, DroppedLines {

    /** One JSON object with {@code time} and {@code type}, as {@code zeroclaw logs --json} prints it. */
    ObjectNode json();

    /** What it holds, in characters, for the bounds. */
    int weight();
}

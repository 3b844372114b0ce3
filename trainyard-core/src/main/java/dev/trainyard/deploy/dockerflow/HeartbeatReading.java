package dev.trainyard.deploy.dockerflow;

import java.time.Duration;

/**
 * What one look at a heartbeat endpoint found.
 *
 * @param state the verdict
 * @param detail one line: the failing checks, or why it could not be read; null when OK
 * @param retryAfter the server's {@code Retry-After}, or null
 * @param requests HTTP requests this look took
 */
public record HeartbeatReading(HeartbeatState state, String detail, Duration retryAfter, int requests) {}

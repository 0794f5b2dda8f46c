package io.switchback.sandbox.scenario;

import java.time.Instant;

/**
 * One broken rule, with what shows it: the events by id and the cluster state at that point.
 *
 * @param key  identifies the violation across repeated checks, so each is reported once
 * @param at   when it happened (or was first seen)
 */
public record Violation(String invariant, String key, Instant at, String what, String evidence) {
}

package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;

/** One rollback trigger: a pure judgement of the window. */
public interface TriggerCheck {

    HealthCheck check();

    CheckResult evaluate(WindowStats window);
}

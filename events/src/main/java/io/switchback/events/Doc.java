package io.switchback.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one field of an event. The JSON Schema of every event type and {@code docs/events.md}
 * are generated from these annotations, so the records, the schemas and the catalogue cannot drift.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {

    /** What the field means, for the people who subscribe. */
    String value();

    /** An optional field may be absent (or null); every other field is required. */
    boolean optional() default false;

    /** A regular expression a string field must match; see {@link FieldPatterns}. */
    String pattern() default "";
}

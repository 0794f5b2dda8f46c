package io.switchback.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum whose JSON form is a lower-case word, as ops type it and as Kubernetes labels spell it. */
public interface WireValue {

    @JsonValue
    String wire();
}

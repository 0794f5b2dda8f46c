package io.switchback.events;

/** The shapes that string fields of the contract must have; each is enforced by the JSON Schemas. */
public final class FieldPatterns {

    /** A Kubernetes-style name (RFC 1035 label): services and environments. */
    public static final String NAME = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** Event, deployment and rollback identifiers. */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    /** A git commit SHA, abbreviated or full. */
    public static final String COMMIT = "^[0-9a-f]{7,40}$";

    /** A container image reference: no white space, at most 512 characters. */
    public static final String IMAGE = "^\\S{1,512}$";

    private FieldPatterns() {
    }
}

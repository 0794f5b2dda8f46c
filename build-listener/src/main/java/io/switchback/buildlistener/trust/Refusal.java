package io.switchback.buildlistener.trust;

/** A request the edge will not take: 401 (who are you?) or 403 (not you), with the reason for the sender. */
public final class Refusal extends RuntimeException {

    private final int status;

    private Refusal(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static Refusal unauthenticated(String reason) {
        return new Refusal(401, reason);
    }

    public static Refusal forbidden(String reason) {
        return new Refusal(403, reason);
    }

    public int status() {
        return status;
    }
}

package io.switchback.platform;

/**
 * Work that could not be done for a passing reason: the Kubernetes API or Kafka did not answer. A listener
 * that throws it gets its record again after a pause, for as long as it takes; it is never dead-lettered,
 * because the record is good and order matters.
 */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the failure, or anything that caused it, is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientFailureException) {
                return true;
            }
        }
        return false;
    }
}

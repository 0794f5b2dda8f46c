package io.switchback.buildlistener.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events written within the memory window, by delivery ({@code <credential> <delivery id>}) and event key: the
 * id of each. Filled from this replica's own writes and from every replica's, read back from the topics
 * ({@link LedgerTail}). Pure memory, bounded by the window and by a count of entries.
 * <p>
 * Held without an object per entry: a (delivery, event key) pair is known by a fingerprint, the first 128 bits of
 * its SHA-256 (a collision, which would answer a new delivery "duplicate", is as likely as guessing a 128-bit key),
 * and an event id by its 128 bits when it is a UUID, as every id the edge gives is; other ids are kept as strings.
 * The entries, oldest first, are a ring of longs.
 * <p>
 * Both arrays are allocated for the most entries it remembers when it is made (46 MB at the default bound), not
 * doubled as it fills: under the Parallel collector each doubling of a 16 to 32 MB array was a young pause of 140 to
 * 160 ms (docs/decisions.md). They grow only if a burst outruns {@link #forgetBefore} between two of its calls.
 */
public final class DeliveryLedger {

    /** Longs per entry of the ring: the fingerprint's two halves, then when it was written (epoch ms). */
    private static final int RING_WIDTH = 3;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private record Fingerprint(long high, long low) {
    }

    private final Duration memory;
    private final int maxEntries;
    private final FingerprintTable ids;
    /** Ids that are not UUIDs, by fingerprint: none the edge writes; an event on the topics may carry one. */
    private final Map<Fingerprint, String> otherIds = new HashMap<>();
    private long[] ring;
    private int oldest;
    private int entries;

    /** @param maxEntries the most events it remembers: past it, the oldest are forgotten before their window ends */
    public DeliveryLedger(Duration memory, int maxEntries) {
        this.memory = memory;
        this.maxEntries = maxEntries;
        this.ids = new FingerprintTable(maxEntries);
        this.ring = new long[Math.max(maxEntries, 1) * RING_WIDTH];
    }

    public Duration memory() {
        return memory;
    }

    /** An event of this delivery was written (here or by another replica). Idempotent: the first id stays. */
    public void record(String delivery, String eventKey, String eventId, Instant at) {
        Fingerprint key = fingerprint(delivery, eventKey);
        UUID uuid = uuid(eventId);
        long high = uuid == null ? 0 : uuid.getMostSignificantBits();
        long low = uuid == null ? 0 : uuid.getLeastSignificantBits();
        synchronized (this) {
            if (!ids.putIfAbsent(key.high(), key.low(), high, low)) {
                return;
            }
            if (uuid == null) {
                otherIds.put(key, eventId);
            }
            append(key, at.toEpochMilli());
        }
    }

    /** The id of the event written for this delivery under this key, or null when none was. */
    public String eventId(String delivery, String eventKey) {
        Fingerprint key = fingerprint(delivery, eventKey);
        long high;
        long low;
        synchronized (this) {
            int slot = ids.find(key.high(), key.low());
            if (slot < 0) {
                return null;
            }
            high = ids.valueHigh(slot);
            low = ids.valueLow(slot);
            if (high == 0 && low == 0) {
                return otherIds.get(key);
            }
        }
        return new UUID(high, low).toString();
    }

    /** Forgets what was written before the window, and the oldest beyond the most it remembers. */
    public synchronized void forgetBefore(Instant now) {
        long horizon = now.minus(memory).toEpochMilli();
        while (entries > 0 && (ring[oldest * RING_WIDTH + 2] < horizon || entries > maxEntries)) {
            int at = oldest * RING_WIDTH;
            ids.remove(ring[at], ring[at + 1]);
            otherIds.remove(new Fingerprint(ring[at], ring[at + 1]));
            oldest = (oldest + 1) % capacity();
            entries--;
        }
    }

    /** The events remembered. */
    public synchronized int size() {
        return entries;
    }

    private int capacity() {
        return ring.length / RING_WIDTH;
    }

    /** Called holding the lock. */
    private void append(Fingerprint key, long atMillis) {
        if (entries == capacity()) {
            long[] larger = new long[ring.length * 2];
            int first = ring.length - oldest * RING_WIDTH;
            System.arraycopy(ring, oldest * RING_WIDTH, larger, 0, first);
            System.arraycopy(ring, 0, larger, first, ring.length - first);
            ring = larger;
            oldest = 0;
        }
        int at = ((oldest + entries) % capacity()) * RING_WIDTH;
        ring[at] = key.high();
        ring[at + 1] = key.low();
        ring[at + 2] = atMillis;
        entries++;
    }

    private static Fingerprint fingerprint(String delivery, String eventKey) {
        byte[] named = delivery.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = SHA_256.get();
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, named.length));
        sha.update(named);
        sha.update(eventKey.getBytes(StandardCharsets.UTF_8));
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        long high = digest.getLong();
        long low = digest.getLong();
        // (0, 0) marks a free slot of the table
        return high == 0 && low == 0 ? new Fingerprint(0, 1) : new Fingerprint(high, low);
    }

    /** The id as a UUID when it is one written the canonical way (so it reads back the same), else null. */
    private static UUID uuid(String eventId) {
        if (eventId.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(eventId);
            boolean nil = uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0;
            return !nil && uuid.toString().equals(eventId) ? uuid : null;
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    /** This replica cannot yet tell a replay from a new delivery (it has not read the topics that far): 503, retry. */
    public static final class LedgerNotReadyException extends RuntimeException {
        public LedgerNotReadyException(String why) {
            super(why + "; retry the same delivery");
        }
    }
}

package io.switchback.buildlistener.delivery;

import java.util.Arrays;

/**
 * A hash table from 128-bit fingerprints to 128-bit values, held in one array of longs: no object per entry, so
 * the young collector neither copies entries nor scans cards for them (the delivery ledger's half a million
 * entries, held as maps of strings, made every young pause of the edge 62 to 96 ms at 5,000 deliveries a second:
 * {@code docs/decisions.md}). Open addressing, linear probing, at most half full; removal shifts the entries behind
 * back, so no tombstones are left. The fingerprint (0, 0) marks a free slot and cannot be a key. Not thread-safe.
 */
final class FingerprintTable {

    /** Longs per slot: the fingerprint's two halves, then the value's. */
    private static final int WIDTH = 4;

    private long[] slots;
    private int mask;
    private int size;

    /** @param entries how many it holds before it first grows */
    FingerprintTable(int entries) {
        allocate(Long.highestOneBit(Math.max(entries, 1) * 4L - 1));
    }

    int size() {
        return size;
    }

    /** The slot holding this fingerprint, or -1. */
    int find(long high, long low) {
        for (int slot = home(low); ; slot = (slot + 1) & mask) {
            int at = slot * WIDTH;
            if (slots[at] == high && slots[at + 1] == low) {
                return slot;
            }
            if (slots[at] == 0 && slots[at + 1] == 0) {
                return -1;
            }
        }
    }

    long valueHigh(int slot) {
        return slots[slot * WIDTH + 2];
    }

    long valueLow(int slot) {
        return slots[slot * WIDTH + 3];
    }

    /** Adds the fingerprint with this value unless it is there; whether it was added. */
    boolean putIfAbsent(long high, long low, long valueHigh, long valueLow) {
        if (high == 0 && low == 0) {
            throw new IllegalArgumentException("the fingerprint (0, 0) marks a free slot");
        }
        if (find(high, low) >= 0) {
            return false;
        }
        if ((size + 1) * 2 > mask + 1) {
            grow();
        }
        place(high, low, valueHigh, valueLow);
        size++;
        return true;
    }

    /** Removes the fingerprint; whether it was there. */
    boolean remove(long high, long low) {
        int hole = find(high, low);
        if (hole < 0) {
            return false;
        }
        for (int next = (hole + 1) & mask; !free(next); next = (next + 1) & mask) {
            // the entry at next may fill the hole when the hole lies between its home slot and next
            if (((next - home(slots[next * WIDTH + 1])) & mask) >= ((next - hole) & mask)) {
                System.arraycopy(slots, next * WIDTH, slots, hole * WIDTH, WIDTH);
                hole = next;
            }
        }
        Arrays.fill(slots, hole * WIDTH, hole * WIDTH + WIDTH, 0L);
        size--;
        return true;
    }

    private boolean free(int slot) {
        return slots[slot * WIDTH] == 0 && slots[slot * WIDTH + 1] == 0;
    }

    /** The fingerprints are a digest's bits, already uniform: their low bits are the home slot. */
    private int home(long low) {
        return (int) low & mask;
    }

    private void place(long high, long low, long valueHigh, long valueLow) {
        int slot = home(low);
        while (!free(slot)) {
            slot = (slot + 1) & mask;
        }
        int at = slot * WIDTH;
        slots[at] = high;
        slots[at + 1] = low;
        slots[at + 2] = valueHigh;
        slots[at + 3] = valueLow;
    }

    private void grow() {
        long[] old = slots;
        allocate(2L * (mask + 1));
        for (int at = 0; at < old.length; at += WIDTH) {
            if (old[at] != 0 || old[at + 1] != 0) {
                place(old[at], old[at + 1], old[at + 2], old[at + 3]);
            }
        }
    }

    private void allocate(long count) {
        if (count > Integer.MAX_VALUE / WIDTH) {
            throw new IllegalStateException("a fingerprint table holds at most " + Integer.MAX_VALUE / WIDTH / 2 + " entries");
        }
        slots = new long[(int) count * WIDTH];
        mask = (int) count - 1;
    }
}

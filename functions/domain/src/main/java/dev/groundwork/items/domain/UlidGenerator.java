package dev.groundwork.items.domain;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Makes ULIDs: 48 bits of milliseconds since the epoch, then 80 random bits. Within one millisecond it adds to the
 * random part instead of drawing a new one (the spec's monotonic mode), so ids made by one container keep their order.
 *
 * <p>It adds a random step of 1 to 2^40, not the spec's 1: one container serves every tenant in turn, and with a step
 * of 1 a tenant that got an id in the same millisecond as another tenant would know that tenant's id (its own less
 * one) and that it had just created something. A random step keeps the order and tells nothing of the ids between.
 */
public final class UlidGenerator implements ItemIds {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** The step within a millisecond is at most 2^40: unguessable, and 2^40 ids from the 80 bits' end at most. */
    private static final int STEP_BITS = 40;

    private final Clock clock;
    private RandomGenerator random;
    private long lastMillis = -1;
    private long randomHigh; // top 16 of the 80 random bits
    private long randomLow; // low 64 of the 80 random bits

    /** @param random a cryptographically strong generator in production ({@code new SecureRandom()}): ids must be unguessable */
    public UlidGenerator(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Forgets everything drawn so far and draws from {@code fresh} from now on. Every environment that SnapStart
     * restores from one snapshot starts with this generator's state as it was at the snapshot: the same last
     * millisecond, the same random part to increment, the same generator state. Without this, two environments
     * restored in the same millisecond would make the same id. The platform calls it after each restore, with a
     * generator seeded in the restored environment.
     */
    @Override
    public synchronized void reseed(RandomGenerator fresh) {
        random = fresh;
        lastMillis = -1;
        randomHigh = 0;
        randomLow = 0;
    }

    @Override
    public synchronized ItemId next() {
        long millis = clock.millis();
        if (millis == lastMillis) {
            long step = 1 + (random.nextLong() >>> (Long.SIZE - STEP_BITS));
            long before = randomLow;
            randomLow += step;
            if (Long.compareUnsigned(randomLow, before) < 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong();
        }
        return new ItemId(encode(millis, randomHigh, randomLow));
    }

    private static String encode(long millis, long high, long low) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits as 16 characters of 5 bits, most significant first.
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }
}

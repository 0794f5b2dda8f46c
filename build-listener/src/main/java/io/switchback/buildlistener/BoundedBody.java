package io.switchback.buildlistener;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.util.unit.DataSize;

/** Reads a request body only up to the limit: a larger one is refused by its Content-Length, or once it passes the limit. */
final class BoundedBody {

    private final long limit;

    BoundedBody(DataSize limit) {
        this.limit = limit.toBytes();
    }

    /** @throws TooLargeException before reading when the declared length is over the limit, or once the read passes it */
    byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > limit) {
            throw new TooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(request.getContentLengthLong(), limit)));
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (out.size() + n > limit) {
                    throw new TooLargeException(limit);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body over the limit: 413. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("the body is larger than the " + limit + " bytes allowed", null, false, false);
        }
    }
}

package io.switchback.buildlistener;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.util.unit.DataSize;

/** Reads a request body only up to the limit: a larger one is refused by its Content-Length, or once it passes the limit. */
final class BoundedBody {

    private final long limit;

    BoundedBody(DataSize limit) {
        this.limit = limit.toBytes();
    }

    /** @throws TooLargeException before reading when the declared length is over the limit, or once the read passes it */
    byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new TooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared) : readChunked(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body of known length, into one array of that length: what nearly every sender sends. */
    private byte[] readDeclared(InputStream in, int length) throws IOException {
        // the servlet's stream ends at Content-Length: what follows on the connection is its next request
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read < length ? Arrays.copyOf(body, read) : body;
    }

    /** A body without Content-Length (chunked): read until the end or until it passes the limit. */
    private byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (out.size() + n > limit) {
                throw new TooLargeException(limit);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** A body over the limit: 413. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("the body is larger than the " + limit + " bytes allowed", null, false, false);
        }
    }
}

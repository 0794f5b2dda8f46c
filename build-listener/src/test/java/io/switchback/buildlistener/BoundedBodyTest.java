package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class BoundedBodyTest {

    private final BoundedBody bodies = new BoundedBody(DataSize.ofBytes(16));

    @Test
    void aBodyOfDeclaredLengthIsReadWholeAndOneOverTheLimitIsRefusedUnread() {
        assertThat(bodies.read(request("{\"a\":1}", true))).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
        assertThat(bodies.read(request("0123456789abcdef", true))).hasSize(16);
        assertThatThrownBy(() -> bodies.read(request("0123456789abcdefg", true)))
                .isInstanceOf(BoundedBody.TooLargeException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void aChunkedBodyIsReadUntilItPassesTheLimit() {
        assertThat(bodies.read(request("{\"a\":1}", false))).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> bodies.read(request("0123456789abcdefg", false)))
                .isInstanceOf(BoundedBody.TooLargeException.class);
    }

    private static MockHttpServletRequest request(String body, boolean declared) {
        MockHttpServletRequest request = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return declared ? super.getContentLengthLong() : -1;
            }
        };
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}

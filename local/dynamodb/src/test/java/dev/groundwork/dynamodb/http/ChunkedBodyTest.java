package dev.groundwork.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {
    final long[] endAndSize = new long[2];

    boolean scan(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return ChunkedBody.scan(bytes, 0, bytes.length, endAndSize);
    }

    @Test
    void decodesChunksWithExtensionsAndTrailers() throws IOException {
        String body = "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n";

        assertThat(scan(body + "next request")).isTrue();

        assertThat(endAndSize[0]).isEqualTo(body.length());
        assertThat(endAndSize[1]).isEqualTo(5);
        byte[] decoded = ChunkedBody.copy(body.getBytes(StandardCharsets.ISO_8859_1), 0, 5);
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).isEqualTo("abcde");
    }

    @Test
    void waitsUntilTheLastChunkAndItsEmptyLineArrive() throws IOException {
        assertThat(scan("3\r\nab")).isFalse();
        assertThat(scan("3\r\nabc\r\n0\r\n")).isFalse();
        assertThat(scan("3\r\nabc\r\n0\r\n\r\n")).isTrue();
    }

    @Test
    void dropsAChunkSizeThatIsNotHex() {
        // Whatever the exception, the event loop drops the connection.
        assertThatThrownBy(() -> scan("xyz\r\nabc\r\n0\r\n\r\n")).hasMessage("bad chunk size");
    }

    @Test
    void dropsABodyLargerThanTheServerReads() {
        String size = Integer.toHexString(Http11Server.MAX_BODY + 1);

        assertThatThrownBy(() -> scan(size + "\r\n")).isInstanceOf(IOException.class);
    }
}

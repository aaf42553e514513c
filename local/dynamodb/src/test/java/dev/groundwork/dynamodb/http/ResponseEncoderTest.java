package dev.groundwork.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
    static String encode(Http11Server.Response response, boolean keepAlive, boolean announceKeepAlive) {
        ByteBuffer out = ByteBuffer.allocate(ResponseEncoder.sizeBound(response));
        ResponseEncoder.encode(out, response, keepAlive, announceKeepAlive);
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }

    @Test
    void writesStatusLineHeadersAndBody() {
        Http11Server.Response response = new Http11Server.Response(
                400, "application/x-amz-json-1.0", "{}".getBytes(StandardCharsets.UTF_8), new String[] {
                    "x-amzn-RequestId", "r1", "x-amz-crc32", "123"
                });

        assertThat(encode(response, true, false))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
                        + "Content-Length: 2\r\nx-amzn-RequestId: r1\r\nx-amz-crc32: 123\r\n\r\n{}");
    }

    @Test
    void saysWhetherTheConnectionStaysOpenOnlyWhenTheClientNeedsTelling() {
        Http11Server.Response response = new Http11Server.Response(200, "text/plain", new byte[0], new String[0]);

        assertThat(encode(response, false, false)).contains("Connection: close\r\n");
        assertThat(encode(response, true, true)).contains("Connection: keep-alive\r\n");
        assertThat(encode(response, true, false)).doesNotContain("Connection:");
    }

    @Test
    void refusesWithAnEmptyAnswerThatClosesTheConnection() {
        assertThat(new String(ResponseEncoder.refusal(413, "Payload Too Large"), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
}

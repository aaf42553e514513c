package dev.groundwork.testing.load;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    @Test
    void endsAfterContentLengthBytes() {
        byte[] answer = bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        assertThat(HttpAnswer.end(answer, answer.length)).isEqualTo(answer.length);
        assertThat(HttpAnswer.end(answer, answer.length - 1)).isEqualTo(-1);
        assertThat(HttpAnswer.status(answer)).isEqualTo(200);
    }

    @Test
    void endsAfterTheHeadWithoutABody() {
        byte[] answer = bytes("HTTP/1.1 204 No Content\r\nDate: today\r\n\r\n");

        assertThat(HttpAnswer.end(answer, answer.length)).isEqualTo(answer.length);
        assertThat(HttpAnswer.end(answer, answer.length - 2)).isEqualTo(-1);
    }

    @Test
    void endsAfterTheLastChunkAndItsTrailers() {
        byte[] answer = bytes(
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nTrailer: t\r\n\r\n");

        assertThat(HttpAnswer.end(answer, answer.length)).isEqualTo(answer.length);
        for (int cut = 0; cut < answer.length; cut++) {
            assertThat(HttpAnswer.end(answer, cut)).as("cut at %d", cut).isEqualTo(-1);
        }
    }

    @Test
    void namesAFailureByItsStatusAndTheStartOfItsBody() {
        byte[] answer = bytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 14\r\n\r\n{\"type\":\"bad\"}");

        assertThat(HttpAnswer.describeFailure(answer, answer.length, 400)).isEqualTo("HTTP 400: {\"type\":\"bad\"}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }
}

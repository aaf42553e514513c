package dev.groundwork.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.http.RequestHeadParser.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadParserTest {
    final RequestHeadParser parser = new RequestHeadParser();

    Outcome parse(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsTheMethodTargetAndBodyLengthOfAnSdkRequest() throws IOException {
        String head = "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.GetItem\r\n"
                + "Content-Length: 42\r\n\r\n";

        Outcome outcome = parse(head + "{\"TableName\"");

        assertThat(outcome).isEqualTo(Outcome.COMPLETE);
        assertThat(parser.method()).isEqualTo("POST");
        assertThat(parser.target()).isEqualTo("DynamoDB_20120810.GetItem");
        assertThat(parser.contentLength()).isEqualTo(42);
        assertThat(parser.chunked()).isFalse();
        assertThat(parser.bodyStart()).isEqualTo(head.length());
        assertThat(parser.keepAlive()).isTrue();
        assertThat(parser.announceKeepAlive()).isFalse();
        assertThat(parser.expectsContinue()).isFalse();
    }

    @Test
    void readsTheBodysMediaTypeWithoutItsParametersOrCase() throws IOException {
        parse("POST / HTTP/1.1\r\nContent-Type: Application/JSON ; charset=utf-8\r\n\r\n");
        assertThat(parser.bodyType()).isEqualTo(RequestHeadParser.BodyType.JSON);

        parse("POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.0\r\n\r\n");
        assertThat(parser.bodyType()).isEqualTo(RequestHeadParser.BodyType.AMZ_JSON);

        parse("POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n\r\n");
        assertThat(parser.bodyType()).isEqualTo(RequestHeadParser.BodyType.FORM);

        parse("POST / HTTP/1.1\r\nContent-Type: application/jsonx\r\n\r\n");
        assertThat(parser.bodyType()).isEqualTo(RequestHeadParser.BodyType.OTHER);

        parse("POST / HTTP/1.1\r\n\r\n");
        assertThat(parser.bodyType()).isEqualTo(RequestHeadParser.BodyType.OTHER);
    }

    @Test
    void readsABrowsersOriginAndPreflightHeadersAndForgetsThemOnTheNextRequest() throws IOException {
        parse("OPTIONS / HTTP/1.1\r\nOrigin: https://a.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: x-amz-target\r\n\r\n");

        assertThat(parser.origin()).isEqualTo("https://a.example");
        assertThat(parser.requestedMethod()).isEqualTo("POST");
        assertThat(parser.requestedHeaders()).isEqualTo("x-amz-target");

        parse("POST / HTTP/1.1\r\n\r\n");

        assertThat(parser.origin()).isNull();
        assertThat(parser.requestedMethod()).isNull();
        assertThat(parser.requestedHeaders()).isNull();
    }

    @Test
    void matchesHeaderNamesWithoutCaseAndTrimsBlanksAroundValues() throws IOException {
        parse("POST / HTTP/1.1\nx-amz-target:   A.B  \ncontent-LENGTH:7\n\n");

        assertThat(parser.target()).isEqualTo("A.B");
        assertThat(parser.contentLength()).isEqualTo(7);
    }

    @Test
    void hasNoTargetWithoutAnXAmzTargetHeader() throws IOException {
        parse("GET / HTTP/1.1\r\n\r\n");

        assertThat(parser.method()).isEqualTo("GET");
        assertThat(parser.target()).isNull();
        assertThat(parser.contentLength()).isZero();
    }

    @Test
    void skipsEmptyLinesBeforeTheRequestLine() throws IOException {
        Outcome outcome = parse("\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");

        assertThat(outcome).isEqualTo(Outcome.COMPLETE);
        assertThat(parser.requestStart()).isEqualTo(4);
    }

    @Test
    void consumesEmptyLinesEvenWhileTheHeadIsIncomplete() throws IOException {
        Outcome outcome = parse("\r\n\r\nPOST / HTTP/1.1\r\nContent-Le");

        assertThat(outcome).isEqualTo(Outcome.INCOMPLETE);
        assertThat(parser.requestStart()).isEqualTo(4);
    }

    @Test
    void waitsForTheEmptyLineThatEndsTheHead() throws IOException {
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 2\r\n")).isEqualTo(Outcome.INCOMPLETE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POST /\r\n\r\n",
                "POST  / HTTP/1.1\r\n\r\n",
                "POST / HTTP/2\r\n\r\n",
                "POST / x HTTP/1.1\r\n\r\n"
            })
    void findsARequestLineThatIsNotHttp1Malformed(String head) throws IOException {
        assertThat(parse(head)).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void keepsAnHttp10ConnectionOpenOnlyWhenAskedAndThenSaysSo() throws IOException {
        parse("POST / HTTP/1.0\r\n\r\n");
        assertThat(parser.keepAlive()).isFalse();

        parse("POST / HTTP/1.0\r\nConnection: Upgrade ,keep-alive\r\n\r\n");
        assertThat(parser.keepAlive()).isTrue();
        assertThat(parser.announceKeepAlive()).isTrue();
    }

    @Test
    void closesWhenAnyConnectionHeaderListsClose() throws IOException {
        parse("POST / HTTP/1.1\r\nConnection: keep-alive\r\nConnection: TE, Close\r\n\r\n");

        assertThat(parser.keepAlive()).isFalse();
    }

    @Test
    void seesAChunkedBodyAndAnExpectedContinue() throws IOException {
        parse("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\nExpect: 100-continue\r\n\r\n");

        assertThat(parser.chunked()).isTrue();
        assertThat(parser.expectsContinue()).isTrue();
    }

    @Test
    void reusesTheTargetOfTheRequestBeforeWhenItRepeats() throws IOException {
        parse("POST / HTTP/1.1\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n\r\n");
        String first = parser.target();

        parse("POST / HTTP/1.1\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n\r\n");

        assertThat(parser.target()).isSameAs(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a", "-1", "1234567890123456789"})
    void dropsARequestWithABadContentLength(String length) {
        assertThatThrownBy(() -> parse("POST / HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void dropsAHeaderLineLongerThanItsLimitBeforeItEnds() {
        String longLine = "X-Long: " + "a".repeat(RequestHeadParser.MAX_HEADER_LINE + 1);

        assertThatThrownBy(() -> parse("POST / HTTP/1.1\r\n" + longLine)).isInstanceOf(IOException.class);
    }
}

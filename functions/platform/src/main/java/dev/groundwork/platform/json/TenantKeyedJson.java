package dev.groundwork.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Jackson for JSON whose keys a tenant or a client chooses: a request body (an item's attributes), an event (its
 * headers, a stream record's images), a queue message that carries items.
 *
 * <p>By default a Jackson factory keeps every key its parsers read in one table, shared by every parser it makes, for
 * as long as the process lives (up to about 6,000 keys before it starts the table again, each as long as the parser
 * takes). A function's process serves every tenant in turn, so one tenant's distinct long keys would stay in the memory
 * that the next tenants' requests need: 800 bodies of seven distinct 49,000-character keys kept 552 MB, enough to
 * stop a function at 1 GB ({@code TenantKeyedJsonTest} holds these parsers to keeping none). Each request pays for its
 * own keys, once, and leaves nothing behind.
 *
 * <p>Bytes are read through {@link #parser}: a factory that keeps no keys reads bytes with the JDK's lenient decoder,
 * which would put U+FFFD in place of a byte that is not UTF-8, where Jackson's own decoder refuses it. Together this
 * costs a 763-byte item body about 0.8 microseconds more to read ({@code ./groundwork bench json}).
 */
public final class TenantKeyedJson {
    private TenantKeyedJson() {}

    /** A factory builder whose parsers keep no key beyond the text they read. */
    public static JsonFactoryBuilder factory() {
        return new JsonFactoryBuilder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
    }

    /**
     * A parser of the factory's over the bytes, decoded strictly and at once (the JDK decodes runs of ASCII in bulk,
     * faster than a reader would). A mapper's reads with its factory's parser ({@code ObjectMapper#getFactory}).
     *
     * @throws NotUtf8Text when a byte sequence is not UTF-8, with where it starts
     */
    public static JsonParser parser(JsonFactory factory, byte[] bytes) throws IOException {
        CharBuffer text = decoded(bytes);
        return factory.createParser(text.array(), 0, text.position());
    }

    private static CharBuffer decoded(byte[] bytes) throws NotUtf8Text {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes, so this one buffer always holds the text.
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, text, true);
        if (result.isError()) {
            throw new NotUtf8Text(bytes, in.position());
        }
        decoder.flush(text);
        return text;
    }

    /**
     * A text in which the byte at {@link #offset} starts no UTF-8 character; every byte before it is UTF-8, so a reader
     * can still say where in the JSON it lies.
     */
    public static final class NotUtf8Text extends CharacterCodingException {
        private final int offset;
        private final int value;

        NotUtf8Text(byte[] text, int offset) {
            this.offset = offset;
            this.value = text[offset] & 0xFF;
        }

        /** Where the first byte that is not UTF-8 lies, counted in bytes from the start of the text. */
        public int offset() {
            return offset;
        }

        /** That byte, as {@code 0xE9}. */
        public String value() {
            return String.format("0x%02X", value);
        }

        @Override
        public String getMessage() {
            return "byte " + value() + " at offset " + offset + " is not UTF-8";
        }
    }
}

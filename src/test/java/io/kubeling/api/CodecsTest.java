package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.ObjectCodec;

class CodecsTest {

    private final Codecs codecs = new Codecs(new ObjectCodec());

    @Test
    void bytesThatAreNotUtf8ReadAsTheReplacementCharacterAsGosDecoderReadsThem() {
        byte[] small = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xff, 'y', '"', '}'};
        assertThat(codecs.readTree(small, WireFormat.JSON, true).get("a").asString()).isEqualTo("x\ufffdy");

        // past the parser's first buffer too
        byte[] large = ("{\"pad\":\"" + "p".repeat(10_000) + "\",\"a\":\"x?y\"}").getBytes();
        large[large.length - 4] = (byte) 0xc3;
        assertThat(codecs.readTree(large, WireFormat.JSON, false).get("a").asString()).isEqualTo("x\ufffdy");
    }

    @Test
    void bodiesInUtf16Or32OrWithAByteOrderMarkReadAsJacksonDetectsThem() {
        String json = "{\"a\":\"x\u00e9y\"}";
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] marked = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, marked, 0, bom.length);
        System.arraycopy(utf8, 0, marked, bom.length, utf8.length);
        for (byte[] body : java.util.List.of(utf8, marked, json.getBytes(java.nio.charset.StandardCharsets.UTF_16BE),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_16), json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")))) {
            assertThat(codecs.readTree(body, WireFormat.JSON, true).get("a").asString()).isEqualTo("x\u00e9y");
        }
        assertThat(Codecs.plainUtf8(utf8)).isTrue();
        assertThat(Codecs.plainUtf8(marked)).isFalse();
        assertThat(Codecs.plainUtf8(json.getBytes(java.nio.charset.StandardCharsets.UTF_16LE))).isFalse();
        assertThat(Codecs.plainUtf8(new byte[] {'1'})).isFalse();
        assertThat(codecs.readTree(new byte[] {'1'}, WireFormat.JSON, true).asInt()).isEqualTo(1);
    }
}

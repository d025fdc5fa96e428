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
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class GoJsonSyntaxTest {

    private static String error(String body) {
        return GoJsonSyntax.error(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wellFormedJsonHasNoError() {
        assertThat(error("{\"a\":[1,-2.5e+3,0.1E7,true,false,null,\"x\\\"\\u00e9\\n\"],\"b\":{}} \n")).isNull();
        assertThat(error("[]")).isNull();
        assertThat(error("null")).isNull();
        assertThat(error("12")).isNull();
    }

    @Test
    void anUnfinishedBodyEndsUnexpectedly() {
        assertThat(error("")).isEqualTo("unexpected end of JSON input");
        assertThat(error("  ")).isEqualTo("unexpected end of JSON input");
        assertThat(error("{\"apiVersion\":\"v1\",")).isEqualTo("unexpected end of JSON input");
        assertThat(error("{\"a\":\"open")).isEqualTo("unexpected end of JSON input");
        assertThat(error("[1,")).isEqualTo("unexpected end of JSON input");
    }

    @Test
    void eachPlaceAByteCannotBeIsNamedAsGoNamesIt() {
        assertThat(error("not json")).isEqualTo("invalid character 'o' in literal null (expecting 'u')");
        assertThat(error("{\"a\":tru}")).isEqualTo("invalid character '}' in literal true (expecting 'e')");
        assertThat(error("{\"a\":fals}")).isEqualTo("invalid character '}' in literal false (expecting 'e')");
        assertThat(error("{\"a\":1,}")).isEqualTo("invalid character '}' looking for beginning of object key string");
        assertThat(error("{'a':1}")).isEqualTo("invalid character '\\'' looking for beginning of object key string");
        assertThat(error("{\"a\" 1}")).isEqualTo("invalid character '1' after object key");
        assertThat(error("{\"a\":1 \"b\":2}")).isEqualTo("invalid character '\"' after object key:value pair");
        assertThat(error("{\"a\":01}")).isEqualTo("invalid character '1' after object key:value pair");
        assertThat(error("[1 2]")).isEqualTo("invalid character '2' after array element");
        assertThat(error("{\"a\":}")).isEqualTo("invalid character '}' looking for beginning of value");
        assertThat(error("{} x")).isEqualTo("invalid character 'x' after top-level value");
        assertThat(error("{}}")).isEqualTo("invalid character '}' after top-level value");
        assertThat(error("{\"a\":\"b\u0001\"}")).isEqualTo("invalid character '\\x01' in string literal");
        assertThat(error("{\"a\":\"b\nc\"}")).isEqualTo("invalid character '\\n' in string literal");
        assertThat(error("{\"a\":\"\\q\"}")).isEqualTo("invalid character 'q' in string escape code");
        assertThat(error("{\"a\":\"\\u12G4\"}")).isEqualTo("invalid character 'G' in \\u hexadecimal character escape");
        assertThat(error("{\"a\":-x}")).isEqualTo("invalid character 'x' in numeric literal");
        assertThat(error("{\"a\":1.}")).isEqualTo("invalid character '}' after decimal point in numeric literal");
        assertThat(error("{\"a\":1e}")).isEqualTo("invalid character '}' in exponent of numeric literal");
        assertThat(error("{\"a\":+1}")).isEqualTo("invalid character '+' looking for beginning of value");
        assertThat(error("{\"a\":\\}")).isEqualTo("invalid character '\\\\' looking for beginning of value");
    }

    @Test
    void aByteIsQuotedAsTheRuneOfItsValue() {
        assertThat(GoJsonSyntax.error(new byte[] {(byte) 0xc3, (byte) 0xa9}))
                .isEqualTo("invalid character 'Ã' looking for beginning of value");
        assertThat(GoJsonSyntax.error(new byte[] {(byte) 0x85})).isEqualTo("invalid character '\\u0085' looking for "
                + "beginning of value");
        assertThat(GoJsonSyntax.error(new byte[] {0x7f})).isEqualTo("invalid character '\\x7f' looking for beginning "
                + "of value");
        assertThat(GoJsonSyntax.error(new byte[] {0x09, 0x07})).isEqualTo("invalid character '\\a' looking for "
                + "beginning of value");
    }

    @Test
    void nestingDeeperThanGosLimitIsRefused() {
        assertThat(error("[".repeat(10000) + "]".repeat(10000))).isNull();
        assertThat(error("[".repeat(10001))).isEqualTo("invalid character '[' exceeded max depth");
    }

    @Test
    void theSummaryQuotesAnObjectAndGivesAnythingElseInHex() {
        assertThat(GoJsonSyntax.summary(new byte[0], 30)).isEqualTo("<empty>");
        assertThat(GoJsonSyntax.summary("{\"apiVersion\":\"v1\",".getBytes(StandardCharsets.UTF_8), 30))
                .isEqualTo("{\"apiVersion\":\"v1\",");
        assertThat(GoJsonSyntax.summary("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{}}"
                .getBytes(StandardCharsets.UTF_8), 30)).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod ...");
        assertThat(GoJsonSyntax.summary("[]".getBytes(StandardCharsets.UTF_8), 30)).isEqualTo("5b5d");
        assertThat(GoJsonSyntax.summary("not json".getBytes(StandardCharsets.UTF_8), 4)).isEqualTo("6e6f7420 ...");
    }
}

package io.kubeling.registry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoQuoteTest {

    @Test
    void stringsAreQuotedAsStrconvQuotesThem() {
        assertThat(GoQuote.quote("a\"b\\c\n\u0007\u007f\u00a0é")).isEqualTo("\"a\\\"b\\\\c\\n\\a\\x7f\\u00a0é\"");
    }

    /** encoding/json's quoteChar: quotes escaped for single quotes, the rest as strconv.Quote, bytes read as runes. */
    @Test
    void bytesAreQuotedAsEncodingJsonsQuoteCharQuotesThem() {
        assertThat(GoQuote.quoteChar('\'')).isEqualTo("'\\''");
        assertThat(GoQuote.quoteChar('"')).isEqualTo("'\"'");
        assertThat(GoQuote.quoteChar('}')).isEqualTo("'}'");
        assertThat(GoQuote.quoteChar('\\')).isEqualTo("'\\\\'");
        assertThat(GoQuote.quoteChar('\t')).isEqualTo("'\\t'");
        assertThat(GoQuote.quoteChar(0x0b)).isEqualTo("'\\v'");
        assertThat(GoQuote.quoteChar(0x01)).isEqualTo("'\\x01'");
        assertThat(GoQuote.quoteChar(0x7f)).isEqualTo("'\\x7f'");
        assertThat(GoQuote.quoteChar(0x85)).isEqualTo("'\\u0085'");
        assertThat(GoQuote.quoteChar(0xa0)).isEqualTo("'\\u00a0'");
        assertThat(GoQuote.quoteChar(0xad)).isEqualTo("'\\u00ad'");
        assertThat(GoQuote.quoteChar(0xc3)).isEqualTo("'Ã'");
    }
}

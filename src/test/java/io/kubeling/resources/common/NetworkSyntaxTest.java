package io.kubeling.resources.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkSyntaxTest {

    @Test
    void addressesInGosSloppyFormParse() {
        assertThat(NetworkSyntax.ip("10.0.0.1")).isNotNull();
        assertThat(NetworkSyntax.ip("010.000.000.001")).isNotNull();
        assertThat(NetworkSyntax.ip("2001:db8::FFFF")).isNotNull();
        assertThat(NetworkSyntax.ip("::ffff:10.0.0.1")).isNotNull();
        assertThat(NetworkSyntax.cidr("10.9.8.0/24")).isEqualTo(new NetworkSyntax.Cidr(
                java.math.BigInteger.valueOf(0x0A090800L), 24, 32));
    }

    @Test
    void digitsOfOtherScriptsAreNoAddress() {
        // Arabic-Indic and fullwidth digits: Character.isDigit takes them, Go's net.ParseIP does not
        assertThat(NetworkSyntax.ip("\u0661\u0660.0.0.1")).isNull();
        assertThat(NetworkSyntax.ip("\uff11\uff10.0.0.1")).isNull();
        assertThat(NetworkSyntax.ip("2001:db8::\uff11")).isNull();
        assertThat(NetworkSyntax.cidr("10.0.0.0/\u0662\u0664")).isNull();
        assertThat(NetworkSyntax.ip("10.0.0")).isNull();
        assertThat(NetworkSyntax.ip("10.0.0.256")).isNull();
    }
}

package io.kubeling.registry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class NamesTest {

    private static final String ALPHABET = "az09AZ-_./é ";

    /** The character checks accept exactly what kube's regular expressions, quoted in the messages, accept. */
    @Test
    void checksAgreeWithKubesRegularExpressions() {
        Pattern label = Pattern.compile(Names.LABEL_FMT);
        Pattern subdomain = Pattern.compile(Names.SUBDOMAIN_FMT);
        Pattern dns1035 = Pattern.compile(Names.DNS1035_FMT);
        Pattern qualified = Pattern.compile(Names.QUALIFIED_NAME_FMT);
        Pattern configKey = Pattern.compile(Names.CONFIG_KEY_FMT);
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String s = randomString(random, random.nextInt(7));
            assertThat(Names.isDns1123Label(s, 0, s.length())).as(s).isEqualTo(label.matcher(s).matches());
            assertThat(Names.isDns1123Subdomain(s)).as(s).isEqualTo(subdomain.matcher(s).matches());
            assertThat(Names.isDns1035Label(s)).as(s).isEqualTo(dns1035.matcher(s).matches());
            assertThat(Names.isQualifiedName(s)).as(s).isEqualTo(qualified.matcher(s).matches());
            assertThat(Names.isConfigKey(s)).as(s).isEqualTo(configKey.matcher(s).matches());
        }
    }

    @Test
    void aQualifiedNameHasAtMostOnePrefix() {
        assertThat(Names.qualifiedName("example.com/MyName")).isEmpty();
        assertThat(Names.qualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(Names.qualifiedName("Example.com/name")).singleElement().asString()
                .startsWith("prefix part a lowercase RFC 1123 subdomain");
        assertThat(Names.qualifiedName("a.com/")).containsExactly("name part must be non-empty");
        assertThat(Names.qualifiedName("a/b/c")).singleElement().asString()
                .startsWith("a qualified name must consist of").endsWith("(e.g. 'example.com/MyName')");
    }

    private static String randomString(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}

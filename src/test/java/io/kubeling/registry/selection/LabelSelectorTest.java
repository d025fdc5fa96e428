package io.kubeling.registry.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "replicas", "3");

    private static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @Test
    void equalityAndInequality() {
        assertThat(matches("app=web", WEB)).isTrue();
        assertThat(matches("app==web", WEB)).isTrue();
        assertThat(matches("app!=web", WEB)).isFalse();
        assertThat(matches("app!=api", WEB)).isTrue();
        assertThat(matches("missing!=x", WEB)).isTrue();
        assertThat(matches("app=web,tier=back", WEB)).isFalse();
    }

    @Test
    void setBasedRequirements() {
        assertThat(matches("app in (api, web)", WEB)).isTrue();
        assertThat(matches("app in (api)", WEB)).isFalse();
        assertThat(matches("app notin (api,db)", WEB)).isTrue();
        assertThat(matches("missing notin (x)", WEB)).isTrue();
        assertThat(matches("tier", WEB)).isTrue();
        assertThat(matches("!tier", WEB)).isFalse();
        assertThat(matches("!missing", WEB)).isTrue();
        assertThat(matches("replicas>2", WEB)).isTrue();
        assertThat(matches("replicas<2", WEB)).isFalse();
        assertThat(matches("app in (web),tier,!missing", WEB)).isTrue();
    }

    @Test
    void theEmptySelectorMatchesEverything() {
        assertThat(matches("", Map.of())).isTrue();
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
    }

    @Test
    void malformedSelectorsFailWithKubesWords() {
        assertThatThrownBy(() -> LabelSelector.parse("app in (web")).isInstanceOf(SelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: ");
        assertThatThrownBy(() -> LabelSelector.parse("app between (a)")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("found 'between', expected: in, notin, =, ==, !=, gt, lt");
        assertThatThrownBy(() -> LabelSelector.parse("bad key!=x")).isInstanceOf(SelectorException.class);
        assertThatThrownBy(() -> LabelSelector.parse("app=-bad")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("a valid label must be an empty string");
        assertThatThrownBy(() -> LabelSelector.parse("replicas>x")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("must be an integer");
    }

    @Test
    void fieldSelectorsParseEscapesAndRefuseUnknownFields() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b,status.phase!=Running");
        assertThat(selector.matches(Map.of("metadata.name", "a,b", "status.phase", "Pending"))).isTrue();
        assertThat(selector.matches(Map.of("metadata.name", "a,b", "status.phase", "Running"))).isFalse();
        assertThat(selector.requiredValue("metadata.name")).isEqualTo("a,b");
        assertThatThrownBy(() -> selector.checkSupported(java.util.Set.of("metadata.name")))
                .hasMessage("field label not supported: status.phase");
        assertThatThrownBy(() -> FieldSelector.parse("nonsense")).isInstanceOf(SelectorException.class);
    }
}

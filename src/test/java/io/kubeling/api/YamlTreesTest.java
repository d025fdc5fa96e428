package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class YamlTreesTest {

    private final YamlTrees yaml = new YamlTrees(500);

    private JsonNode read(String text) {
        return yaml.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scalarsResolveAsInJson() {
        JsonNode tree = read("s: text\ni: 12\nbig: 123456789012345678901\nf: 1.5\nb: true\nn: null\nq: \"12\"\nyes: yes\n");
        assertThat(tree.get("s").asString()).isEqualTo("text");
        assertThat(tree.get("i").isIntegralNumber()).isTrue();
        assertThat(tree.get("i").asInt()).isEqualTo(12);
        assertThat(tree.get("big").bigIntegerValue().toString()).isEqualTo("123456789012345678901");
        assertThat(tree.get("f").asDouble()).isEqualTo(1.5);
        assertThat(tree.get("b").isBoolean()).isTrue();
        assertThat(tree.get("n").isNull()).isTrue();
        assertThat(tree.get("q").isString()).isTrue();
        assertThat(tree.get("yes").asString()).isEqualTo("yes");
    }

    @Test
    void numbersAreTheNodesJsonGives() {
        assertThat(read("i: 12\nl: 4294967296\nf: 1.5\n"))
                .isEqualTo(tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree("{\"i\":12,\"l\":4294967296,\"f\":1.5}"));
    }

    @Test
    void aliasesAreExpandedAndMergeKeysMerged() {
        JsonNode tree = read("""
                base: &base {a: 1, b: 2}
                list: &list [x, y]
                copy: *base
                lists: [*list, *list]
                merged:
                  <<: *base
                  b: 3
                """);
        assertThat(tree.get("copy").toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(tree.get("lists").toString()).isEqualTo("[[\"x\",\"y\"],[\"x\",\"y\"]]");
        assertThat(tree.get("merged").toString()).isEqualTo("{\"b\":3,\"a\":1}");
        // expanded copies are the tree's own: changing one leaves the anchor's alone
        ((tools.jackson.databind.node.ObjectNode) tree.get("copy")).put("a", 9);
        assertThat(tree.get("base").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void onlyTheFirstDocumentIsRead() {
        assertThat(read("a: 1\n---\nb: 2\n").toString()).isEqualTo("{\"a\":1}");
        assertThat(read("").isMissingNode()).isTrue();
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThatThrownBy(() -> read(bomb.toString())).isInstanceOf(YamlTrees.Malformed.class)
                .hasMessage("yaml: document contains excessive aliasing");
    }

    @Test
    void syntaxErrorsAreWordedAsGoYamlWordsThemWithItsLineNumbers() {
        assertThatThrownBy(() -> read("a: b: c\n")).hasMessage("yaml: mapping values are not allowed in this context");
        assertThatThrownBy(() -> read("a: 1\nb: c: d\n"))
                .hasMessage("yaml: line 2: mapping values are not allowed in this context");
        assertThatThrownBy(() -> read("a:\n\tb: 1\n")).hasMessage("yaml: line 2: found character that cannot start "
                + "any token");
        assertThatThrownBy(() -> read("a: {b: [}\n")).hasMessage("yaml: did not find expected node content");
        assertThatThrownBy(() -> read("a:\n  b: 1\n c: 2\n")).hasMessage("yaml: line 2: did not find expected key");
        assertThatThrownBy(() -> read("- a\nb: c\n")).hasMessage("yaml: line 1: did not find expected '-' indicator");
    }

    @Test
    void unknownAnchorsDeepNestingAndSyntaxErrorsAreMalformed() {
        assertThatThrownBy(() -> read("a: *nowhere\n")).isInstanceOf(YamlTrees.Malformed.class)
                .hasMessage("yaml: unknown anchor 'nowhere' referenced");
        assertThatThrownBy(() -> read("[".repeat(100_000) + "]".repeat(100_000)))
                .isInstanceOf(YamlTrees.Malformed.class).hasMessageContaining("max depth");
        assertThatThrownBy(() -> read("a: [1, 2\n")).isInstanceOf(YamlTrees.Malformed.class)
                .hasMessage("yaml: line 1: did not find expected ',' or ']'");
        assertThatThrownBy(() -> read("? [a]\n: 1\n")).isInstanceOf(YamlTrees.Malformed.class)
                .hasMessageStartingWith("yaml: invalid map key");
    }
}

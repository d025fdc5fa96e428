package io.kubeling.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import tools.jackson.databind.json.JsonMapper;

class CelEngineTest {

    private static final CelEngine ENGINE = CelEngine.create(List.of(CelVariable.dyn("object"),
            new CelVariable("params", MapType.create(SimpleType.STRING, SimpleType.DYN))));

    private static Object eval(String expression, Object object) throws Exception {
        return ENGINE.compile(expression).evaluate(Map.of("object", object, "params", Map.of("max", 3L)));
    }

    private static Object eval(String expression) throws Exception {
        return eval(expression, Map.of());
    }

    @Test
    void evaluatesOverJsonTrees() throws Exception {
        Object pod = CelValues.fromJson(JsonMapper.builder().build().readTree("""
                {"metadata": {"name": "a", "labels": {"app": "web"}}, "spec": {"replicas": 2, "ratio": 0.5,
                 "containers": [{"name": "c", "image": "nginx:1"}]}}"""));
        assertThat(eval("object.metadata.labels.app == 'web' && object.spec.replicas < params.max", pod)).isEqualTo(true);
        assertThat(eval("object.spec.containers.all(c, c.image.startsWith('nginx'))", pod)).isEqualTo(true);
        assertThat(eval("has(object.spec.missing)", pod)).isEqualTo(false);
        assertThat(eval("object.spec.ratio * 2.0", pod)).isEqualTo(1.0);
    }

    @Test
    void compileErrorsAreCelGos() {
        assertThatThrownBy(() -> ENGINE.compile("nope > 1")).isInstanceOf(CelCompileException.class)
                .hasMessage("ERROR: <input>:1:1: undeclared reference to 'nope' (in container '')\n | nope > 1\n | ^");
        assertThatThrownBy(() -> ENGINE.compile("1 > 'a'")).hasMessage(
                "ERROR: <input>:1:3: found no matching overload for '_>_' applied to '(int, string)'\n | 1 > 'a'\n | ..^");
    }

    @Test
    void evaluationErrorsAreCelGos() {
        assertThatThrownBy(() -> eval("object.missing == 1")).isInstanceOf(CelEvaluationError.class)
                .hasMessage("no such key: missing");
        assertThatThrownBy(() -> eval("1 / 0")).hasMessage("division by zero");
        assertThatThrownBy(() -> eval("9223372036854775807 + 1")).hasMessage("integer overflow");
    }

    @Test
    void kubeListsAndRegex() throws Exception {
        assertThat(eval("[1, 2, 3].isSorted() && ![2, 1].isSorted()")).isEqualTo(true);
        assertThat(eval("[1, 2, 3].sum()")).isEqualTo(6L);
        assertThat(eval("[3, 1, 2].min() + [3, 1, 2].max()")).isEqualTo(4L);
        assertThat(eval("['a', 'b', 'a'].indexOf('a') + ['a', 'b', 'a'].lastIndexOf('a')")).isEqualTo(2L);
        assertThat(eval("'abc 123'.find('[0-9]+')")).isEqualTo("123");
        assertThat(eval("'a1b2c3'.findAll('[0-9]')")).isEqualTo(List.of("1", "2", "3"));
        assertThat(eval("'a1b2c3'.findAll('[0-9]', 2)")).isEqualTo(List.of("1", "2"));
        assertThat(eval("'abc'.matches('^a.c$')")).isEqualTo(true);
    }

    @Test
    void kubeStringsAndSets() throws Exception {
        assertThat(eval("'Hello'.lowerAscii() + ' ' + 'a,b'.split(',').join('-')")).isEqualTo("hello a-b");
        assertThat(eval("sets.contains([1, 2, 3], [1, 2])")).isEqualTo(true);
    }

    @Test
    void kubeUrlsIpsAndCidrs() throws Exception {
        assertThat(eval("url('https://user@example.com:8443/a%20b?x=1&x=2').getHostname()")).isEqualTo("example.com");
        assertThat(eval("url('https://example.com:8443/p').getPort()")).isEqualTo("8443");
        assertThat(eval("url('https://example.com/p?x=1&x=2').getQuery()")).isEqualTo(Map.of("x", List.of("1", "2")));
        assertThat(eval("isURL('not a url')")).isEqualTo(false);
        assertThat(eval("isIP('10.0.0.1') && !isIP('10.0.0.256') && ip('::1').family() == 6")).isEqualTo(true);
        assertThat(eval("ip('127.0.0.1').isLoopback()")).isEqualTo(true);
        assertThat(eval("cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP('11.0.0.1')"))
                .isEqualTo(true);
        assertThat(eval("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && cidr('10.1.2.3/8').masked().prefixLength() == 8"))
                .isEqualTo(true);
    }

    @Test
    void kubeQuantities() throws Exception {
        assertThat(eval("quantity('1Gi').isGreaterThan(quantity('1G'))")).isEqualTo(true);
        assertThat(eval("quantity('500m').add(quantity('1.5')).asInteger()")).isEqualTo(2L);
        assertThat(eval("quantity('1k').compareTo(quantity('1000'))")).isEqualTo(0L);
        assertThat(eval("isQuantity('1Gi') && !isQuantity('1 Gi')")).isEqualTo(true);
        assertThatThrownBy(() -> eval("quantity('250m').asInteger()")).isInstanceOf(CelEvaluationError.class);
    }
}

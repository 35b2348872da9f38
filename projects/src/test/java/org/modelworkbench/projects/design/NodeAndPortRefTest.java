package org.modelworkbench.projects.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NodeAndPortRefTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "conv1", "stage1_block2", "with-dash", "A9"})
    void validIdsStartWithALetterOrUnderscoreAndUseLettersDigitsUnderscoresAndDashes(String id) {
        assertThat(Node.isValidId(id)).isTrue();
        assertThat(new Node(id, "activation.relu", Map.of(), 0, 0).id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "-a", "a.b", "a b", "ünï", "a/b"})
    void invalidIdsAreRefusedWithAMessageThatExplainsTheRule(String id) {
        assertThat(Node.isValidId(id)).isFalse();
        assertThatThrownBy(() -> new Node(id, "activation.relu", Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid node id")
                .hasMessageContaining("letters, digits, _ and -");
    }

    @Test
    void idsAreAtMost128CharactersLong() {
        assertThat(Node.isValidId("a".repeat(128))).isTrue();
        assertThat(Node.isValidId("a".repeat(129))).isFalse();
        assertThat(Node.isValidId(null)).isFalse();
    }

    @Test
    void aNodesParametersAreACopyThatCannotBeModified() {
        Map<String, Object> params = new HashMap<>(Map.of("kernel", 3));
        Node n = new Node("c", "conv.conv2d", params, 1, 2);
        params.put("kernel", 5);
        assertThat(n.params()).containsExactly(Map.entry("kernel", 3));
        assertThatThrownBy(() -> n.params().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withParamAndAtReturnNewNodesAndLeaveTheOriginalAlone() {
        Node n = new Node("c", "conv.conv2d", Map.of("kernel", 3), 1, 2);
        Node edited = n.withParam("stride", 2);
        Node moved = n.at(10, 20);
        Node replaced = n.withParams(Map.of("padding", 0));
        assertThat(n.params()).containsOnlyKeys("kernel");
        assertThat(edited.params()).containsEntry("kernel", 3).containsEntry("stride", 2);
        assertThat(moved.x()).isEqualTo(10);
        assertThat(moved.y()).isEqualTo(20);
        assertThat(moved.params()).isEqualTo(n.params());
        assertThat(replaced.params()).containsOnlyKeys("padding");
        assertThat(replaced.x()).isEqualTo(1);
    }

    @Test
    void aPortReferenceIsParsedAtTheFirstDotSoPortNamesMayContainDots() {
        assertThat(PortRef.parse("conv1.y")).isEqualTo(new PortRef("conv1", "y"));
        assertThat(PortRef.parse("split.y.0")).isEqualTo(new PortRef("split", "y.0"));
        assertThat(new PortRef("conv1", "y")).hasToString("conv1.y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv1", ".y", "conv1.", ""})
    void textThatIsNotNodeDotPortIsRefused(String text) {
        assertThatThrownBy(() -> PortRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a port reference");
    }

    @Test
    void anEdgeReadsFromSourceToTarget() {
        assertThat(new Edge(PortRef.parse("a.y"), PortRef.parse("b.x"))).hasToString("a.y → b.x");
    }
}

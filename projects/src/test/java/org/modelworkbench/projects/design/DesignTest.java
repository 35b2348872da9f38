package org.modelworkbench.projects.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DesignTest {
    private Design design;
    private final List<DesignChange> changes = new ArrayList<>();

    private static Node relu(String id) {
        return new Node(id, "activation.relu", Map.of(), 0, 0);
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @BeforeEach
    void chainOfThreeNodes() {
        design = new Design("chain");
        design.addNode(new Node("in", "io.image_input", Map.of("channels", 1), 0, 0));
        design.addNode(relu("a"));
        design.addNode(relu("b"));
        design.connect(edge("in.y", "a.x"));
        design.connect(edge("a.y", "b.x"));
        design.addListener(changes::add);
    }

    @Test
    void aNewDesignIsEmptyWithItsNameAnEmptyDescriptionAndRevisionZero() {
        Design d = new Design("Fresh");
        assertThat(d.name()).isEqualTo("Fresh");
        assertThat(d.description()).isEmpty();
        assertThat(d.revision()).isZero();
        assertThat(d.nodes()).isEmpty();
        assertThat(d.edges()).isEmpty();
        assertThat(d.size()).isZero();
    }

    @Test
    void addedNodesAreKeptInInsertionOrderAndFoundById() {
        assertThat(design.nodes()).extracting(Node::id).containsExactly("in", "a", "b");
        assertThat(design.size()).isEqualTo(3);
        assertThat(design.node("a")).contains(relu("a"));
        assertThat(design.node("missing")).isEmpty();
    }

    @Test
    void addingANodeWithAnIdThatIsTakenIsRefusedAndChangesNothing() {
        long revision = design.revision();
        assertThatThrownBy(() -> design.addNode(relu("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' already exists");
        assertThat(design.revision()).isEqualTo(revision);
        assertThat(changes).isEmpty();
    }

    @Test
    void addingANodeTellsTheListenersWhichNodeChangedAndBumpsTheRevision() {
        long revision = design.revision();
        design.addNode(relu("c"));
        assertThat(changes).containsExactly(new DesignChange.NodeChanged("c"));
        assertThat(design.revision()).isEqualTo(revision + 1);
    }

    @Test
    void replacingANodeWithOtherParametersIsANodeChange() {
        Node a = design.node("a").orElseThrow();
        design.replaceNode(new Node("a", "activation.gelu", Map.of(), a.x(), a.y()));
        Node in = design.node("in").orElseThrow();
        design.replaceNode(in.withParam("channels", 3));
        assertThat(changes).containsExactly(new DesignChange.NodeChanged("a"), new DesignChange.NodeChanged("in"));
        assertThat(design.node("a").orElseThrow().type()).isEqualTo("activation.gelu");
        assertThat(design.node("in").orElseThrow().params()).containsEntry("channels", 3);
    }

    @Test
    void replacingANodeWithOnlyANewPositionIsAMoveAndKeepsItsPlaceAndEdges() {
        long revision = design.revision();
        design.replaceNode(design.node("a").orElseThrow().at(300, 400));
        assertThat(changes).containsExactly(new DesignChange.NodeMoved("a"));
        assertThat(design.revision()).isEqualTo(revision + 1);
        assertThat(design.node("a").orElseThrow().x()).isEqualTo(300);
        assertThat(design.node("a").orElseThrow().y()).isEqualTo(400);
        assertThat(design.nodes()).extracting(Node::id).containsExactly("in", "a", "b");
        assertThat(design.edges()).hasSize(2);
    }

    @Test
    void replacingANodeThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> design.replaceNode(relu("ghost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node named 'ghost'");
        assertThat(changes).isEmpty();
    }

    @Test
    void removingANodeDetachesEveryEdgeAttachedToItAndReturnsThem() {
        design.addNode(relu("c"));
        design.connect(edge("a.y", "c.x"));
        changes.clear();
        long revision = design.revision();

        List<Edge> removed = design.removeNode("a");

        assertThat(removed).containsExactlyInAnyOrder(edge("in.y", "a.x"), edge("a.y", "b.x"), edge("a.y", "c.x"));
        assertThat(design.node("a")).isEmpty();
        assertThat(design.edges()).isEmpty();
        assertThat(design.incoming("b")).isEmpty();
        assertThat(design.incoming("c")).isEmpty();
        assertThat(design.outgoing("in")).isEmpty();
        assertThat(design.outgoing("a")).isEmpty();
        assertThat(changes).hasSize(4).endsWith(new DesignChange.NodeChanged("a"));
        assertThat(changes.subList(0, 3)).allMatch(c -> c instanceof DesignChange.EdgeChanged);
        assertThat(design.revision()).isEqualTo(revision + 4);
    }

    @Test
    void theEdgesReturnedByRemoveNodeRestoreTheDesignWhenReconnected() {
        Node a = design.node("a").orElseThrow();
        List<Edge> before = List.copyOf(design.edges());
        List<Edge> removed = design.removeNode("a");
        design.addNode(a);
        removed.forEach(design::connect);
        assertThat(design.edges()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(design.incoming("b")).containsEntry("x", edge("a.y", "b.x"));
    }

    @Test
    void removingANodeThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> design.removeNode("ghost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node named 'ghost'");
    }

    @Test
    void connectRecordsTheEdgeByInputPortAndInTheOutgoingListInOrder() {
        design.addNode(relu("c"));
        design.connect(edge("a.y", "c.x"));
        assertThat(design.incoming("c")).containsExactly(Map.entry("x", edge("a.y", "c.x")));
        assertThat(design.outgoing("a")).containsExactly(edge("a.y", "b.x"), edge("a.y", "c.x"));
        assertThat(design.edges()).containsExactly(edge("in.y", "a.x"), edge("a.y", "b.x"), edge("a.y", "c.x"));
        assertThat(changes).containsExactly(new DesignChange.NodeChanged("c"), new DesignChange.EdgeChanged(edge("a.y", "c.x")));
    }

    @Test
    void connectRefusesASecondEdgeIntoOneInputAndNamesTheEdgeAlreadyThere() {
        long revision = design.revision();
        assertThatThrownBy(() -> design.connect(edge("in.y", "b.x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input b.x is already connected to a.y");
        assertThat(design.incoming("b")).containsExactly(Map.entry("x", edge("a.y", "b.x")));
        assertThat(design.edges()).hasSize(2);
        assertThat(design.revision()).isEqualTo(revision);
        assertThat(changes).isEmpty();
    }

    @Test
    void connectRefusesAnEdgeFromOrToANodeThatDoesNotExist() {
        assertThatThrownBy(() -> design.connect(edge("ghost.y", "b.x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node named 'ghost'");
        assertThatThrownBy(() -> design.connect(edge("a.y", "ghost.x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node named 'ghost'");
        assertThat(design.edges()).hasSize(2);
        assertThat(changes).isEmpty();
    }

    @Test
    void connectDoesNotCheckPortNamesThatIsTheAnalysersJob() {
        design.addNode(relu("c"));
        design.connect(edge("a.nonsense", "c.whatever"));
        assertThat(design.incoming("c")).containsKey("whatever");
    }

    @Test
    void disconnectRemovesTheEdgeFreesTheInputAndTellsTheListeners() {
        Edge e = edge("a.y", "b.x");
        design.disconnect(e);
        assertThat(design.edges()).containsExactly(edge("in.y", "a.x"));
        assertThat(design.incoming("b")).isEmpty();
        assertThat(design.outgoing("a")).isEmpty();
        assertThat(changes).containsExactly(new DesignChange.EdgeChanged(e));
        design.connect(edge("in.y", "b.x"));
        assertThat(design.incoming("b")).containsEntry("x", edge("in.y", "b.x"));
    }

    @Test
    void disconnectingAnEdgeThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> design.disconnect(edge("in.y", "b.x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no edge");
        assertThat(changes).isEmpty();
    }

    @Test
    void everyMutationBumpsTheRevisionByOne() {
        long r = design.revision();
        design.setName("renamed");
        assertThat(design.revision()).isEqualTo(++r);
        design.setDescription("text");
        assertThat(design.revision()).isEqualTo(++r);
        design.addNode(relu("c"));
        assertThat(design.revision()).isEqualTo(++r);
        design.connect(edge("b.y", "c.x"));
        assertThat(design.revision()).isEqualTo(++r);
        design.replaceNode(relu("c").at(5, 5));
        assertThat(design.revision()).isEqualTo(++r);
        design.disconnect(edge("b.y", "c.x"));
        assertThat(design.revision()).isEqualTo(++r);
        design.removeNode("c");
        assertThat(design.revision()).isEqualTo(++r);
    }

    @Test
    void nameAndDescriptionChangesAreMetadataChanges() {
        design.setName("new name");
        design.setDescription("new description");
        assertThat(design.name()).isEqualTo("new name");
        assertThat(design.description()).isEqualTo("new description");
        assertThat(changes).containsExactly(new DesignChange.MetadataChanged(), new DesignChange.MetadataChanged());
        assertThatThrownBy(() -> design.setName(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        List<DesignChange> other = new ArrayList<>();
        Consumer<DesignChange> listener = other::add;
        design.addListener(listener);
        design.addNode(relu("c"));
        design.removeListener(listener);
        design.addNode(relu("d"));
        assertThat(other).containsExactly(new DesignChange.NodeChanged("c"));
        assertThat(changes).hasSize(2);
    }

    @Test
    void uniqueIdReturnsTheBaseWhenFreeAndOtherwiseTheFirstFreeNumberedVariant() {
        assertThat(design.uniqueId("conv")).isEqualTo("conv");
        assertThat(design.uniqueId("a")).isEqualTo("a_2");
        design.addNode(relu("a_2"));
        assertThat(design.uniqueId("a")).isEqualTo("a_3");
        design.addNode(relu("a_4"));
        assertThat(design.uniqueId("a")).isEqualTo("a_3");
    }

    @Test
    void aCopyHasTheSameContentAndRevisionButIsIndependentAndHasNoListeners() {
        design.setDescription("described");
        Design copy = design.copy();
        changes.clear();

        assertThat(copy.name()).isEqualTo(design.name());
        assertThat(copy.description()).isEqualTo("described");
        assertThat(copy.revision()).isEqualTo(design.revision());
        assertThat(copy.nodes()).containsExactlyElementsOf(design.nodes());
        assertThat(copy.edges()).containsExactlyElementsOf(design.edges());
        assertThat(copy.incoming("b")).isEqualTo(design.incoming("b"));
        assertThat(copy.outgoing("a")).isEqualTo(design.outgoing("a"));

        copy.removeNode("a");
        copy.addNode(relu("z"));
        copy.setName("copy");
        assertThat(changes).as("the original's listeners hear nothing of the copy").isEmpty();
        assertThat(design.node("a")).isPresent();
        assertThat(design.node("z")).isEmpty();
        assertThat(design.edges()).hasSize(2);
        assertThat(design.name()).isEqualTo("chain");

        design.removeNode("b");
        assertThat(copy.node("b")).isPresent();
    }

    @Test
    void theViewsOfNodesEdgesAndPortsCannotBeModified() {
        assertThatThrownBy(() -> design.nodes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> design.edges().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> design.incoming("a").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> design.outgoing("a").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(design.incoming("nobody")).isEmpty();
        assertThat(design.outgoing("nobody")).isEmpty();
    }
}

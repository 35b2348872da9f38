package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Template cards on the start page: names whole, and anything shortened is whole in the tooltip. */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StartPageCardsTest {
    @TempDir
    static Path data;

    @Start
    void start(Stage stage) {
        WorkbenchFixture.open(stage, data);
    }

    private static String shown(Label l) {
        StringBuilder b = new StringBuilder();
        for (Node n : ((Parent) l).getChildrenUnmodifiable()) {
            if (n instanceof Text t) {
                b.append(b.length() == 0 ? "" : " ").append(t.getText());
            }
        }
        return b.toString();
    }

    @Test
    void every_card_shows_its_name_whole_and_its_tooltip_carries_whatever_it_shortens(FxRobot robot) {
        WorkbenchFixture.waitUntil(() -> robot.lookup("#template-resnet18").tryQuery().isPresent());
        WorkbenchFixture.settle(robot);
        int cards = 0;
        for (TemplateInfo t : Templates.list()) {
            Button card = robot.lookup("#template-" + t.id()).queryButton();
            String tip = card.getTooltip().getText();
            assertThat(tip).as(t.id()).contains(t.name()).contains(t.description());
            for (Node n : card.lookupAll(".label")) {
                Label l = (Label) n;
                if (l.getText() == null || l.getText().isEmpty() || l == card.getGraphic()) {
                    continue;
                }
                String full = l.getText();
                String drawn = shown(l).replace("\n", " ").replaceAll("\\s+", " ").strip();
                if (!drawn.equals(full.replaceAll("\\s+", " ").strip())) {
                    assertThat(tip).as(t.id() + ": " + full).contains(full.endsWith("…")
                            ? full.substring(0, full.length() - 1).strip() : full);
                }
                if (l.getStyleClass().contains("card-title") || l.getStyleClass().contains("card-figure")) {
                    assertThat(drawn).as(t.id() + " " + l.getStyleClass()).isEqualTo(full);
                }
            }
            cards++;
        }
        assertThat(cards).isEqualTo(Templates.list().size());
    }
}

package org.modelworkbench.editor.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HeadlessToolkitTest {
    private int clicks;

    @Start
    void start(Stage stage) {
        Button b = new Button("Click");
        b.setId("button");
        b.setOnAction(e -> clicks++);
        stage.setScene(new Scene(b, 200, 100));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void theRobotCanClickAButtonInTheHeadlessToolkit(FxRobot robot) {
        robot.clickOn("#button");
        assertThat(clicks).isEqualTo(1);
    }
}

package org.modelworkbench.app.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.training.TrainingServices;
import org.modelworkbench.app.gui.window.MainWindow;

/** The desktop application: one main window over the user's preferences and app data folder. */
public final class WorkbenchApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppFolders folders = AppFolders.standard();
        Preferences preferences = Preferences.load(folders.preferencesFile());
        preferences.theme().apply();
        // The training worker and the run records. This build has no worker yet: Train says so.
        TrainingServices training = TrainingServices.unavailable();
        window = new MainWindow(stage, folders, preferences, url -> getHostServices().showDocument(url), Platform::exit,
                training);
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}

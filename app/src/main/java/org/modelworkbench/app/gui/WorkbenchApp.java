package org.modelworkbench.app.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.training.TrainingServices;
import org.modelworkbench.app.gui.window.MainWindow;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.worker.WorkerLauncher;

/** The desktop application: one main window over the user's preferences and app data folder. */
public final class WorkbenchApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppFolders folders = AppFolders.standard();
        Preferences preferences = Preferences.load(folders.preferencesFile());
        preferences.theme().apply();
        // Training runs in a worker JVM (a native crash never takes the editor down); runs are read
        // from the runs folder beside the design.
        TrainingServices training = new TrainingServices(
                new WorkerLauncher(new DataFolder(folders.data()).djlCache()), RunStore::new);
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

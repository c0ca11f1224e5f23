package dlwj.cli;

/**
 * Options that take part in their command's run: {@link Commands} calls {@link #beforeRun()} after every
 * option is checked and just before the command runs, and {@link #afterRun()} when it has ended, whether it
 * succeeded or failed (the data options make their source the one {@code loadData()} uses for the run; the
 * examples' options list the files the run wrote).
 */
public interface RunScoped {

    void beforeRun();

    void afterRun();
}

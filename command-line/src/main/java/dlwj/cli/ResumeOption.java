package dlwj.cli;

import picocli.CommandLine.Option;

/**
 * {@code --resume}, shared by the long examples, which checkpoint every epoch into their output folder
 * ({@code Trainer.checkpointed}), and by {@code reproduce}, which passes it on to them.
 */
public final class ResumeOption {

    @Option(names = "--resume",
            description = "Go on from the checkpoint that an interrupted run of the same settings left in --out.")
    boolean resume;

    /** Whether the reader asked to go on from a checkpoint. */
    public boolean requested() {
        return resume;
    }
}

package dlwj.cli;

import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.keras.layers.UnsupportedBackendException;
import dlwj.training.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one error path of every command of this project ({@code describe}, the examples, {@code reproduce},
 * the benchmark): the options are parsed and {@linkplain CheckedOptions checked} before any work, and what
 * a user can get wrong ends as one line on standard error, never a stack trace:
 * <ul>
 *   <li>status 2: a bad option (unknown, malformed, out of range, an {@code --out} that can't be written);</li>
 *   <li>status 1: data that can't be had or is damaged, a file-system error (read-only, full), out of
 *       memory, a training that diverged, the project's layers on a backend other than the CPU one;</li>
 * </ul>
 * {@code --verbose} adds the stack trace. Anything else is a defect of the program and keeps its trace.
 */
public final class Commands {

    static final String VERBOSE = "--verbose";

    private Commands() {
    }

    /**
     * The {@code options} given on the command line just parsed, as arguments again, in the order declared
     * ({@code --mirror DIR --local-file A --local-file B}): for a command that passes options on to others,
     * as {@code reproduce} passes the data options to the examples.
     */
    public static List<String> givenArguments(List<OptionSpec> options) {
        List<String> arguments = new ArrayList<>();
        for (OptionSpec option : options) {
            if (option.arity().max() == 0) {
                if (!option.originalStringValues().isEmpty()) {
                    arguments.add(option.longestName());
                }
                continue;
            }
            for (String value : option.originalStringValues()) {
                arguments.add(option.longestName());
                arguments.add(value);
            }
        }
        return arguments;
    }

    /** Runs {@code command} with {@code args} and returns its exit status; messages go to {@code err}. */
    public static int execute(Object command, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(command).setErr(err);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(e));
            return 1;
        }
    }

    /** The command line of {@code command} with this error path, for callers that set its streams. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.getCommandSpec().addOption(OptionSpec.builder(VERBOSE)
                .description("Print the full stack trace of an error.").build());
        return commandLine
                .setExecutionStrategy(Commands::checkThenRun)
                .setParameterExceptionHandler(Commands::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    String message = userMessage(e);
                    if (message == null) {
                        throw e;
                    }
                    cmd.getErr().println(message);
                    if (parsed.hasMatchedOption(VERBOSE)) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
    }

    private static int checkThenRun(ParseResult parsed) {
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        List<Object> options = new ArrayList<>();
        Deque<CommandSpec> specs = new ArrayDeque<>();
        specs.push(parsed.commandSpec());
        while (!specs.isEmpty()) {
            CommandSpec spec = specs.pop();
            spec.mixins().values().forEach(specs::push);
            options.add(spec.userObject());
        }
        for (Object option : options) {
            if (option instanceof CheckedOptions checked) {
                try {
                    checked.checkOptions();
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(parsed.commandSpec().commandLine(), e.getMessage(), e);
                } catch (RuntimeException e) { // a check that reads a file the user gave: reported as the run's errors
                    throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
        }
        List<RunScoped> scoped = options.stream().filter(RunScoped.class::isInstance).map(RunScoped.class::cast)
                .toList();
        scoped.forEach(RunScoped::beforeRun);
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            scoped.forEach(RunScoped::afterRun);
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println(e.getMessage() + " (" + commandLine.getCommandName() + " --help lists the options)");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The one line a user reads for {@code e}, or {@code null} where {@code e} is a defect of the program. */
    static String userMessage(Throwable e) {
        if (e instanceof OutOfMemoryError oom) {
            return outOfMemory(oom);
        }
        if (e instanceof UncheckedIOException unchecked) {
            boolean bare = unchecked.getMessage().equals(unchecked.getCause().toString());
            return bare ? userMessage(unchecked.getCause()) : unchecked.getMessage();
        }
        if (e instanceof FileSystemException fileSystem) {
            String reason = fileSystem.getReason() != null ? fileSystem.getReason()
                    : fileSystem.getClass().getSimpleName().replace("Exception", "");
            return "Could not use " + fileSystem.getFile() + ": " + reason
                    + (fileSystem.getOtherFile() != null ? " (" + fileSystem.getOtherFile() + ")" : "");
        }
        if (e instanceof IOException || e instanceof DatasetUnavailableException || e instanceof CommandFailure
                || e instanceof TrainingDivergedException || e instanceof UnsupportedBackendException
                || e instanceof IllegalArgumentException) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return null;
    }

    private static String outOfMemory(OutOfMemoryError e) {
        return "Out of memory: " + e.getMessage() + ". ND4J keeps its arrays off the Java heap: allow it more with"
                + " -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G (in MAVEN_OPTS"
                + " for mvn exec), or run with --quick.";
    }
}

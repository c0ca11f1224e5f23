"""Runs the project's benchmark and the PyTorch peer alternating, and prints the table docs/performance.md shows.

For each round and each model: the benchmark (through the Maven wrapper, so it is built as a reader builds it),
then the peer (torch_peer.py beside this script), each printing `model=NAME ... epoch_s=SECONDS ...`. The table
gives per model the median epoch time of each side with its spread (lowest-highest) over the rounds, and the
ratio of the medians.

    /usr/bin/python3 docs/reference/compare_with_torch.py --rounds 3 --epochs 2 \
        mnist-dense imdb-dense reuters-dense boston-dense mnist-convnet catsdogs-convnet vgg16-features \
        imdb-lstm jena-gru imdb-conv1d posts-multi-output

Needs Debian's python3-torch (and libopenblas0-openmp) for the peer; nothing else beyond the standard library.
Run it on a quiet machine: only ratios from one sitting compare.
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys

EPOCH = re.compile(r"model=(\S+) .*epoch_s=([0-9.]+)")


def epoch_seconds(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("%s failed (status %d):\n%s%s" % (" ".join(command), done.returncode, done.stdout, done.stderr))
    return {m.group(1): float(m.group(2)) for m in map(EPOCH.search, done.stdout.splitlines()) if m}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--torch", default=str(pathlib.Path(__file__).with_name("torch_peer.py")),
                        help="the peer script (default: torch_peer.py beside this one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repository", default=".", help="the project's root (default: here)")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a median and a spread need them")

    java = ["./mvnw", "-q", "-o", "-pl", "benchmark", "-am", "test-compile", "exec:java@benchmark",
            "-Dargs=%s --epochs %d" % (" ".join(args.models), args.epochs)]
    torch = [sys.executable, args.torch, "--epochs", str(args.epochs)] + args.models
    times = {side: {model: [] for model in args.models} for side in ("java", "torch")}
    for round_number in range(1, args.rounds + 1):
        for side, command in (("java", java), ("torch", torch)):
            measured = epoch_seconds(command, args.repository)
            for model in args.models:
                if model not in measured:
                    sys.exit("%s printed no epoch time for %s" % (side, model))
                times[side][model].append(measured[model])
            print("round %d, %s: %s" % (round_number, side, measured), file=sys.stderr, flush=True)

    print("| model | DL4J epoch s, median (spread) | PyTorch epoch s, median (spread) | DL4J / PyTorch |")
    print("|---|---|---|---|")
    for model in args.models:
        java_times, torch_times = times["java"][model], times["torch"][model]
        java_median, torch_median = statistics.median(java_times), statistics.median(torch_times)
        print("| %s | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %.2fx |" % (
            model, java_median, min(java_times), max(java_times),
            torch_median, min(torch_times), max(torch_times), java_median / torch_median))


if __name__ == "__main__":
    main()

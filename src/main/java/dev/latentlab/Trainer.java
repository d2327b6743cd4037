package dev.latentlab;

import dev.latentlab.cli.RootCommand;

/** Entry point of trainer.jar: {@code java -jar trainer.jar --config configs/X.yaml} and its subcommands. */
public final class Trainer {
    private Trainer() {
    }

    public static void main(String[] args) {
        System.exit(RootCommand.main(args));
    }
}

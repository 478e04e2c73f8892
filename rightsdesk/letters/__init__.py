"""Letters to people who asked for help, and to the parties responsible for what happened."""

package org.lmlab.config;

/**
 * A problem with something the user handed us — a config key, an override, a checkpoint, a shard, a tokenizer
 * file. The message is the whole story in one line (it names the file, key path or line and what is allowed),
 * so the command line prints it as-is and exits with status 2, never with a stack trace.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

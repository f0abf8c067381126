package io.semhash.spark;

/**
 * A reason the job stops that the user can act on, one line naming the file, line, id or flag:
 * printed as it is, without a stack trace. Serializable (as every exception), so a task's failure
 * reaches the driver with its message.
 */
final class JobFailure extends RuntimeException {
  JobFailure(String message) {
    super(message);
  }

  JobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
